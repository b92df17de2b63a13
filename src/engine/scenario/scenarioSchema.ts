/**
 * The scenario format as one declarative valibot schema: every field, its
 * type, range, default and the fields allowed beside it. public/scenario.schema.json
 * is generated from it (npm run schema). Rules that relate fields to each other
 * (names, references, Kafka's cross-config checks) are in scenarioRules.ts.
 * Each message is a problem code (scenarioProblems.ts); issueToError turns the
 * first issue into a ScenarioError that names the field by its path.
 */
import * as v from 'valibot';
import { BROKER_CONFIG, CONSUMER_CONFIG, INT_MAX, LONG_MAX, PRODUCER_CONFIG, type ConfigKeySpec } from '../core/configSpec.ts';
import { describe } from '../core/scenarioError.ts';
import { problem, type ProblemCode } from '../core/scenarioProblems.ts';
import { FAULT_TYPES } from '../core/faults.ts';
import { TOPIC_NAME_MAX } from '../core/names.ts';
import { SUMMARY_COUNTS } from '../checker/expectations.ts';
import { KAFKA_VERSIONS } from '../core/kafkaVersions.ts';

type Issue = v.BaseIssue<unknown>;
type Args = Record<string, string | number>;

/** A message is a problem code with its arguments, decoded again by issueToError. */
const m = (code: ProblemCode, args: (i: Issue) => Args = () => ({})) => (i: Issue) => JSON.stringify({ code, args: args(i) });
const got = (i: Issue) => ({ got: describe(i.input) });
const quoted = (xs: readonly (string | number)[]) => xs.map((x) => (typeof x === 'string' ? `"${x}"` : String(x))).join(', ');

const isPlainObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** An object with exactly these fields (all others refused, naming the allowed ones). */
function obj<E extends v.ObjectEntries>(entries: E, opts: { like?: string; unknown?: ProblemCode } = {}) {
  const known = Object.keys(entries).join(', ');
  const strict = v.strictObject(entries, (i) => {
    if (i.expected === 'never') return JSON.stringify({ code: opts.unknown ?? 'unknown-field', args: { known } });
    if (i.expected?.startsWith('"')) return JSON.stringify({ code: 'required', args: {} });
    return JSON.stringify({ code: 'not-object', args: { like: opts.like ?? '', ...got(i) } });
  });
  return v.pipe(v.custom<v.InferInput<typeof strict>>(isPlainObject, m('not-object', (i) => ({ like: opts.like ?? '', ...got(i) }))), strict);
}

export const int = (min: number, max: number) =>
  v.pipe(v.number(m('not-integer', got)), v.integer(m('not-integer', got)), v.minValue(min, m('range', (i) => ({ min, max, ...got(i) }))), v.maxValue(max, m('range', (i) => ({ min, max, ...got(i) }))));
const num = (min: number, max: number) => v.pipe(v.number(m('not-number', got)), v.minValue(min, m('range', (i) => ({ min, max, ...got(i) }))), v.maxValue(max, m('range', (i) => ({ min, max, ...got(i) }))));
/** `what` names the quantity for the message: a problem.what.<what> code of the catalog, or '' for none. */
const nonNegative = (what: '' | 'at' | 'delay') =>
  v.pipe(v.number(m('non-negative', (i) => ({ what, ...got(i) }))), v.integer(m('non-negative', (i) => ({ what, ...got(i) }))), v.minValue(0, m('non-negative', (i) => ({ what, ...got(i) }))), v.maxValue(INT_MAX, m('at-most', (i) => ({ max: INT_MAX, ...got(i) }))));
const text = () => v.pipe(v.string(m('not-string', got)), v.minLength(1, m('not-string', got)));
const oneOf = <T extends string>(values: readonly T[]) => v.picklist(values, m('one-of', (i) => ({ values: quoted(values), ...got(i) })));
const list = <S extends v.GenericSchema>(item: S, max: number) => v.pipe(v.array(item, m('not-list', got)), v.maxLength(max, m('too-many', (i) => ({ max, got: (i.input as unknown[]).length }))));

