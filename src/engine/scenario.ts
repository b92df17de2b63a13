/**
 * The scenario file: what to build, what to send and which faults to fire.
 * `parseScenario` turns untrusted JSON into a validated Scenario or throws a
 * ScenarioError naming the field. The format is documented in docs/scenario.md.
 */
import { BROKER_CONFIG, PRODUCER_CONFIG, type BrokerConfig, type ProducerConfig } from './configSpec.ts';
import { describe, parseConfig } from './configParse.ts';
import { ScenarioError } from './scenarioError.ts';
import { parseFault, type Fault } from './faults.ts';
import { parseConsumers, type ConsumerSpec } from './consumerSpec.ts';
import { parseExpectations, type Expectation } from './expectations.ts';

export interface LabSettings {
  /** One-way network latency between any two nodes. */
  'network.latency.ms': number;
  /** Linux vm.dirty_expire_centisecs: page-cache data older than this is written back by the OS. */
  'os.dirty.expire.ms': number;
  /** Linux vm.dirty_writeback_centisecs: how often the OS flusher wakes. */
  'os.writeback.interval.ms': number;
  /** 'leader-epoch' (Kafka 0.11+, KIP-101/KIP-279) or 'high-watermark' (before 0.11). */
  truncation: 'leader-epoch' | 'high-watermark';
  /** Record detail events (appends, acks, fetches) in the trace; the UI wants them, the bench not. */
  detail: boolean;
}

export const LAB_DEFAULTS: LabSettings = {
  'network.latency.ms': 1,
  'os.dirty.expire.ms': 30000,
  'os.writeback.interval.ms': 5000,
  truncation: 'leader-epoch',
  detail: true,
};

export interface TopicSpec {
  name: string;
  partitions: number;
  replicationFactor: number;
  config: Partial<BrokerConfig>;
}

export interface ProducerSpec {
  name: string;
  topic: string;
  config: ProducerConfig;
  explicit: string[];
  /** Messages per second of simulated time. */
  rate: number;
  count: number;
  /** Distinct keys 'k0'..'k{n-1}', or 0 for unkeyed records. */
  keys: number;
  startAt: number;
  /** What the application does when a send fails: ignore the callback, or send the message again. */
  onError: 'ignore' | 'resend';
  /** What the application does after its process restarts: forget what was never acknowledged, or send it again (a new producer id: idempotence cannot catch the duplicate). */
  onRestart: 'drop' | 'resend';
  messageBytes: number;
}

export interface Scenario {
  name: string;
  description: string;
  seed: number;
  until: number;
  brokers: number;
  brokerConfig: BrokerConfig;
  lab: LabSettings;
  topics: TopicSpec[];
  producers: ProducerSpec[];
  consumers: ConsumerSpec[];
  faults: Fault[];
  /** What the scenario demonstrates, checked against the report's summary. */
  expect: Expectation[];
}

type Obj = Record<string, unknown>;

export function obj(v: unknown, path: string): Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new ScenarioError(path, `must be an object, got ${describe(v)}`);
  return v as Obj;
}

export function int(v: unknown, path: string, min: number, max: number, dflt?: number): number {
  if (v === undefined && dflt !== undefined) return dflt;
  if (typeof v !== 'number' || !Number.isInteger(v)) throw new ScenarioError(path, `must be an integer, got ${describe(v)}`);
  if (v < min || v > max) throw new ScenarioError(path, `must be between ${min} and ${max}, got ${v}`);
  return v;
}

export function str(v: unknown, path: string, dflt?: string): string {
  if (v === undefined && dflt !== undefined) return dflt;
  if (typeof v !== 'string' || v.length === 0) throw new ScenarioError(path, `must be a non-empty string, got ${describe(v)}`);
  return v;
}

export function known(o: Obj, path: string, keys: string[]): void {
  for (const k of Object.keys(o)) if (!keys.includes(k)) throw new ScenarioError(`${path}.${k}`, `unknown field; expected one of ${keys.join(', ')}`);
}

