/**
 * The rules between a scenario's fields, after its structure passed the schema:
 * names unique across every kind of node, references to topics, partitions,
 * nodes and producers that exist, Kafka's own cross-config checks (idempotence,
 * delivery.timeout.ms, group session bounds), and the lab's limits. Each
 * refusal names the field (scenarioProblems.ts holds the words).
 */
import { BROKER_CONFIG, CONSUMER_CONFIG, PRODUCER_CONFIG, type BrokerConfig, type ConfigKeySpec, type ConsumerConfig, type ProducerConfig } from '../core/configSpec.ts';
import type { BrokerTarget, Fault } from '../core/faults.ts';
import type { ConsumerSpec } from '../core/consumerSpec.ts';
import { parseExpectations, SUMMARY_COUNTS } from '../checker/expectations.ts';
import { describe } from '../core/scenarioError.ts';
import { problem } from '../core/scenarioProblems.ts';
import { pathText, type RawScenarioOut } from './scenarioSchema.ts';
import { brokerIdOfName, validateNodeName, validateTopicName } from '../core/names.ts';
import { checkProgressSettings } from './progress.ts';
import { checkClientConfigChanges, resolveConfigFault } from './configFaultRules.ts';
import type { Scenario } from './scenario.ts';
import { checkIdempotence } from './idempotence.ts';
import { DEFAULT_KAFKA_VERSION, defaultsFor, type KafkaVersion } from '../core/kafkaVersions.ts';
import type { LabSettings, ProducerSpec, TopicSpec } from '../core/specs.ts';

export { checkIdempotence };

/** The most messages one scenario may send (all producers together): beyond it a run outgrows a browser tab. */
export const MAX_MESSAGES = 10_000_000;
const MAX_DEPTH = 32;

const defaults = <T>(specs: Record<string, ConfigKeySpec>): T => Object.fromEntries(Object.entries(specs).map(([k, s]) => [k, s.default])) as T;

/** Kafka's defaults for one version: the spec's defaults with the version table's values on top. */
export function brokerDefaults(version: KafkaVersion): BrokerConfig {
  return { ...defaults<BrokerConfig>(BROKER_CONFIG), ...defaultsFor(version).broker };
}
export function producerDefaults(version: KafkaVersion): ProducerConfig {
  return { ...defaults<ProducerConfig>(PRODUCER_CONFIG), ...defaultsFor(version).producer };
}
export function consumerDefaults(version: KafkaVersion): ConsumerConfig {
  return { ...defaults<ConsumerConfig>(CONSUMER_CONFIG), ...defaultsFor(version).consumer };
}

/**
 * The broker-level flush names (log.flush.interval.messages, log.flush.interval.ms)
 * are what server.properties holds; the topic names flush.messages / flush.ms
 * override them. log.flush.interval.ms unset falls back to
 * log.flush.scheduler.interval.ms, as KafkaConfig.logFlushIntervalMs does.
 * The engine reads the topic-level names; the cluster-wide value is kept in them.
 */
export function resolveBrokerFlush(config: BrokerConfig, explicit: readonly string[]): BrokerConfig {
  const out = { ...config };
  if (!explicit.includes('flush.messages')) out['flush.messages'] = config['log.flush.interval.messages'];
  if (!explicit.includes('flush.ms')) out['flush.ms'] = explicit.includes('log.flush.interval.ms') ? config['log.flush.interval.ms'] : config['log.flush.scheduler.interval.ms'];
  return out;
}

/**
 * Keys that name properties every JavaScript object has (`__proto__`,
 * `constructor`, `toString`, …) are refused anywhere in the file, before
 * anything reads it, so no lookup can ever hit Object.prototype.
 */
export function rejectPrototypeKeys(v: unknown, keys: (string | number)[] = [], depth = 0): void {
  if (typeof v !== 'object' || v === null) return;
  if (depth > MAX_DEPTH) throw problem(pathText(keys), 'too-deep', { max: MAX_DEPTH });
  if (Array.isArray(v)) {
    v.forEach((x, i) => rejectPrototypeKeys(x, [...keys, i], depth + 1));
    return;
  }
  for (const k of Object.keys(v)) {
    if (k === '__proto__' || k === 'prototype' || k in Object.prototype) throw problem(pathText([...keys, k]), 'prototype-key', { key: k });
    rejectPrototypeKeys((v as Record<string, unknown>)[k], [...keys, k], depth + 1);
  }
}

