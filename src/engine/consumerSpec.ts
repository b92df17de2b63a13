/**
 * Consumer groups in a scenario: each entry is one KafkaConsumer plus the
 * application around it (how it processes records, when it commits, where it
 * writes). Parsed here so the scenario format has one home; the group
 * protocol lives in groupCoordinator.ts / consumerClient.ts. Format: docs/scenario.md, "Consumers".
 */
import { ScenarioError } from './scenarioError.ts';
import { describe, parseConfig } from './configParse.ts';
import { CONSUMER_CONFIG, type ConsumerConfig } from './configSpec.ts';

export type CommitMode = 'auto' | 'before-process' | 'after-process';
export type ProcessingMode = 'inline' | 'queue' | 'thread-pool' | 'per-key-queue';

export interface ConsumerSpec {
  name: string;
  group: string;
  topic: string;
  config: ConsumerConfig;
  explicit: string[];
  /** 'auto': enable.auto.commit; otherwise the app calls commitSync/commitAsync before or after processing. */
  commit: CommitMode;
  commitPer: 'batch' | 'record';
  commitApi: 'sync' | 'async';
  processing: ProcessingMode;
  /** Worker threads (thread-pool, per-key-queue). */
  threads: number;
  processingMs: number;
  /** Each record takes processingMs × (1 ± jitter), drawn from the scenario's RNG. */
  processingJitter: number;
  sink: 'plain' | 'idempotent';
  /** Simulated ms at which the process starts; null: only a consumer-add fault starts it. */
  startAt: number | null;
  /** In-memory hand-off queue bound; poll() blocks while it is full. */
  queueCapacity: number;
  /** The Duration the app passes to poll(). */
  pollTimeoutMs: number;
}

const FIELDS = ['name', 'group', 'topic', 'config', 'commit', 'commitPer', 'commitApi', 'processing', 'threads', 'processingMs', 'processingJitter', 'sink', 'startAt', 'queueCapacity', 'pollTimeoutMs'];

function oneOf<T extends string>(v: unknown, path: string, values: readonly T[], dflt: T): T {
  if (v === undefined) return dflt;
  if (typeof v === 'string' && (values as readonly string[]).includes(v)) return v as T;
  throw new ScenarioError(path, `must be one of ${values.map((x) => `"${x}"`).join(', ')}, got ${describe(v)}`);
}

function num(v: unknown, path: string, min: number, max: number, dflt: number, integer = true): number {
  if (v === undefined) return dflt;
  if (typeof v !== 'number' || !Number.isFinite(v) || (integer && !Number.isInteger(v))) throw new ScenarioError(path, `must be ${integer ? 'an integer' : 'a number'}, got ${describe(v)}`);
  if (v < min || v > max) throw new ScenarioError(path, `must be between ${min} and ${max}, got ${v}`);
  return v;
}

export function parseConsumers(v: unknown, topics: Set<string>): ConsumerSpec[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) throw new ScenarioError('consumers', `must be a list, got ${describe(v)}`);
  const out = v.map((c, i) => parseConsumer(c, `consumers[${i}]`, i, topics));
  const names = new Set<string>();
  const groupTopic = new Map<string, string>();
  out.forEach((c, i) => {
    if (names.has(c.name)) throw new ScenarioError(`consumers[${i}].name`, `duplicate consumer "${c.name}"`);
    if (/^b\d$/.test(c.name) || c.name === 'controller') throw new ScenarioError(`consumers[${i}].name`, `"${c.name}" is a broker or controller name`);
    names.add(c.name);
    const t = groupTopic.get(c.group);
    if (t !== undefined && t !== c.topic) throw new ScenarioError(`consumers[${i}].topic`, `group "${c.group}" already subscribes to "${t}"; the lab models one topic per group`);
    groupTopic.set(c.group, c.topic);
  });
  return out;
}

