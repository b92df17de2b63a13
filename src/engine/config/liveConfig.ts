/**
 * Changing configuration while the lab runs, the way Kafka allows it:
 * - producer configs are fixed when a KafkaProducer is constructed, so the
 *   application closes its producer (close() drains its buffer) and starts a
 *   new one with the new config and a new producer id;
 * - min.insync.replicas, unclean.leader.election.enable, flush.messages and
 *   flush.ms are dynamic topic configs (kafka-configs.sh --alter): they apply
 *   at once to the running partitions;
 * - the number of brokers, partitions or the replication factor builds a new
 *   cluster: a new run;
 * - a consumer group's settings (its members' Kafka configs and the
 *   application's commit order, processing and sink) are the application's
 *   deployment: the lab starts a new run with every member of the group
 *   configured the new way, so the two runs compare from t=0.
 * A change Kafka would refuse is refused with Kafka's reason, by the same
 * validation the scenario parser uses (the scenario schema, checkIdempotence).
 */
import { BROKER_CONFIG, CONSUMER_CONFIG, PRODUCER_CONFIG, type BrokerConfig, type ProducerConfig } from '../core/configSpec.ts';
import { parseConfigMap } from '../scenario/scenarioSchema.ts';
import { producerDefaults } from '../scenario/scenarioRules.ts';
import { brokerIdOfName } from '../core/names.ts';
import { checkIdempotence, parseScenario } from '../scenario/scenario.ts';
import { ScenarioError } from '../core/scenarioError.ts';
import { problem } from '../core/scenarioProblems.ts';
import { producerNamed, type SimContext } from '../core/context.ts';
import type { ProducerRuntime } from '../core/model.ts';
import type { ProducerSpec } from '../core/specs.ts';

export const TOPIC_DYNAMIC_KEYS = ['min.insync.replicas', 'unclean.leader.election.enable', 'flush.messages', 'flush.ms'] as const;
export type TopicDynamicKey = (typeof TOPIC_DYNAMIC_KEYS)[number];

/** Application settings of a producer (not Kafka configs): how fast and how many. */
export const PRODUCER_APP_KEYS = ['rate', 'count', 'keys', 'onError'] as const;
export type ProducerAppKey = (typeof PRODUCER_APP_KEYS)[number];

export type ConfigChange =
  | { scope: 'producer'; producer: string; key: string; value: unknown }
  | { scope: 'topic'; topic: string; key: string; value: unknown }
  | { scope: 'cluster'; key: 'brokers' | 'partitions' | 'replication.factor' | 'kafkaVersion'; value: unknown }
  | { scope: 'consumer'; group: string; key: string; value: unknown };

/** The application's choices per consumer (not Kafka configs), as the scenario names them. */
export const CONSUMER_APP_KEYS = ['commit', 'processing', 'processingMs', 'sink'] as const;

export type LiveOutcome =
  | { ok: true; mode: 'producer-restart' | 'dynamic' | 'new-run'; raw: RawScenario; note?: string }
  /** A refusal: the problem code and args (src/i18n says them), and its English text. */
  | { ok: false; where: string; reason: string; code: string; args: Record<string, string | number> };

/** A scenario as JSON (what parseScenario reads). */
export type RawScenario = Record<string, unknown>;

type Obj = Record<string, unknown>;

const configDefaults = <T>(specs: Record<string, { default: unknown }>): T => Object.fromEntries(Object.entries(specs).map(([k, s]) => [k, s.default])) as T;

const refuse = (e: ScenarioError): LiveOutcome => ({ ok: false, where: e.path, reason: e.problem, code: e.code, args: e.args });

const clone = (v: RawScenario): RawScenario => JSON.parse(JSON.stringify(v)) as RawScenario;

/**
 * Validates `change` against the current scenario JSON and returns the new
 * scenario JSON (what a reset would start from). Pure: does not touch a run.
 */
