/**
 * The widget's API as messages: what a page may ask of an iframe widget (or
 * call on a <kafka-lab> element), checked with valibot before anything acts.
 * A message that is not one of these is ignored with a console warning that
 * names what was wrong; nothing in a message is ever executed or rendered as HTML.
 *
 * Request:  { kafkaLab: 1, id?: string | number, method, args? }
 * Reply:    { kafkaLab: 1, type: 'reply', id, ok: true, result } | { …, ok: false, error }
 * Event:    { kafkaLab: 1, type: 'event', event: 'ready' | 'time' | 'anomaly' | 'lesson-step' | 'error', data }
 */
import * as v from 'valibot';

export const PROTOCOL = 1;

const name = v.pipe(v.string(), v.minLength(1), v.maxLength(200));
const scalar = v.union([v.pipe(v.string(), v.maxLength(200)), v.pipe(v.number(), v.finite()), v.boolean()]);
const brokerTarget = v.union([v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(64)), v.object({ leaderOf: name })]);
const ms = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(86_400_000));

/**
 * A fault as the lab's Actions send it (applied now); a config change is setConfig.
 * The engine checks the names against the running cluster.
 */
const faultSchema = v.variant('type', [
  v.object({ type: v.picklist(['crash', 'shutdown', 'restart']), broker: brokerTarget }),
  v.object({ type: v.literal('power-loss'), brokers: v.pipe(v.array(brokerTarget), v.maxLength(64)) }),
  v.object({ type: v.literal('partition'), groups: v.pipe(v.array(v.pipe(v.array(name), v.maxLength(64))), v.maxLength(16)) }),
  v.object({ type: v.literal('isolate'), node: v.union([name, v.object({ leaderOf: name })]) }),
  v.object({ type: v.literal('heal') }),
  v.object({ type: v.literal('link'), from: name, to: name, drop: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(1))), delayMs: v.optional(ms), oneWay: v.optional(v.boolean()) }),
  v.object({ type: v.literal('slow-follower'), broker: brokerTarget, delayMs: ms }),
  v.object({ type: v.literal('producer-restart'), producer: name }),
  v.object({ type: v.picklist(['consumer-crash', 'consumer-close', 'consumer-restart', 'consumer-add']), consumer: name }),
  v.object({ type: v.literal('consumer-stall'), consumer: name, ms }),
]);

const configSchema = v.variant('scope', [
  v.object({ scope: v.literal('producer'), producer: name, key: name, value: scalar }),
  v.object({ scope: v.literal('topic'), topic: name, key: name, value: scalar }),
  v.object({ scope: v.literal('cluster'), key: v.picklist(['brokers', 'partitions', 'replication.factor']), value: scalar }),
  v.object({ scope: v.literal('consumer'), group: name, key: name, value: scalar }),
]);

/** load: a preset id or URL (string), or a scenario / run as JSON (an object; the engine validates it). */
const loadArg = v.union([v.pipe(v.string(), v.minLength(1), v.maxLength(2048)), v.looseObject({})]);

const id = v.optional(v.union([v.pipe(v.string(), v.maxLength(100)), v.pipe(v.number(), v.finite())]));
const base = { kafkaLab: v.literal(PROTOCOL), id };

export const RequestSchema = v.variant('method', [
  v.object({ ...base, method: v.picklist(['play', 'pause', 'step', 'getFates', 'getState']) }),
  v.object({ ...base, method: v.literal('seek'), args: v.object({ t: ms }) }),
  v.object({ ...base, method: v.literal('load'), args: v.object({ scenario: loadArg }) }),
  v.object({ ...base, method: v.literal('setConfig'), args: configSchema }),
  v.object({ ...base, method: v.literal('fault'), args: faultSchema }),
]);

export type Request = v.InferOutput<typeof RequestSchema>;
export type Method = Request['method'];
export const METHODS: Method[] = ['play', 'pause', 'step', 'seek', 'load', 'setConfig', 'fault', 'getFates', 'getState'];
export const EVENTS = ['ready', 'time', 'anomaly', 'lesson-step', 'error'] as const;
export type WidgetEvent = (typeof EVENTS)[number];

/** A request, or the reason it is not one (for the console warning: what was wrong and where). */
export function readRequest(data: unknown): { ok: true; request: Request } | { ok: false; reason: string } {
  const r = v.safeParse(RequestSchema, data);
  if (r.success) return { ok: true, request: r.output };
  const issue = r.issues[0];
  const path = v.getDotPath(issue);
  return { ok: false, reason: `${path ? `${path}: ` : ''}${issue.message}` };
}

/** A short, safe description of a message for a warning (never the whole of a large or hostile payload). */
export function describe(data: unknown): string {
  let s: string;
  try {
    s = typeof data === 'string' ? JSON.stringify(data) : (JSON.stringify(data) ?? String(data));
  } catch {
    s = Object.prototype.toString.call(data);
  }
  return s.length > 120 ? `${s.slice(0, 117)}…` : s;
}