export function parseScenario(input: unknown): Scenario {
  const root = obj(input, 'scenario');
  known(root, 'scenario', ['name', 'description', 'seed', 'until', 'cluster', 'topics', 'producers', 'consumers', 'faults', 'expect', '$schema']);
  const cluster = obj(root.cluster ?? {}, 'cluster');
  known(cluster, 'cluster', ['brokers', 'config', 'lab']);
  const brokers = int(cluster.brokers, 'cluster.brokers', 1, 9, 3);
  const brokerConfig = parseConfig<BrokerConfig>(BROKER_CONFIG, cluster.config, 'cluster.config').values;
  const lab = parseLab(cluster.lab);
  const topicsRaw = root.topics ?? [{ name: 'orders', partitions: 1, 'replication.factor': Math.min(3, brokers) }];
  if (!Array.isArray(topicsRaw) || topicsRaw.length === 0) throw new ScenarioError('topics', 'must be a non-empty list');
  const topics = topicsRaw.map((t, i) => parseTopic(t, `topics[${i}]`, brokers, brokerConfig));
  const names = new Set<string>();
  topics.forEach((t, i) => {
    if (names.has(t.name)) throw new ScenarioError(`topics[${i}].name`, `duplicate topic "${t.name}"`);
    names.add(t.name);
  });
  const producersRaw = root.producers ?? [];
  if (!Array.isArray(producersRaw)) throw new ScenarioError('producers', `must be a list, got ${describe(producersRaw)}`);
  const producers = producersRaw.map((p, i) => parseProducer(p, `producers[${i}]`, i, names));
  const consumers = parseConsumers(root.consumers, names);
  const faultsRaw = root.faults ?? [];
  if (!Array.isArray(faultsRaw)) throw new ScenarioError('faults', `must be a list, got ${describe(faultsRaw)}`);
  const ctx = { brokers, topics, producers: producers.map((p) => p.name), consumers: consumers.map((c) => c.name) };
  const faults = faultsRaw.map((f, i) => parseFault(f, `faults[${i}]`, ctx));
  const until = int(root.until, 'until', 1, 24 * 3600 * 1000, 30000);
  return {
    name: typeof root.name === 'string' ? root.name : 'scenario',
    description: typeof root.description === 'string' ? root.description : '',
    seed: int(root.seed, 'seed', 0, 2 ** 32 - 1, 1),
    until,
    brokers,
    brokerConfig,
    lab,
    topics,
    producers,
    consumers,
    faults,
    expect: parseExpectations(root.expect),
  };
}

function parseLab(v: unknown): LabSettings {
  if (v === undefined) return { ...LAB_DEFAULTS };
  const o = obj(v, 'cluster.lab');
  known(o, 'cluster.lab', Object.keys(LAB_DEFAULTS));
  const lab = { ...LAB_DEFAULTS };
  lab['network.latency.ms'] = int(o['network.latency.ms'], 'cluster.lab["network.latency.ms"]', 0, 60000, lab['network.latency.ms']);
  lab['os.dirty.expire.ms'] = int(o['os.dirty.expire.ms'], 'cluster.lab["os.dirty.expire.ms"]', 0, 24 * 3600 * 1000, lab['os.dirty.expire.ms']);
  lab['os.writeback.interval.ms'] = int(o['os.writeback.interval.ms'], 'cluster.lab["os.writeback.interval.ms"]', 1, 3600 * 1000, lab['os.writeback.interval.ms']);
  if (o.truncation !== undefined) {
    if (o.truncation !== 'leader-epoch' && o.truncation !== 'high-watermark') throw new ScenarioError('cluster.lab.truncation', `must be "leader-epoch" or "high-watermark", got ${describe(o.truncation)}`);
    lab.truncation = o.truncation;
  }
  if (o.detail !== undefined) {
    if (typeof o.detail !== 'boolean') throw new ScenarioError('cluster.lab.detail', `must be true or false, got ${describe(o.detail)}`);
    lab.detail = o.detail;
  }
  return lab;
}

function parseTopic(v: unknown, path: string, brokers: number, brokerConfig: BrokerConfig): TopicSpec {
  const o = obj(v, path);
  known(o, path, ['name', 'partitions', 'replication.factor', 'config']);
  const name = str(o.name, `${path}.name`, 'orders');
  const partitions = int(o.partitions, `${path}.partitions`, 1, 64, 1);
  const rf = o['replication.factor'];
  if (typeof rf === 'number' && Number.isInteger(rf) && rf > brokers) {
    // Kafka's own refusal: InvalidReplicationFactorException.
    throw new ScenarioError(`${path}["replication.factor"]`, `INVALID_REPLICATION_FACTOR: ${rf} is larger than the ${brokers} available broker(s)`);
  }
  const replicationFactor = int(rf, `${path}["replication.factor"]`, 1, brokers, Math.min(3, brokers));
  const allowed = ['min.insync.replicas', 'unclean.leader.election.enable', 'flush.messages', 'flush.ms'] as const;
  const raw = o.config === undefined ? {} : obj(o.config, `${path}.config`);
  for (const k of Object.keys(raw)) if (!(allowed as readonly string[]).includes(k)) throw new ScenarioError(`${path}.config.${k}`, `not a topic-level config here; topic configs: ${allowed.join(', ')}`);
  const config = parseConfig<BrokerConfig>(BROKER_CONFIG, raw, `${path}.config`);
  const picked: Partial<BrokerConfig> = {};
  for (const k of config.explicit) (picked as Record<string, unknown>)[k] = config.values[k as keyof BrokerConfig];
  return { name, partitions, replicationFactor, config: picked };
}