function parseConsumer(v: unknown, path: string, i: number, topics: Set<string>): ConsumerSpec {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new ScenarioError(path, `must be an object like { "name": "c1", "group": "g1" }, got ${describe(v)}`);
  const o = v as Record<string, unknown>;
  for (const k of Object.keys(o)) if (!FIELDS.includes(k)) throw new ScenarioError(`${path}.${k}`, `unknown field; expected one of ${FIELDS.join(', ')}`);
  const name = o.name === undefined ? `c${i + 1}` : o.name;
  if (typeof name !== 'string' || !/^[A-Za-z][\w-]{0,31}$/.test(name)) throw new ScenarioError(`${path}.name`, `must be a short name like "c1", got ${describe(name)}`);
  const group = o.group === undefined ? 'g1' : o.group;
  if (typeof group !== 'string' || group.length === 0) throw new ScenarioError(`${path}.group`, `must be a non-empty string (the group.id), got ${describe(group)}`);
  const topic = o.topic === undefined ? [...topics][0] : o.topic;
  if (typeof topic !== 'string' || !topics.has(topic)) throw new ScenarioError(`${path}.topic`, `no topic named ${describe(topic)}; topics: ${[...topics].join(', ')}`);
  const parsed = parseConfig<ConsumerConfig>(CONSUMER_CONFIG, o.config, `${path}.config`);
  const config = { ...parsed.values };
  const cfg = `${path}.config`;
  if (config['heartbeat.interval.ms'] >= config['session.timeout.ms']) {
    throw new ScenarioError(`${cfg}["heartbeat.interval.ms"]`, `must be lower than session.timeout.ms (${config['session.timeout.ms']}), got ${config['heartbeat.interval.ms']}`);
  }
  if (config['session.timeout.ms'] < 6000 || config['session.timeout.ms'] > 1800000) {
    // The broker's group.min.session.timeout.ms / group.max.session.timeout.ms defaults.
    throw new ScenarioError(`${cfg}["session.timeout.ms"]`, `INVALID_SESSION_TIMEOUT: the broker accepts 6000 to 1800000 ms, got ${config['session.timeout.ms']}`);
  }
  const strategies = config['partition.assignment.strategy'].split(',');
  if (strategies[0] === 'cooperative-sticky') {
    throw new ScenarioError(`${cfg}["partition.assignment.strategy"]`, 'a group led by cooperative-sticky uses the incremental (KIP-429) protocol, which the lab does not model; list range, roundrobin or sticky first');
  }
  const commit = oneOf(o.commit, `${path}.commit`, ['auto', 'before-process', 'after-process'] as const, 'auto');
  if (commit === 'auto' && !config['enable.auto.commit']) {
    throw new ScenarioError(`${path}.commit`, '"auto" needs enable.auto.commit=true; with it false, choose "before-process" or "after-process" (the app commits itself)');
  }
  if (commit !== 'auto' && !parsed.explicit.has('enable.auto.commit')) {
    throw new ScenarioError(`${cfg}["enable.auto.commit"]`, `commit "${commit}" is a manual commit: set enable.auto.commit explicitly (false as the Kafka docs advise, or true to also auto-commit in poll())`);
  }
  const processing = oneOf(o.processing, `${path}.processing`, ['inline', 'queue', 'thread-pool', 'per-key-queue'] as const, 'inline');
  const commitPer = oneOf(o.commitPer, `${path}.commitPer`, ['batch', 'record'] as const, 'batch');
  if (commitPer === 'record' && processing !== 'inline') throw new ScenarioError(`${path}.commitPer`, `"record" is only for processing "inline" (the poll thread owns the consumer; workers cannot call commit), got processing "${processing}"`);
  const pooled = processing === 'thread-pool' || processing === 'per-key-queue';
  let startAt: number | null = 0;
  if (o.startAt === null) startAt = null;
  else startAt = num(o.startAt, `${path}.startAt`, 0, 24 * 3600 * 1000, 0);
  return {
    name,
    group,
    topic,
    config,
    explicit: [...parsed.explicit],
    commit,
    commitPer,
    commitApi: oneOf(o.commitApi, `${path}.commitApi`, ['sync', 'async'] as const, 'sync'),
    processing,
    threads: pooled ? num(o.threads, `${path}.threads`, 1, 64, 4) : 1,
    processingMs: num(o.processingMs, `${path}.processingMs`, 0, 3600 * 1000, 1, false),
    processingJitter: num(o.processingJitter, `${path}.processingJitter`, 0, 1, pooled ? 0.5 : 0, false),
    sink: oneOf(o.sink, `${path}.sink`, ['plain', 'idempotent'] as const, 'plain'),
    startAt,
    queueCapacity: num(o.queueCapacity, `${path}.queueCapacity`, 1, 10_000_000, 10000),
    pollTimeoutMs: num(o.pollTimeoutMs, `${path}.pollTimeoutMs`, 1, 60000, 100),
  };
}