const DAY = 24 * 3600 * 1000;
/** The longest run: two weeks, so offsets.retention.minutes (7 days) can run out and a group come back after it. */
const MAX_RUN = 14 * DAY;
/** Java's Long.MAX_VALUE; a JSON number cannot hold it exactly, so a number up to 2^63 reads as it. */
const JAVA_LONG_MAX = 2n ** 63n - 1n;
const JAVA_INT_MIN = -(2 ** 31);

/** One Kafka config value: a JSON value or the string a .properties file holds. */
function configValue(spec: ConfigKeySpec) {
  switch (spec.kind) {
    case 'acks':
      return v.pipe(v.picklist([0, 1, -1, '0', '1', '-1', 'all'], m('acks', got)), v.transform((x) => (x === 0 || x === '0' ? 0 : x === 1 || x === '1' ? 1 : 'all')));
    case 'bool':
      return v.pipe(v.union([v.boolean(), v.picklist(['true', 'false'])], m('bool', got)), v.transform((x) => x === true || x === 'true'));
    case 'enum':
      return oneOf(spec.values!);
    case 'list': {
      const values = spec.values!;
      const bad = m('list-of', (i) => ({ values: quoted(values), ...got(i) }));
      return v.pipe(
        v.union([v.array(v.string()), v.string()], bad),
        v.transform((x) => (Array.isArray(x) ? x : x.split(',').map((s) => s.trim()))),
        v.check((items) => items.length > 0 && items.every((s) => values.includes(s)), bad),
        v.transform((items) => items.join(',')),
      );
    }
    case 'id': {
      // JoinGroupRequest.validateGroupInstanceId: not empty, at most 249 of [a-zA-Z0-9._-] (Topic's rule).
      const bad = m('instance-id', got);
      return v.pipe(v.string(bad), v.regex(/^[a-zA-Z0-9._-]{1,249}$/, bad));
    }
    case 'int':
    case 'long': {
      const long = spec.kind === 'long';
      const min = spec.min ?? (long ? Number.MIN_SAFE_INTEGER : JAVA_INT_MIN);
      const max = spec.max ?? (long ? 2 ** 63 : INT_MAX);
      const maxText = spec.max !== undefined ? String(spec.max) : long ? String(JAVA_LONG_MAX) : String(INT_MAX);
      const java = spec.max !== undefined ? '' : long ? 'Long.MAX_VALUE' : 'Integer.MAX_VALUE';
      const low = m('at-least', (i) => ({ min, ...got(i) }));
      const high = m('at-most', (i) => ({ max: maxText, java, ...got(i) }));
      const notInt = m('not-integer', got);
      const fromNumber = v.pipe(v.number(notInt), v.integer(notInt), v.minValue(min, low), v.maxValue(max, high));
      const fromString = v.pipe(
        v.string(notInt),
        v.regex(/^\s*-?\d+\s*$/, notInt),
        v.check((s) => BigInt(s.trim()) >= BigInt(min), low),
        v.check((s) => BigInt(s.trim()) <= (spec.max !== undefined ? BigInt(spec.max) : long ? JAVA_LONG_MAX : BigInt(INT_MAX)), high),
      );
      // Kafka's "never" (Long.MAX_VALUE) is kept as the largest exact JS integer.
      return v.pipe(v.union([fromNumber, fromString], notInt), v.transform((x) => Math.min(typeof x === 'string' ? Number(x.trim()) : x, LONG_MAX)));
    }
  }
}

/** A map of Kafka config keys: only the keys given are in the output (explicit), defaults come later. */
function configMap<K extends string>(specs: Record<K, ConfigKeySpec>, keys: readonly K[], unknown: ProblemCode = 'unknown-config') {
  const scope = (specs as unknown) === BROKER_CONFIG ? 'broker' : (specs as unknown) === PRODUCER_CONFIG ? 'producer' : 'consumer';
  // The description is the catalog key of the key's one-line doc: cli/jsonSchema.ts writes the English
  // text into the published schema, so the engine's worker carries none of it.
  const described = (k: K) => v.pipe(configValue(specs[k]), v.description(`doc.${scope}.${k}`));
  const entries = Object.fromEntries(keys.map((k) => [k, v.optional(described(k))])) as Record<K, v.OptionalSchema<ReturnType<typeof described>, undefined>>;
  return obj(entries, { like: '{ "acks": "all" }', unknown });
}

