/**
 * The scenario file: what to build, what to send and which faults to fire.
 * `parseScenario` turns untrusted JSON into a validated Scenario or throws a
 * ScenarioError naming the field: first the structure against the declarative
 * schema (scenarioSchema.ts), then the rules between fields (scenarioRules.ts).
 * The format is documented in docs/scenario.md.
 */
import type { BrokerConfig } from '../core/configSpec.ts';
import type { LabSettings, ProducerSpec, TopicSpec } from '../core/specs.ts';
import type { Fault } from '../core/faults.ts';
import type { ConsumerSpec } from '../core/consumerSpec.ts';
import type { Expectation } from '../checker/expectations.ts';
import type { KafkaVersion } from '../core/kafkaVersions.ts';
import { parseStructure } from './scenarioSchema.ts';
import { applyRules, rejectPrototypeKeys } from './scenarioRules.ts';

export const LAB_DEFAULTS: LabSettings = {
  'network.latency.ms': 1,
  'os.dirty.expire.ms': 30000,
  'os.writeback.interval.ms': 5000,
  truncation: 'leader-epoch',
  'disk.fsync.ms': 5,
  detail: true,
};

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
