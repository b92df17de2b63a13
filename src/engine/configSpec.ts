/**
 * Kafka configuration keys the engine understands, with the current Kafka
 * (4.x) defaults, so a user can paste their own settings. Values may be given
 * as JSON numbers/booleans or as the strings a .properties file holds.
 * Sources: https://kafka.apache.org/documentation/#brokerconfigs,
 * #topicconfigs, #producerconfigs, #consumerconfigs.
 */

/** Kafka's Long.MAX_VALUE, which JSON cannot carry exactly: "never". */
export const LONG_MAX = Number.MAX_SAFE_INTEGER;
export const INT_MAX = 2147483647;

export type ConfigValue = number | boolean | string;

export interface ConfigKeySpec {
  kind: 'int' | 'long' | 'bool' | 'enum' | 'acks' | 'list';
  default: ConfigValue;
  min?: number;
  max?: number;
  values?: readonly string[];
  /** One line, shown in the UI beside the key. */
  doc: string;
}

export const BROKER_CONFIG = {
  'min.insync.replicas': { kind: 'int', default: 1, min: 1, doc: 'Replicas that must be in the ISR for an acks=all write to be accepted and committed.' },
  'unclean.leader.election.enable': { kind: 'bool', default: false, doc: 'Allow a replica outside the ISR to become leader when no ISR member is alive (may lose committed data).' },
  'replica.lag.time.max.ms': { kind: 'long', default: 30000, min: 1, doc: 'A follower that has not caught up with the leader for this long is removed from the ISR.' },
  'replica.fetch.wait.max.ms': { kind: 'int', default: 500, min: 0, doc: 'How long a follower fetch waits at the leader for new data.' },
  'replica.fetch.backoff.ms': { kind: 'int', default: 1000, min: 0, doc: 'Pause before a follower retries a failed fetch.' },
  'replica.socket.timeout.ms': { kind: 'int', default: 30000, min: 1, doc: 'A follower fetch with no answer for this long is abandoned and retried.' },
  'replica.high.watermark.checkpoint.interval.ms': { kind: 'long', default: 5000, min: 1, doc: 'How often each broker writes its high watermarks to disk.' },
  'flush.messages': { kind: 'long', default: LONG_MAX, min: 1, doc: 'fsync the log after this many messages (default: never; Kafka relies on replication).' },
  'flush.ms': { kind: 'long', default: LONG_MAX, min: 0, doc: 'fsync the log when data has waited this long (checked every log.flush.scheduler.interval.ms).' },
  'log.flush.scheduler.interval.ms': { kind: 'long', default: LONG_MAX, min: 1, doc: 'How often the log flusher checks flush.ms.' },
  'broker.session.timeout.ms': { kind: 'int', default: 9000, min: 1, doc: 'The controller fences a broker that has not sent a heartbeat for this long.' },
  'broker.heartbeat.interval.ms': { kind: 'int', default: 2000, min: 1, doc: 'How often a broker heartbeats to the controller.' },
  'group.initial.rebalance.delay.ms': { kind: 'int', default: 3000, min: 0, doc: 'How long the coordinator waits for more members before the first rebalance of an empty group.' },
  'unclean.leader.election.interval.ms': { kind: 'long', default: 300000, min: 1, doc: 'How often the KRaft controller elects unclean leaders for leaderless partitions whose unclean.leader.election.enable is true (an internal config; 5 minutes).' },
} as const satisfies Record<string, ConfigKeySpec>;