export function applyRules(s: RawScenarioOut): Scenario {
  const cluster: Partial<NonNullable<RawScenarioOut['cluster']>> = s.cluster ?? {};
  const brokers = cluster.brokers ?? 3;
  const kafkaVersion = cluster.kafkaVersion ?? DEFAULT_KAFKA_VERSION;
  const version = defaultsFor(kafkaVersion);
  const brokerConfig = resolveBrokerFlush({ ...brokerDefaults(kafkaVersion), ...(cluster.config as Partial<BrokerConfig>) }, Object.keys(cluster.config ?? {}));
  // The schema fills every lab setting's default but truncation: the version decides it unless set.
  const rawLab = cluster.lab as Omit<LabSettings, 'truncation'> & { truncation?: LabSettings['truncation'] };
  const lab: LabSettings = { ...rawLab, truncation: rawLab.truncation ?? version.rules.truncation };
  const features = { ...version.features, ...(cluster.features ?? {}) } as Scenario['features'];
  // The eligible.leader.replicas.version feature exists from 4.0 (KIP-966; kafka-features.sh refuses an unknown feature).
  if (features['eligible.leader.replicas.version'] > 0 && version.rules.eligibleLeaderReplicas === 'none') {
    throw problem('cluster.features["eligible.leader.replicas.version"]', 'feature-version', { feature: 'eligible.leader.replicas.version', version: kafkaVersion, since: '4.0' });
  }
  const topics = (s.topics ?? [{ name: 'orders', partitions: 1 }]).map((t, i): TopicSpec => {
    const path = `topics[${i}]`;
    validateTopicName(t.name, `${path}.name`);
    const rf = t['replication.factor'] ?? Math.min(3, brokers);
    // Kafka's own refusal: InvalidReplicationFactorException.
    if (rf > brokers) throw problem(`${path}["replication.factor"]`, 'invalid-replication-factor', { rf, brokers });
    return { name: t.name, partitions: t.partitions, replicationFactor: rf, config: (t.config ?? {}) as Partial<BrokerConfig> };
  });
  const topicNames = new Set<string>();
  topics.forEach((t, i) => {
    if (topicNames.has(t.name)) throw problem(`topics[${i}].name`, 'duplicate-topic', { name: t.name });
    topicNames.add(t.name);
  });
  const topicRef = (name: string | undefined, path: string): string => {
    const topic = name ?? topics[0].name;
    if (!topicNames.has(topic)) throw problem(path, 'no-topic', { got: describe(topic), topics: [...topicNames].join(', ') });
    return topic;
  };
  // Producers and consumers share one namespace: faults and network rules address them by name.
  const owners = new Map<string, string>();
  const claim = (name: string, path: string, kind: 'producer' | 'consumer', what: string) => {
    const other = owners.get(name);
    if (other !== undefined) throw problem(path, 'duplicate-name', { kind, name, other });
    owners.set(name, what);
  };
  let total = 0;
  const producers = s.producers.map((p, i): ProducerSpec => {
    const path = `producers[${i}]`;
    const name = p.name ?? `p${i + 1}`;
    validateNodeName(name, `${path}.name`, 'p1');
    claim(name, `${path}.name`, 'producer', `producers[${i}]`);
    const explicit = Object.keys(p.config ?? {});
    const config: ProducerConfig = { ...producerDefaults(kafkaVersion), ...(p.config as Partial<ProducerConfig>) };
    checkIdempotence(config, new Set(explicit), `${path}.config`, kafkaVersion);
    if (config['delivery.timeout.ms'] < config['linger.ms'] + config['request.timeout.ms']) {
      throw problem(`${path}.config["delivery.timeout.ms"]`, 'delivery-timeout', { min: config['linger.ms'] + config['request.timeout.ms'], got: config['delivery.timeout.ms'] });
    }
    total += p.count;
    if (total > MAX_MESSAGES) throw problem(`${path}.count`, 'too-many-messages', { got: total, max: MAX_MESSAGES });
    return { name, topic: topicRef(p.topic, `${path}.topic`), config, explicit, rate: p.rate, count: p.count, keys: p.keys, startAt: p.startAt, onError: p.onError, onRestart: p.onRestart, messageBytes: p.messageBytes };
  });
  const consumers = s.consumers.map((c, i) => consumerSpec(c, i, topicRef, claim, kafkaVersion));
  const groupTopic = new Map<string, string>();
  const instances = new Map<string, string>();
  consumers.forEach((c, i) => {
    const t = groupTopic.get(c.group);
    if (t !== undefined && t !== c.topic) throw problem(`consumers[${i}].topic`, 'group-topic', { group: c.group, topic: t });
    groupTopic.set(c.group, c.topic);
    const id = c.config['group.instance.id'];
    if (!id) return;
    const other = instances.get(`${c.group}\u0000${id}`);
    if (other) throw problem(`consumers[${i}].config["group.instance.id"]`, 'duplicate-instance-id', { id, other, group: c.group });
    instances.set(`${c.group}\u0000${id}`, c.name);
  });
  const world = { brokers, topics, producers: producers.map((p) => p.name), consumers: consumers.map((c) => c.name) };
  const faults = s.faults.map((f, i) => resolveFault(f as RawFault, `faults[${i}]`, world));
  checkClientConfigChanges(faults, producers, consumers, kafkaVersion);
  const scenario: Scenario = { name: s.name, description: s.description, seed: s.seed, until: s.until, kafkaVersion, features, brokers, brokerConfig, lab, topics, producers, consumers, faults, expect: parseExpectations(s.expect, SUMMARY_COUNTS) };
  checkProgressSettings(scenario);
  return scenario;
}