const BROKER_KEYS = Object.keys(BROKER_CONFIG) as (keyof typeof BROKER_CONFIG)[];
export const TOPIC_CONFIG_KEYS = ['min.insync.replicas', 'unclean.leader.election.enable', 'flush.messages', 'flush.ms'] as const;

const Lab = obj({
  'network.latency.ms': v.optional(int(0, 60000), 1),
  'os.dirty.expire.ms': v.optional(int(0, DAY), 30000),
  'os.writeback.interval.ms': v.optional(int(1, 3600 * 1000), 5000),
  // No default here: the Kafka version decides it unless it is set (an override).
  truncation: v.optional(oneOf(['leader-epoch', 'high-watermark'] as const)),
  /** How long one fsync takes on this disk (the lab's, not a Kafka config). */
  'disk.fsync.ms': v.optional(int(0, 10_000), 5),
  detail: v.optional(v.boolean(m('bool', got)), true),
});

const Topic = obj({
  name: v.optional(v.string(m('not-string', got)), 'orders'),
  partitions: v.optional(int(1, 64), 1),
  'replication.factor': v.optional(int(1, 9)),
  config: v.optional(configMap(BROKER_CONFIG, TOPIC_CONFIG_KEYS, 'not-topic-config')),
});

const Producer = obj({
  name: v.optional(v.string(m('not-string', got))),
  topic: v.optional(v.string(m('not-string', got))),
  config: v.optional(configMap(PRODUCER_CONFIG, Object.keys(PRODUCER_CONFIG) as (keyof typeof PRODUCER_CONFIG)[])),
  rate: v.optional(int(1, 10_000_000), 100),
  count: v.optional(int(0, 100_000_000), 100),
  keys: v.optional(int(0, 100_000), 4),
  startAt: v.optional(int(0, MAX_RUN), 0),
  onError: v.optional(oneOf(['ignore', 'resend'] as const), 'ignore'),
  onRestart: v.optional(oneOf(['drop', 'resend'] as const), 'drop'),
  messageBytes: v.optional(int(1, 1_000_000), 100),
});

const Consumer = obj(
  {
    name: v.optional(v.string(m('not-string', got))),
    group: v.optional(text(), 'g1'),
    topic: v.optional(v.string(m('not-string', got))),
    config: v.optional(configMap(CONSUMER_CONFIG, Object.keys(CONSUMER_CONFIG) as (keyof typeof CONSUMER_CONFIG)[])),
    commit: v.optional(oneOf(['auto', 'before-process', 'after-process'] as const), 'auto'),
    commitPer: v.optional(oneOf(['batch', 'record'] as const), 'batch'),
    commitApi: v.optional(oneOf(['sync', 'async'] as const), 'sync'),
    commitOffset: v.optional(oneOf(['next', 'last-processed'] as const), 'next'),
    processing: v.optional(oneOf(['inline', 'queue', 'thread-pool', 'per-key-queue'] as const), 'inline'),
    threads: v.optional(int(1, 64)),
    processingMs: v.optional(num(0, 3600 * 1000), 1),
    processingJitter: v.optional(num(0, 1)),
    sink: v.optional(oneOf(['plain', 'idempotent'] as const), 'plain'),
    startAt: v.optional(v.nullable(int(0, MAX_RUN)), 0),
    queueCapacity: v.optional(int(1, 10_000_000), 10000),
    pollTimeoutMs: v.optional(int(1, 60000), 100),
  },
  { like: '{ "name": "c1", "group": "g1" }' },
);

const LeaderOf = obj({ leaderOf: text() });
const badBroker = m('broker-kind', got);
/** A broker id, "bN", or { "leaderOf": "topic-0" } resolved when the fault fires; the id's range is checked against the cluster later. */
const BrokerTarget = v.union([v.pipe(v.number(badBroker), v.integer(badBroker)), v.pipe(v.string(badBroker), v.regex(/^b[1-9]$/, badBroker)), LeaderOf], badBroker);
const NodeName = v.string(m('node-kind', got));