export const PRODUCER_CONFIG = {
  acks: { kind: 'acks', default: 'all', doc: 'How many replicas must have a write before it is acknowledged: 0, 1 or all (the ISR).' },
  'enable.idempotence': { kind: 'bool', default: true, doc: 'Producer id + sequence numbers so the leader drops retried duplicates and keeps order.' },
  retries: { kind: 'int', default: INT_MAX, min: 0, doc: 'How often a failed batch is resent (bounded by delivery.timeout.ms).' },
  'retry.backoff.ms': { kind: 'long', default: 100, min: 0, doc: 'Initial pause before a retry; doubles per attempt (KIP-580).' },
  'retry.backoff.max.ms': { kind: 'long', default: 1000, min: 0, doc: 'Upper bound of the exponential retry backoff.' },
  'request.timeout.ms': { kind: 'int', default: 30000, min: 0, doc: 'How long the client waits for a response before it gives up on a request.' },
  'delivery.timeout.ms': { kind: 'int', default: 120000, min: 0, doc: 'Upper bound on the time from send() to success or failure, retries included.' },
  'max.in.flight.requests.per.connection': { kind: 'int', default: 5, min: 1, doc: 'Unacknowledged requests per broker connection; above 1 without idempotence, retries can reorder.' },
  'linger.ms': { kind: 'long', default: 5, min: 0, doc: 'How long a batch waits for more records before it is sent (5 since Kafka 4.0, KIP-1030).' },
  'batch.size': { kind: 'int', default: 16384, min: 0, doc: 'Upper bound of a batch, in bytes.' },
  'metadata.max.age.ms': { kind: 'long', default: 300000, min: 0, doc: 'Refresh metadata at least this often.' },
} as const satisfies Record<string, ConfigKeySpec>;

export const CONSUMER_CONFIG = {
  'enable.auto.commit': { kind: 'bool', default: true, doc: 'Commit the offsets returned by earlier polls, from inside a later poll(), every auto.commit.interval.ms.' },
  'auto.commit.interval.ms': { kind: 'int', default: 5000, min: 0, doc: 'How often poll() commits automatically.' },
  'auto.offset.reset': { kind: 'enum', default: 'latest', values: ['earliest', 'latest', 'none'], doc: 'Where a group with no committed offset starts reading.' },
  'session.timeout.ms': { kind: 'int', default: 45000, min: 1, doc: 'The coordinator removes a member that has not heartbeated for this long.' },
  'heartbeat.interval.ms': { kind: 'int', default: 3000, min: 1, doc: 'How often the background thread heartbeats.' },
  'max.poll.interval.ms': { kind: 'int', default: 300000, min: 1, doc: 'A member that does not call poll() for this long leaves the group.' },
  'max.poll.records': { kind: 'int', default: 500, min: 1, doc: 'Records returned by one poll().' },
  'partition.assignment.strategy': { kind: 'list', default: 'range,cooperative-sticky', values: ['range', 'roundrobin', 'sticky', 'cooperative-sticky'], doc: 'How partitions are spread over the members.' },
  'request.timeout.ms': { kind: 'int', default: 30000, min: 0, doc: 'How long the client waits for a response before it gives up on a request.' },
  'default.api.timeout.ms': { kind: 'int', default: 60000, min: 0, doc: 'How long a blocking call such as commitSync() keeps retrying.' },
  'retry.backoff.ms': { kind: 'long', default: 100, min: 0, doc: 'Pause before a failed request (e.g. a commit) is retried.' },
} as const satisfies Record<string, ConfigKeySpec>;

export type BrokerConfigKey = keyof typeof BROKER_CONFIG;
export type ProducerConfigKey = keyof typeof PRODUCER_CONFIG;
export type ConsumerConfigKey = keyof typeof CONSUMER_CONFIG;

type ValueOf<S extends ConfigKeySpec> = S['kind'] extends 'bool' ? boolean : S['kind'] extends 'enum' | 'list' ? string : S['kind'] extends 'acks' ? Acks : number;
export type Acks = 0 | 1 | 'all';

export type BrokerConfig = { [K in BrokerConfigKey]: ValueOf<(typeof BROKER_CONFIG)[K]> };
export type ProducerConfig = { [K in ProducerConfigKey]: ValueOf<(typeof PRODUCER_CONFIG)[K]> };
export type ConsumerConfig = { [K in ConsumerConfigKey]: ValueOf<(typeof CONSUMER_CONFIG)[K]> };