type Claim = (name: string, path: string, kind: 'producer' | 'consumer', what: string) => void;

function consumerSpec(c: RawScenarioOut['consumers'][number], i: number, topicRef: (n: string | undefined, p: string) => string, claim: Claim, kafkaVersion: KafkaVersion): ConsumerSpec {
  const path = `consumers[${i}]`;
  const cfg = `${path}.config`;
  const name = c.name ?? `c${i + 1}`;
  validateNodeName(name, `${path}.name`, 'c1');
  claim(name, `${path}.name`, 'consumer', `consumers[${i}]`);
  const explicit = Object.keys(c.config ?? {});
  const config: ConsumerConfig = { ...consumerDefaults(kafkaVersion), ...(c.config as Partial<ConsumerConfig>) };
  if (config['heartbeat.interval.ms'] >= config['session.timeout.ms']) {
    throw problem(`${cfg}["heartbeat.interval.ms"]`, 'heartbeat-session', { session: config['session.timeout.ms'], got: config['heartbeat.interval.ms'] });
  }
  // The broker's group.min.session.timeout.ms / group.max.session.timeout.ms defaults.
  if (config['session.timeout.ms'] < 6000 || config['session.timeout.ms'] > 1800000) throw problem(`${cfg}["session.timeout.ms"]`, 'session-timeout', { got: config['session.timeout.ms'] });
  if (config['partition.assignment.strategy'].split(',')[0] === 'cooperative-sticky') throw problem(`${cfg}["partition.assignment.strategy"]`, 'cooperative-first');
  if (c.commit === 'auto' && !config['enable.auto.commit']) throw problem(`${path}.commit`, 'commit-auto');
  if (c.commit !== 'auto' && !explicit.includes('enable.auto.commit')) throw problem(`${cfg}["enable.auto.commit"]`, 'commit-manual', { commit: c.commit });
  if (c.commitPer === 'record' && c.processing !== 'inline') throw problem(`${path}.commitPer`, 'commit-per-record', { processing: c.processing });
  if (c.commitOffset === 'last-processed' && (c.commit === 'auto' || c.processing !== 'inline')) {
    throw problem(`${path}.commitOffset`, 'commit-offset-last', { commit: c.commit, processing: c.processing });
  }
  const pooled = c.processing === 'thread-pool' || c.processing === 'per-key-queue';
  return {
    name,
    group: c.group,
    topic: topicRef(c.topic, `${path}.topic`),
    config,
    explicit,
    commit: c.commit,
    commitPer: c.commitPer,
    commitApi: c.commitApi,
    commitOffset: c.commitOffset,
    processing: c.processing,
    threads: pooled ? (c.threads ?? 4) : 1,
    processingMs: c.processingMs,
    processingJitter: c.processingJitter ?? (pooled ? 0.5 : 0),
    sink: c.sink,
    startAt: c.startAt,
    queueCapacity: c.queueCapacity,
    pollTimeoutMs: c.pollTimeoutMs,
  };
}

type RawTarget = number | string | { leaderOf: string };
type RawFault = { at: number; type: Fault['type'] } & Record<string, unknown>;
interface World {
  brokers: number;
  topics: TopicSpec[];
  producers: string[];
  consumers: string[];
}