const at = nonNegative('at');
const type = <T extends string>(t: T) => v.literal(t);
const fault = <E extends v.ObjectEntries>(entries: E) => v.strictObject({ at, ...entries }, (i) => {
  if (i.expected === 'never') return JSON.stringify({ code: 'unknown-field', args: { known: ['at', ...Object.keys(entries)].join(', ') } });
  if (i.expected?.startsWith('"')) return JSON.stringify({ code: 'required', args: {} });
  return JSON.stringify({ code: 'not-object', args: got(i) });
});
const consumerFault = <T extends string>(t: T) => fault({ type: type(t), consumer: v.string(m('consumer-kind', got)) });

const Fault = v.pipe(
  v.custom<Record<string, unknown>>(isPlainObject, m('not-object', (i) => ({ like: '{ "at": 3000, "type": "crash", "broker": 1 }', ...got(i) }))),
  v.variant(
    'type',
    [
      fault({ type: type('crash'), broker: BrokerTarget }),
      fault({ type: type('shutdown'), broker: BrokerTarget }),
      fault({ type: type('restart'), broker: BrokerTarget }),
      // "broker" alone is read as a one-broker list.
      fault({ type: type('power-loss'), brokers: v.optional(v.array(BrokerTarget, m('power-loss-brokers', got))), broker: v.optional(BrokerTarget) }),
      fault({ type: type('partition'), groups: v.array(v.array(NodeName, m('group-empty')), m('groups-min')) }),
      fault({ type: type('isolate'), node: v.union([NodeName, LeaderOf], m('node-kind', got)) }),
      fault({ type: type('heal') }),
      fault({ type: type('link'), from: NodeName, to: NodeName, drop: v.optional(v.pipe(v.number(m('probability', got)), v.minValue(0, m('probability', got)), v.maxValue(1, m('probability', got)))), delayMs: v.optional(nonNegative('')), oneWay: v.optional(v.boolean(m('bool', got))) }),
      fault({ type: type('slow-follower'), broker: BrokerTarget, delayMs: nonNegative('delay') }),
      fault({ type: type('producer-restart'), producer: v.string(m('producer-kind', got)) }),
      consumerFault('consumer-crash'),
      consumerFault('consumer-close'),
      consumerFault('consumer-restart'),
      consumerFault('consumer-add'),
      fault({ type: type('consumer-stall'), consumer: v.string(m('consumer-kind', got)), ms: nonNegative('') }),
      // Exactly one of topic, brokers ("all": the cluster-wide default), producer or consumer; the keys are checked against it in scenarioRules.ts.
      fault({
        type: type('config'),
        topic: v.optional(text()),
        brokers: v.optional(v.literal('all', m('one-of', (i) => ({ values: '"all"', ...got(i) })))),
        producer: v.optional(text()),
        consumer: v.optional(text()),
        config: v.pipe(v.custom<Record<string, unknown>>(isPlainObject, m('not-object', (i) => ({ like: '{ "unclean.leader.election.enable": true }', ...got(i) }))), v.record(v.string(), v.union([v.number(), v.string(), v.boolean()], m('config-value', got)))),
      }),
    ],
    m('one-of', (i) => ({ values: FAULT_TYPES.join(', '), ...got(i) })),
  ),
);

const badExpect = m('expect-value', got);
const Expectation = v.union([v.pipe(v.number(badExpect), v.integer(badExpect), v.minValue(0, badExpect)), v.pipe(v.string(badExpect), v.regex(/^\s*(>=|<=|>|<|=)?\s*(\d+)\s*$/, badExpect))], badExpect);

export const MAX_FAULTS = 1000;