function parseProducer(v: unknown, path: string, i: number, topics: Set<string>): ProducerSpec {
  const o = obj(v, path);
  known(o, path, ['name', 'topic', 'config', 'rate', 'count', 'keys', 'startAt', 'onError', 'onRestart', 'messageBytes']);
  const topic = str(o.topic, `${path}.topic`, [...topics][0]);
  if (!topics.has(topic)) throw new ScenarioError(`${path}.topic`, `no topic named "${topic}"; topics: ${[...topics].join(', ')}`);
  const parsed = parseConfig<ProducerConfig>(PRODUCER_CONFIG, o.config, `${path}.config`);
  const config = { ...parsed.values };
  checkIdempotence(config, parsed.explicit, `${path}.config`);
  if (config['delivery.timeout.ms'] < config['linger.ms'] + config['request.timeout.ms']) {
    throw new ScenarioError(`${path}.config["delivery.timeout.ms"]`, `should be equal to or larger than linger.ms + request.timeout.ms (${config['linger.ms'] + config['request.timeout.ms']}), got ${config['delivery.timeout.ms']}`);
  }
  const onError = o.onError ?? 'ignore';
  if (onError !== 'ignore' && onError !== 'resend') throw new ScenarioError(`${path}.onError`, `must be "ignore" or "resend", got ${describe(onError)}`);
  const onRestart = o.onRestart ?? 'drop';
  if (onRestart !== 'drop' && onRestart !== 'resend') throw new ScenarioError(`${path}.onRestart`, `must be "drop" or "resend", got ${describe(onRestart)}`);
  return {
    name: str(o.name, `${path}.name`, `p${i + 1}`),
    topic,
    config,
    explicit: [...parsed.explicit],
    rate: int(o.rate, `${path}.rate`, 1, 10_000_000, 100),
    count: int(o.count, `${path}.count`, 0, 100_000_000, 100),
    keys: int(o.keys, `${path}.keys`, 0, 100_000, 4),
    startAt: int(o.startAt, `${path}.startAt`, 0, 24 * 3600 * 1000, 0),
    onError,
    onRestart,
    messageBytes: int(o.messageBytes, `${path}.messageBytes`, 1, 1_000_000, 100),
  };
}

/**
 * Idempotence needs acks=all, retries > 0 and at most 5 requests in flight.
 * Since Kafka 3.2 (KAFKA-13673) a conflicting acks or retries silently turns
 * the default-on idempotence off; if the user set enable.idempotence=true
 * explicitly, the producer refuses to start with a ConfigException. Since
 * Kafka 4.0 (KAFKA-17927) more than 5 requests in flight is refused unless
 * idempotence is explicitly off.
 */
export function checkIdempotence(config: ProducerConfig, explicit: Set<string>, path: string): void {
  if (!config['enable.idempotence']) return;
  const inFlight = config['max.in.flight.requests.per.connection'];
  if (inFlight > 5) {
    throw new ScenarioError(`${path}["max.in.flight.requests.per.connection"]`, `ConfigException: to use the idempotent producer, max.in.flight.requests.per.connection must be set to at most 5. Current value is ${inFlight}. (Set enable.idempotence=false to allow more.)`);
  }
  const conflicts: string[] = [];
  if (config.acks !== 'all') conflicts.push(`acks must be set to "all" (got ${config.acks})`);
  if (config.retries === 0) conflicts.push('retries must be greater than 0');
  if (conflicts.length === 0) return;
  if (explicit.has('enable.idempotence')) {
    throw new ScenarioError(`${path}["enable.idempotence"]`, `ConfigException: to use the idempotent producer, ${conflicts.join('; ')}`);
  }
  config['enable.idempotence'] = false;
}