export function planChange(raw: RawScenario, change: ConfigChange): LiveOutcome {
  const next = clone(raw);
  try {
    if (change.scope === 'producer') {
      const list = (next.producers ?? []) as Obj[];
      const i = list.findIndex((p, j) => (p.name ?? `p${j + 1}`) === change.producer);
      if (i < 0) return refuse(problem(change.producer, 'no-producer', { name: change.producer }));
      const p = list[i];
      const path = `producers[${i}].config`;
      if ((PRODUCER_APP_KEYS as readonly string[]).includes(change.key)) {
        p[change.key] = change.value;
        parseScenario(next);
        return { ok: true, mode: 'producer-restart', raw: next };
      }
      if (!(change.key in PRODUCER_CONFIG)) return refuse(problem(`${path}.${change.key}`, 'not-producer-config'));
      const cfg = { ...((p.config ?? {}) as Obj), [change.key]: change.value };
      const explicit = parseConfigMap('producer', cfg, path);
      const version = parseScenario(raw).kafkaVersion;
      const values = { ...producerDefaults(version), ...explicit } as ProducerConfig;
      const idempotent = values['enable.idempotence'];
      checkIdempotence(values, new Set(Object.keys(explicit)), path, version);
      p.config = cfg;
      parseScenario(next);
      const note = idempotent && !values['enable.idempotence'] ? 'idempotence-off' : undefined;
      return { ok: true, mode: 'producer-restart', raw: next, ...(note ? { note } : {}) };
    }
    if (change.scope === 'topic') {
      const topics = (next.topics ?? [{ name: 'orders', partitions: 1 }]) as Obj[];
      next.topics = topics;
      const i = topics.findIndex((t) => (t.name ?? 'orders') === change.topic);
      if (i < 0) return refuse(problem(change.topic, 'unknown-topic', { name: change.topic }));
      if (!(TOPIC_DYNAMIC_KEYS as readonly string[]).includes(change.key)) return refuse(problem(`topics[${i}].config.${change.key}`, 'not-dynamic-topic-config'));
      topics[i].config = { ...((topics[i].config ?? {}) as Obj), [change.key]: change.value };
      parseScenario(next);
      return { ok: true, mode: 'dynamic', raw: next };
    }
    if (change.scope === 'consumer') return planConsumerChange(next, change);
    const topics = (next.topics ?? [{ name: 'orders', partitions: 1 }]) as Obj[];
    next.topics = topics;
    if (change.key === 'kafkaVersion') {
      // Another release's defaults build another cluster and clients: a new run from t=0.
      next.cluster = { ...((next.cluster ?? {}) as Obj), kafkaVersion: change.value };
    } else if (change.key === 'brokers') {
      const cluster = { ...((next.cluster ?? {}) as Obj), brokers: change.value };
      next.cluster = cluster;
      // Faults aimed at brokers that no longer exist cannot fire in the new cluster.
      const n = typeof change.value === 'number' ? change.value : 0;
      next.faults = ((next.faults ?? []) as Obj[]).filter((f) => !mentionsBrokerAbove(f, n));
    } else if (change.key === 'partitions') topics[0].partitions = change.value;
    else topics[0]['replication.factor'] = change.value;
    parseScenario(next);
    return { ok: true, mode: 'new-run', raw: next };
  } catch (e) {
    if (e instanceof ScenarioError) return refuse(e);
    throw e;
  }
}

function planConsumerChange(next: RawScenario, change: Extract<ConfigChange, { scope: 'consumer' }>): LiveOutcome {
  const list = (next.consumers ?? []) as Obj[];
  const members = list.map((c, i) => ({ c, i })).filter(({ c }) => (c.group ?? 'g1') === change.group);
  if (members.length === 0) return refuse(problem(change.group, 'no-group', { name: change.group }));
  const app = (CONSUMER_APP_KEYS as readonly string[]).includes(change.key);
  if (!app && !(change.key in CONSUMER_CONFIG)) return refuse(problem(`consumers[${members[0].i}].config.${change.key}`, 'not-consumer-config'));
  for (const { c } of members) {
    if (app) {
      c[change.key] = change.value;
      // Committing by hand: the Kafka docs advise enable.auto.commit=false; automatic: it must be true.
      const cfg = { ...((c.config ?? {}) as Obj) };
      if (change.key === 'commit') cfg['enable.auto.commit'] = change.value === 'auto';
      c.config = cfg;
    } else c.config = { ...((c.config ?? {}) as Obj), [change.key]: change.value };
  }
  parseScenario(next);
  return { ok: true, mode: 'new-run', raw: next };
}

/**
 * The scenario with one more member per consumer group that has none waiting:
 * a copy of the group's first member (in a static group, with a
 * group.instance.id of its own) that starts only when the user adds it
 * (startAt null), so "add a member" can start a real process mid-run. A member
 * that never starts changes nothing in a run.
 */
