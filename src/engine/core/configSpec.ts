/**
 * Kafka configuration keys the engine understands, with the current Kafka
 * (4.x) defaults, so a user can paste their own settings. Values may be given
 * as JSON numbers/booleans or as the strings a .properties file holds.
 * Sources: https://kafka.apache.org/documentation/#brokerconfigs,
 * #topicconfigs, #producerconfigs, #consumerconfigs. Each key's one-line
 * description is in the text catalog (src/i18n, doc.<broker|producer|consumer>.<key>).
 */

/** Kafka's Long.MAX_VALUE, which JSON cannot carry exactly: "never". */
export const LONG_MAX = Number.MAX_SAFE_INTEGER;
export const INT_MAX = 2147483647;
/** log.initial.task.delay.ms (ServerLogConfigs, 30000): when LogManager's periodic tasks first run. */
export const LOG_INITIAL_TASK_DELAY_MS = 30000;

export type ConfigValue = number | boolean | string;

export interface ConfigKeySpec {
  kind: 'int' | 'long' | 'bool' | 'enum' | 'acks' | 'list' | 'id';
  default: ConfigValue;
  min?: number;
  max?: number;
  values?: readonly string[];
}

export const BROKER_CONFIG = {
  'min.insync.replicas': { kind: 'int', default: 1, min: 1 },
  'unclean.leader.election.enable': { kind: 'bool', default: false },
  'replica.lag.time.max.ms': { kind: 'long', default: 30000, min: 1 },
  'replica.fetch.wait.max.ms': { kind: 'int', default: 500, min: 0 },
  'replica.fetch.backoff.ms': { kind: 'int', default: 1000, min: 0 },
  'replica.socket.timeout.ms': { kind: 'int', default: 30000, min: 1 },
  'replica.high.watermark.checkpoint.interval.ms': { kind: 'long', default: 5000, min: 1 },
  'flush.messages': { kind: 'long', default: LONG_MAX, min: 1 },
  'flush.ms': { kind: 'long', default: LONG_MAX, min: 0 },
  'log.flush.interval.messages': { kind: 'long', default: LONG_MAX, min: 1 },
  /** Kafka's default is null: log.flush.scheduler.interval.ms is used (scenarioRules.resolveBrokerFlush). */
  'log.flush.interval.ms': { kind: 'long', default: LONG_MAX, min: 0 },
  'log.flush.scheduler.interval.ms': { kind: 'long', default: LONG_MAX, min: 1 },
  'broker.session.timeout.ms': { kind: 'int', default: 9000, min: 1 },
  'broker.heartbeat.interval.ms': { kind: 'int', default: 2000, min: 1 },
  'group.initial.rebalance.delay.ms': { kind: 'int', default: 3000, min: 0 },
  'unclean.leader.election.interval.ms': { kind: 'long', default: 300000, min: 1 },
  'offsets.retention.minutes': { kind: 'int', default: 10080, min: 1 },
  'offsets.retention.check.interval.ms': { kind: 'long', default: 600000, min: 1 },
} as const satisfies Record<string, ConfigKeySpec>;

export const PRODUCER_CONFIG = {
  acks: { kind: 'acks', default: 'all' },
  'enable.idempotence': { kind: 'bool', default: true },
  retries: { kind: 'int', default: INT_MAX, min: 0 },
  'retry.backoff.ms': { kind: 'long', default: 100, min: 0 },
  'retry.backoff.max.ms': { kind: 'long', default: 1000, min: 0 },
  'request.timeout.ms': { kind: 'int', default: 30000, min: 0 },
  'delivery.timeout.ms': { kind: 'int', default: 120000, min: 0 },
  'max.in.flight.requests.per.connection': { kind: 'int', default: 5, min: 1 },
  'linger.ms': { kind: 'long', default: 5, min: 0 },
  'batch.size': { kind: 'int', default: 16384, min: 0 },
  'metadata.max.age.ms': { kind: 'long', default: 300000, min: 0 },
  /** NetworkClient's connections (ClusterConnectionStates, KIP-601): core/connections.ts. */
  'socket.connection.setup.timeout.ms': { kind: 'long', default: 10000, min: 0 },
  'socket.connection.setup.timeout.max.ms': { kind: 'long', default: 30000, min: 0 },
  'reconnect.backoff.ms': { kind: 'long', default: 50, min: 0 },
  'reconnect.backoff.max.ms': { kind: 'long', default: 1000, min: 0 },
} as const satisfies Record<string, ConfigKeySpec>;

export const CONSUMER_CONFIG = {
  'enable.auto.commit': { kind: 'bool', default: true },
  'auto.commit.interval.ms': { kind: 'int', default: 5000, min: 0 },
  'auto.offset.reset': { kind: 'enum', default: 'latest', values: ['earliest', 'latest', 'none'] },
  'session.timeout.ms': { kind: 'int', default: 45000, min: 1 },
  'heartbeat.interval.ms': { kind: 'int', default: 3000, min: 1 },
  'max.poll.interval.ms': { kind: 'int', default: 300000, min: 1 },
  'max.poll.records': { kind: 'int', default: 500, min: 1 },
  'partition.assignment.strategy': { kind: 'list', default: 'range,cooperative-sticky', values: ['range', 'roundrobin', 'sticky', 'cooperative-sticky'] },
  'request.timeout.ms': { kind: 'int', default: 30000, min: 0 },
  'default.api.timeout.ms': { kind: 'int', default: 60000, min: 0 },
  'retry.backoff.ms': { kind: 'long', default: 100, min: 0 },
  /** NetworkClient's connections (ClusterConnectionStates, KIP-601): core/connections.ts. */
  'socket.connection.setup.timeout.ms': { kind: 'long', default: 10000, min: 0 },
  'socket.connection.setup.timeout.max.ms': { kind: 'long', default: 30000, min: 0 },
  'reconnect.backoff.ms': { kind: 'long', default: 50, min: 0 },
  'reconnect.backoff.max.ms': { kind: 'long', default: 1000, min: 0 },
  /** KIP-345 static membership; '' stands for Kafka's null (a dynamic member). */
  'group.instance.id': { kind: 'id', default: '' },
} as const satisfies Record<string, ConfigKeySpec>;

export type BrokerConfigKey = keyof typeof BROKER_CONFIG;
export type ProducerConfigKey = keyof typeof PRODUCER_CONFIG;
export type ConsumerConfigKey = keyof typeof CONSUMER_CONFIG;

type ValueOf<S extends ConfigKeySpec> = S['kind'] extends 'bool' ? boolean : S['kind'] extends 'enum' | 'list' | 'id' ? string : S['kind'] extends 'acks' ? Acks : number;
export type Acks = 0 | 1 | 'all';

export type BrokerConfig = { [K in BrokerConfigKey]: ValueOf<(typeof BROKER_CONFIG)[K]> };
export type ProducerConfig = { [K in ProducerConfigKey]: ValueOf<(typeof PRODUCER_CONFIG)[K]> };
export type ConsumerConfig = { [K in ConsumerConfigKey]: ValueOf<(typeof CONSUMER_CONFIG)[K]> };
