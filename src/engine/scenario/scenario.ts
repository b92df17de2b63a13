/**
 * The scenario file: what to build, what to send and which faults to fire.
 * `parseScenario` turns untrusted JSON into a validated Scenario or throws a
 * ScenarioError naming the field: first the structure against the declarative
 * schema (scenarioSchema.ts), then the rules between fields (scenarioRules.ts).
 * The format is documented in docs/scenario.md.
 */
import type { BrokerConfig, ProducerConfig } from '../core/configSpec.ts';
import type { Fault } from '../core/faults.ts';
import type { ConsumerSpec } from '../consumer/consumerSpec.ts';
import type { Expectation } from './expectations.ts';
import type { KafkaVersion } from '../core/kafkaVersions.ts';
import { parseStructure } from './scenarioSchema.ts';
import { applyRules, rejectPrototypeKeys } from './scenarioRules.ts';

export interface LabSettings {
  /** One-way network latency between any two nodes. */
  'network.latency.ms': number;
  /** Linux vm.dirty_expire_centisecs: page-cache data older than this is written back by the OS. */
  'os.dirty.expire.ms': number;
  /** Linux vm.dirty_writeback_centisecs: how often the OS flusher wakes. */
  'os.writeback.interval.ms': number;
  /** 'leader-epoch' (Kafka 0.11+, KIP-101/KIP-279) or 'high-watermark' (before 0.11). */
  truncation: 'leader-epoch' | 'high-watermark';
  /** How long one fsync takes (ms): appends that flush wait for it, and fsyncs on one broker's disk queue behind each other. */
  'disk.fsync.ms': number;
  /** Record detail events (appends, acks, fetches) in the trace; the UI wants them, the bench not. */
  detail: boolean;
}

export const LAB_DEFAULTS: LabSettings = {
  'network.latency.ms': 1,
  'os.dirty.expire.ms': 30000,
  'os.writeback.interval.ms': 5000,
  truncation: 'leader-epoch',
  'disk.fsync.ms': 5,
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
  /** The Kafka release whose defaults and rules apply (cluster.kafkaVersion). */
  kafkaVersion: KafkaVersion;
  /** Finalized feature levels: the version's, unless cluster.features sets them. */
  features: { 'eligible.leader.replicas.version': number };
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

export function parseScenario(input: unknown): Scenario {
  rejectPrototypeKeys(input);
  return applyRules(parseStructure(input));
}

export { checkIdempotence } from './idempotence.ts';