export function withSpareMembers(raw: RawScenario): RawScenario {
  const list = raw.consumers;
  if (!Array.isArray(list) || list.length === 0) return raw;
  const next = clone(raw);
  const consumers = next.consumers as Obj[];
  const names = new Set(consumers.map((c, i) => String(c.name ?? `c${i + 1}`)));
  const groups = [...new Set(consumers.map((c) => String(c.group ?? 'g1')))];
  for (const g of groups) {
    const members = consumers.filter((c) => String(c.group ?? 'g1') === g);
    if (members.some((c) => c.startAt === null)) continue;
    let n = consumers.length + 1;
    while (names.has(`c${n}`)) n++;
    names.add(`c${n}`);
    const spare: Obj = { ...clone(members[0] as RawScenario), name: `c${n}`, startAt: null };
    // A static group's spare is a process of its own: a group.instance.id of its own too (a copied one
    // would be the same member, which the scenario's rules refuse, KIP-345 FENCED_INSTANCE_ID).
    const config = spare.config as Obj | undefined;
    if (config && typeof config === 'object' && config['group.instance.id'] !== undefined) {
      const taken = new Set(consumers.map((c) => (c.config as Obj | undefined)?.['group.instance.id']));
      let id = `${g}-c${n}`;
      for (let k = 2; taken.has(id); k++) id = `${g}-c${n}-${k}`;
      spare.config = { ...config, 'group.instance.id': id };
    }
    consumers.push(spare);
  }
  return next;
}

function mentionsBrokerAbove(f: Obj, n: number): boolean {
  const ids: unknown[] = [f.broker, ...(Array.isArray(f.brokers) ? f.brokers : [])];
  const named = (x: unknown) => (typeof x === 'string' ? brokerIdOfName(x) : undefined);
  for (const x of [f.node, f.from, f.to]) ids.push(named(x));
  if (Array.isArray(f.groups)) for (const g of f.groups) if (Array.isArray(g)) for (const x of g) ids.push(named(x));
  return ids.some((x) => typeof x === 'number' && x > n);
}

/**
 * Applies an accepted change to the running simulation at its current time.
 * Deterministic: replaying the same change at the same point gives the same run.
 */
export function applyChange(ctx: SimContext, change: ConfigChange, raw: RawScenario): void {
  if (change.scope === 'producer') {
    const p = producerNamed(ctx, change.producer);
    const spec = parseScenario(raw).producers.find((x) => x.name === change.producer);
    if (p && spec) reconfigureProducer(ctx, p, spec, `${change.key}=${String(change.value)}`);
    return;
  }
  if (change.scope === 'topic') {
    const topic = parseScenario(raw).topics.find((t) => t.name === change.topic);
    if (!topic) return;
    const brokerConfig: BrokerConfig = parseScenario(raw).brokerConfig;
    for (const part of ctx.partitions) {
      if (part.topic !== change.topic) continue;
      part.minIsr = topic.config['min.insync.replicas'] ?? brokerConfig['min.insync.replicas'];
      part.unclean = topic.config['unclean.leader.election.enable'] ?? brokerConfig['unclean.leader.election.enable'];
      part.flushMessages = topic.config['flush.messages'] ?? brokerConfig['flush.messages'];
      part.flushMs = topic.config['flush.ms'] ?? brokerConfig['flush.ms'];
      if (!part.topicOverrides.includes(change.key)) part.topicOverrides.push(change.key);
    }
    ctx.record({ t: ctx.now, type: 'note', code: 'topic-config', args: { topic: change.topic, key: change.key, value: String(change.value) } });
  }
}

/**
 * A KafkaProducer's config is fixed at construction. The application calls
 * close(), which sends what it buffered and waits for the answers, and creates
 * a new producer with the new config (and, if idempotent, a new producer id).
 * Requests already in flight finish under the old settings.
 */
export function reconfigureProducer(ctx: SimContext, p: ProducerRuntime, spec: ProducerSpec, what: string): void {
  const finished = p.sent >= p.spec.count;
  p.config = spec.config;
  // The new rate counts from now, so the application does not burst to catch up.
  const sent = Math.min(p.sent, spec.count);
  p.spec = { ...spec, startAt: ctx.now - Math.floor((sent * 1000) / spec.rate) };
  p.pid = spec.config['enable.idempotence'] ? ctx.ids.pid++ : -1;
  p.producerEpoch = 0;
  p.nextSeq = new Map();
  p.seqEpoch = new Map();
  p.lastAcked = new Map();
  p.unresolved = new Set();
  for (const q of p.queues.values()) for (const b of q) if (b.attempts === 0) b.pid = p.pid;
  ctx.record({ t: ctx.now, type: 'note', code: 'producer-reconfigured', args: { producer: p.name, what, pid: p.pid } });
  if (finished && p.sent < spec.count) ctx.timer(p.name, 0, { type: 'app-send' });
}