/** Every node a fault or a network rule may name. */
export function nodeNames(w: World): string[] {
  const names = ['controller'];
  for (let b = 1; b <= w.brokers; b++) names.push(`b${b}`);
  return names.concat(w.producers, w.consumers);
}

function brokerTarget(v: RawTarget, path: string, w: World): BrokerTarget {
  if (typeof v === 'object') {
    const ok = w.topics.some((t) => v.leaderOf.startsWith(`${t.name}-`) && /^\d+$/.test(v.leaderOf.slice(t.name.length + 1)) && Number(v.leaderOf.slice(t.name.length + 1)) < t.partitions);
    if (!ok) throw problem(`${path}.leaderOf`, 'no-partition', { name: v.leaderOf, example: `${w.topics[0].name}-0` });
    return { leaderOf: v.leaderOf };
  }
  const id = typeof v === 'number' ? v : brokerIdOfName(v);
  if (id === undefined || !(id >= 1 && id <= w.brokers)) throw problem(path, 'broker-target', { brokers: w.brokers, got: describe(v) });
  return id;
}

function resolveFault(f: RawFault, path: string, w: World): Fault {
  const nodes = nodeNames(w);
  const node = (x: unknown, p: string): string => {
    if (typeof x !== 'string' || !nodes.includes(x)) throw problem(p, 'node', { nodes: nodes.join(', '), got: describe(x) });
    return x;
  };
  const consumer = (x: unknown, p: string): string => {
    if (typeof x !== 'string' || !w.consumers.includes(x)) throw problem(p, 'consumer-ref', { names: w.consumers.join(', '), got: describe(x) });
    return x;
  };
  const { at } = f;
  switch (f.type) {
    case 'crash':
    case 'shutdown':
    case 'restart':
      return { at, type: f.type, broker: brokerTarget(f.broker as RawTarget, `${path}.broker`, w) };
    case 'power-loss': {
      const list = (f.brokers ?? (f.broker !== undefined ? [f.broker] : undefined)) as RawTarget[] | undefined;
      if (!list || list.length === 0) throw problem(`${path}.brokers`, 'power-loss-brokers', { got: describe(list) });
      return { at, type: 'power-loss', brokers: list.map((b, i) => brokerTarget(b, `${path}.brokers[${i}]`, w)) };
    }
    case 'partition': {
      const groups = f.groups as string[][];
      if (groups.length < 2) throw problem(`${path}.groups`, 'groups-min');
      const seen = new Set<string>();
      return {
        at,
        type: 'partition',
        groups: groups.map((g, i) => {
          if (g.length === 0) throw problem(`${path}.groups[${i}]`, 'group-empty');
          return g.map((n, j) => {
            const name = node(n, `${path}.groups[${i}][${j}]`);
            if (seen.has(name)) throw problem(`${path}.groups[${i}][${j}]`, 'two-groups', { name });
            seen.add(name);
            return name;
          });
        }),
      };
    }
    case 'isolate': {
      if (typeof f.node === 'object') {
        const t = brokerTarget(f.node as RawTarget, `${path}.node`, w);
        return { at, type: 'isolate', node: typeof t === 'number' ? `b${t}` : t };
      }
      return { at, type: 'isolate', node: node(f.node, `${path}.node`) };
    }
    case 'heal':
      return { at, type: 'heal' };
    case 'link':
      return { at, type: 'link', from: node(f.from, `${path}.from`), to: node(f.to, `${path}.to`), drop: f.drop as number | undefined, delayMs: f.delayMs as number | undefined, oneWay: f.oneWay as boolean | undefined };
    case 'slow-follower':
      return { at, type: 'slow-follower', broker: brokerTarget(f.broker as RawTarget, `${path}.broker`, w), delayMs: f.delayMs as number };
    case 'producer-restart':
      if (typeof f.producer !== 'string' || !w.producers.includes(f.producer)) throw problem(`${path}.producer`, 'producer-ref', { names: w.producers.join(', '), got: describe(f.producer) });
      return { at, type: 'producer-restart', producer: f.producer };
    case 'consumer-stall':
      return { at, type: 'consumer-stall', consumer: consumer(f.consumer, `${path}.consumer`), ms: f.ms as number };
    case 'config':
      return resolveConfigFault(f, path, w);
    default:
      return { at, type: f.type, consumer: consumer(f.consumer, `${path}.consumer`) };
  }
}