/** The whole file. Defaults here are what a missing field means. */
export const ScenarioSchema = obj({
  $schema: v.optional(v.string(m('not-string', got))),
  name: v.optional(v.string(m('not-string', got)), 'scenario'),
  description: v.optional(v.string(m('not-string', got)), ''),
  seed: v.optional(int(0, 2 ** 32 - 1), 1),
  until: v.optional(int(1, MAX_RUN), 30000),
  cluster: v.optional(
    obj({
      brokers: v.optional(int(1, 9), 3),
      kafkaVersion: v.optional(v.pipe(oneOf(KAFKA_VERSIONS), v.description('The Kafka release whose defaults and rules the run uses'))),
      config: v.optional(configMap(BROKER_CONFIG, BROKER_KEYS)),
      /** Finalized feature levels (kafka-storage.sh format --feature / kafka-features.sh upgrade); absent: the version's. */
      features: v.optional(obj({ 'eligible.leader.replicas.version': v.optional(v.pipe(int(0, 1), v.description('KIP-966 eligible leader replicas: 1 = on (4.0+; the default from 4.1)'))) }), {}),
      lab: v.optional(Lab, {}),
    }),
    {},
  ),
  topics: v.optional(v.pipe(list(Topic, 1000), v.minLength(1, m('empty-list')))),
  producers: v.optional(list(Producer, 1000), []),
  consumers: v.optional(list(Consumer, 1000), []),
  faults: v.optional(v.pipe(v.array(Fault, m('not-list', got)), v.maxLength(MAX_FAULTS, m('too-many-faults', (i) => ({ max: MAX_FAULTS, got: (i.input as unknown[]).length })))), []),
  expect: v.optional(v.pipe(v.custom<Record<string, unknown>>(isPlainObject, m('not-object', (i) => ({ like: '{ "lostAcked": ">0" }', ...got(i) }))), v.record(v.picklist(SUMMARY_COUNTS, m('expect-key', () => ({ known: SUMMARY_COUNTS.join(', ') }))), Expectation))),
});

export type RawScenarioOut = v.InferOutput<typeof ScenarioSchema>;
export { TOPIC_NAME_MAX };

/** Validates the structure; throws a ScenarioError naming the first wrong field. */
export function parseStructure(input: unknown): RawScenarioOut {
  const r = v.safeParse(ScenarioSchema, input, { abortEarly: true });
  if (r.success) return r.output;
  throw issueToError(r.issues[0]);
}

/** A config map read on its own (live changes), with the scenario's path for messages. */
export function parseConfigMap(which: 'topic' | 'broker' | 'producer' | 'consumer', raw: unknown, path: string): Record<string, unknown> {
  const schema = which === 'topic' ? configMap(BROKER_CONFIG, TOPIC_CONFIG_KEYS, 'not-topic-config') : which === 'broker' ? configMap(BROKER_CONFIG, BROKER_KEYS) : which === 'producer' ? configMap(PRODUCER_CONFIG, Object.keys(PRODUCER_CONFIG) as (keyof typeof PRODUCER_CONFIG)[]) : configMap(CONSUMER_CONFIG, Object.keys(CONSUMER_CONFIG) as (keyof typeof CONSUMER_CONFIG)[]);
  const r = v.safeParse(schema, raw ?? {}, { abortEarly: true });
  if (r.success) return r.output as Record<string, unknown>;
  throw issueToError(r.issues[0], path);
}

/** `producers[0].config.acks`, `cluster.lab["network.latency.ms"]`. */
export function pathText(keys: readonly (string | number)[], root = ''): string {
  let out = root;
  for (const k of keys) {
    if (typeof k === 'number') out += `[${k}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(k)) out += out ? `.${k}` : k;
    else out += `[${JSON.stringify(k)}]`;
  }
  return out || 'scenario';
}

function issueToError(issue: Issue, root = '') {
  const keys = (issue.path ?? []).map((p) => p.key as string | number);
  let decoded: { code: ProblemCode; args: Args };
  try {
    decoded = JSON.parse(issue.message) as { code: ProblemCode; args: Args };
  } catch {
    decoded = { code: 'not-valid', args: { got: describe(issue.input) } };
  }
  // An unknown top-level field reads as scenario.<field>, as it always has.
  const where = !root && keys.length === 1 && decoded.code === 'unknown-field' ? `scenario.${pathText(keys)}` : pathText(keys, root);
  return problem(where, decoded.code, decoded.args);
}
