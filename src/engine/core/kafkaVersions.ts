/**
 * The Kafka version switch: for each release where reliability behaviour
 * changed, the default of every config key the engine reads and the rules
 * that differ. One table, read by the scenario parser (scenarioRules.ts), the
 * live config changes (liveConfig.ts) and the consumer side through
 * `defaultsFor(version)`. An explicit config always beats the version's
 * default. Each row's source is in src/engine/FIDELITY.md ("Kafka versions").
 *
 * Versions before KRaft keep the KRaft controller's timing (a stated
 * simplification); 0.8.2 had no Java consumer, so its consumer defaults are
 * those of the first Java consumer (0.9) with heartbeats sent from poll().
 */
import { INT_MAX, type Acks } from './configSpec.ts';

export const KAFKA_VERSIONS = ['0.8.2', '0.10.2', '0.11', '1.0', '2.1', '2.8', '3.0', '3.7', '4.0', '4.1'] as const;
export type KafkaVersion = (typeof KAFKA_VERSIONS)[number];
/** The newest release the lab models row by row. */
export const DEFAULT_KAFKA_VERSION: KafkaVersion = '4.1';

export interface VersionRules {
  /** Pre-0.11 followers truncate to their own HW; since 0.11 by leader epoch (KIP-101, KIP-279). */
  truncation: 'high-watermark' | 'leader-epoch';
  /** The most requests in flight an idempotent producer accepts; 0: no idempotent producer yet (KIP-98 is 0.11). */
  idempotenceMaxInFlight: 0 | 1 | 5;
  /** KAFKA-13673 (3.2+): a conflicting acks/retries silently turns the default-on idempotence off. */
  idempotenceSilentOff: boolean;
  /** KAFKA-17927 (4.0): more than 5 in flight is refused unless idempotence is explicitly off. */
  inFlightAboveFiveRefused: boolean;
  /** KAFKA-15583 (3.7): the HW does not advance while the ISR is below the effective min ISR. */
  strictMinIsrHw: boolean;
  /**
   * KIP-966 part 1: 'none' before 4.0, 'available' in 4.0 (the eligible.leader.replicas.version
   * feature defaults to 0), 'on' from 4.1 (a new cluster is formatted with level 1).
   */
  eligibleLeaderReplicas: 'none' | 'available' | 'on';
  /** KIP-320: the consumer validates its position against the leader epoch after a leader change (2.3+). */
  consumerTruncationDetection: boolean;
  /** Metadata quorum of a new cluster in that release (the engine always runs the KRaft controller's timing). */
  metadata: 'zookeeper' | 'kraft';
}

export interface VersionDefaults {
  broker: { 'unclean.leader.election.enable': boolean; 'replica.lag.time.max.ms': number; 'min.insync.replicas': number };
  producer: { acks: Acks; 'enable.idempotence': boolean; retries: number; 'delivery.timeout.ms': number; 'linger.ms': number; 'retry.backoff.max.ms': number; 'max.in.flight.requests.per.connection': number };
  consumer: { 'session.timeout.ms': number; 'max.poll.records': number; 'max.poll.interval.ms': number; 'auto.offset.reset': string; 'heartbeat.interval.ms': number; 'partition.assignment.strategy': string };
  rules: VersionRules;
  /** Feature levels a new cluster of that release is formatted with (kafka-storage.sh format --feature). */
  features: { 'eligible.leader.replicas.version': number };
}

/** Ordinal of a version, to compare them. */
const at = (v: KafkaVersion) => KAFKA_VERSIONS.indexOf(v);
const since = (v: KafkaVersion, from: KafkaVersion) => at(v) >= at(from);

/**
 * Every default and rule of one version. Each change cites where Kafka made it:
 * - unclean.leader.election.enable true → false: 0.11 (KIP-106)
 * - replica.lag.time.max.ms 10000 → 30000: 2.5 (KIP-537), so 2.8 onwards here
 * - acks 1 → all, enable.idempotence false → true: 3.0 (KIP-679); the idempotence
 *   default was not applied in 3.0.0 and 3.1.0 (KAFKA-13598, fixed in 3.0.1/3.1.1/3.2.0):
 *   this table's 3.0 is 3.0.0
 * - retries 0 → Integer.MAX_VALUE and delivery.timeout.ms (120000) added: 2.1 (KIP-91).
 *   Before it no delivery timeout bounds a batch (modelled as Integer.MAX_VALUE)
 * - linger.ms 0 → 5: 4.0 (KIP-1030)
 * - retry.backoff.max.ms (exponential backoff) added: 3.7 (KIP-580); before, the backoff is
 *   the constant retry.backoff.ms (100)
 * - session.timeout.ms 30000 → 10000 with max.poll.interval.ms added: 0.10.1 (KIP-62);
 *   10000 → 45000: 3.0 (KIP-735). max.poll.records (500) added: 0.10.0 (KIP-41)
 * - partition.assignment.strategy range → range,cooperative-sticky: 3.0 (KAFKA-13023, a first
 *   step of KIP-726; range is still the one chosen, and KIP-726's cooperative-sticky-first default
 *   has not shipped: 4.x keeps this list)
 */
export function defaultsFor(version: KafkaVersion): VersionDefaults {
  const v = version;
  const kip62 = since(v, '0.10.2');
  const session = since(v, '3.0') ? 45000 : kip62 ? 10000 : 30000;
  return {
    broker: {
      'unclean.leader.election.enable': !since(v, '0.11'),
      'replica.lag.time.max.ms': since(v, '2.8') ? 30000 : 10000,
      'min.insync.replicas': 1,
    },
    producer: {
      acks: since(v, '3.0') ? 'all' : 1,
      'enable.idempotence': since(v, '3.7'),
      retries: since(v, '2.1') ? INT_MAX : 0,
      'delivery.timeout.ms': since(v, '2.1') ? 120000 : INT_MAX,
      'linger.ms': since(v, '4.0') ? 5 : 0,
      'retry.backoff.max.ms': since(v, '3.7') ? 1000 : 100,
      'max.in.flight.requests.per.connection': 5,
    },
    consumer: {
      'session.timeout.ms': session,
      // Before KIP-62 heartbeats went from poll(): a slow loop missed the session timeout itself.
      'max.poll.interval.ms': kip62 ? 300000 : session,
      'max.poll.records': kip62 ? 500 : INT_MAX,
      'auto.offset.reset': 'latest',
      'heartbeat.interval.ms': 3000,
      'partition.assignment.strategy': since(v, '3.0') ? 'range,cooperative-sticky' : 'range',
    },
    rules: {
      truncation: since(v, '0.11') ? 'leader-epoch' : 'high-watermark',
      idempotenceMaxInFlight: since(v, '1.0') ? 5 : since(v, '0.11') ? 1 : 0,
      idempotenceSilentOff: since(v, '3.7'),
      inFlightAboveFiveRefused: since(v, '4.0'),
      strictMinIsrHw: since(v, '3.7'),
      eligibleLeaderReplicas: since(v, '4.1') ? 'on' : since(v, '4.0') ? 'available' : 'none',
      consumerTruncationDetection: since(v, '2.8'),
      metadata: since(v, '4.0') ? 'kraft' : 'zookeeper',
    },
    // Docs, operations "Eligible Leader Replicas": "ELR is enabled by default on new clusters starting 4.1";
    // in 4.0 it is enabled with eligible.leader.replicas.version=1.
    features: { 'eligible.leader.replicas.version': since(v, '4.1') ? 1 : 0 },
  };
}

export const isKafkaVersion = (x: unknown): x is KafkaVersion => typeof x === 'string' && (KAFKA_VERSIONS as readonly string[]).includes(x);
