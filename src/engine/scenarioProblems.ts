/**
 * Every way a scenario can be refused, as a code with arguments, and the one
 * English rendering of each (the CLI's and the lab's text; a translation maps
 * the same codes). `got` arguments are already quoted by describe().
 */
import { ScenarioError } from './scenarioError.ts';

type A = Record<string, string | number>;

export const PROBLEMS = {
  'not-object': (a: A) => `must be an object${a.like ? ` like ${a.like}` : ''}, got ${a.got}`,
  'not-list': (a: A) => `must be a list, got ${a.got}`,
  'too-many': (a: A) => `has ${a.got} entries; at most ${a.max} are allowed`,
  required: () => 'is required',
  'not-valid': (a: A) => `is not valid here, got ${a.got}`,
  'broker-kind': (a: A) => `must be a broker id (1, 2, …), a broker name ("b1") or { "leaderOf": "topic-0" }, got ${a.got}`,
  'node-kind': (a: A) => `must be a node name such as "b1", "p1" or "c1", got ${a.got}`,
  'producer-kind': (a: A) => `must be a producer's name, got ${a.got}`,
  'consumer-kind': (a: A) => `must be a consumer's name, got ${a.got}`,
  'empty-list': () => 'must be a non-empty list',
  'unknown-field': (a: A) => `unknown field; expected one of ${a.known}`,
  'unknown-config': (a: A) => `unknown config key; known keys: ${a.known}`,
  'not-topic-config': (a: A) => `not a topic-level config here; topic configs: ${a.known}`,
  'prototype-key': (a: A) => `"${a.key}" cannot be a key: it names a property every JavaScript object has`,
  'not-integer': (a: A) => `must be an integer, got ${a.got}`,
  'not-number': (a: A) => `must be a number, got ${a.got}`,
  range: (a: A) => `must be between ${a.min} and ${a.max}, got ${a.got}`,
  'at-least': (a: A) => `must be at least ${a.min}, got ${a.got}`,
  'at-most': (a: A) => `must be at most ${a.max}${a.java ? ` (Java's ${a.java})` : ''}, got ${a.got}`,
  'not-string': (a: A) => `must be a non-empty string, got ${a.got}`,
  'one-of': (a: A) => `must be one of ${a.values}, got ${a.got}`,
  acks: (a: A) => `must be 0, 1 or "all", got ${a.got}`,
  bool: (a: A) => `must be true or false, got ${a.got}`,
  'list-of': (a: A) => `must be a list of ${a.values}, got ${a.got}`,
  probability: (a: A) => `must be a probability between 0 and 1, got ${a.got}`,
  'non-negative': (a: A) => `must be a non-negative integer${a.what ? ` (${a.what})` : ''}, got ${a.got}`,
  'broker-target': (a: A) => `must be a broker id from 1 to ${a.brokers} or { "leaderOf": "topic-0" }, got ${a.got}`,
  'no-partition': (a: A) => `no partition named "${a.name}" (partitions are named topic-index, e.g. "${a.example}")`,
  node: (a: A) => `must name a node (${a.nodes}), got ${a.got}`,
  'producer-ref': (a: A) => `must name a producer (${a.names || 'none defined'}), got ${a.got}`,
  'consumer-ref': (a: A) => `must name a consumer (${a.names || 'none defined'}), got ${a.got}`,
  'no-topic': (a: A) => `no topic named ${a.got}; topics: ${a.topics}`,
  'invalid-replication-factor': (a: A) => `INVALID_REPLICATION_FACTOR: ${a.rf} is larger than the ${a.brokers} available broker(s)`,
  'idempotence-in-flight': (a: A) => `ConfigException: to use the idempotent producer, max.in.flight.requests.per.connection must be set to at most 5. Current value is ${a.got}. (Set enable.idempotence=false to allow more.)`,
  'idempotence-conflict': (a: A) => `ConfigException: to use the idempotent producer, ${a.conflicts}`,
  'delivery-timeout': (a: A) => `should be equal to or larger than linger.ms + request.timeout.ms (${a.min}), got ${a.got}`,
  'heartbeat-session': (a: A) => `must be lower than session.timeout.ms (${a.session}), got ${a.got}`,
  'session-timeout': (a: A) => `INVALID_SESSION_TIMEOUT: the broker accepts 6000 to 1800000 ms, got ${a.got}`,
  'cooperative-first': () => 'a group led by cooperative-sticky uses the incremental (KIP-429) protocol, which the lab does not model; list range, roundrobin or sticky first',
  'commit-auto': () => '"auto" needs enable.auto.commit=true; with it false, choose "before-process" or "after-process" (the app commits itself)',
  'commit-manual': (a: A) => `commit "${a.commit}" is a manual commit: set enable.auto.commit explicitly (false as the Kafka docs advise, or true to also auto-commit in poll())`,
  'commit-per-record': (a: A) => `"record" is only for processing "inline" (the poll thread owns the consumer; workers cannot call commit), got processing "${a.processing}"`,
  'group-topic': (a: A) => `group "${a.group}" already subscribes to "${a.topic}"; the lab models one topic per group`,
  'duplicate-topic': (a: A) => `duplicate topic "${a.name}"`,
  'duplicate-name': (a: A) => `duplicate ${a.kind} "${a.name}": ${a.other} already has this name (every producer and consumer needs a name of its own)`,
  'reserved-name': (a: A) => `"${a.name}" is a broker or controller name (brokers are b1..b9, the KRaft controller is "controller")`,
  'bad-name': (a: A) => `must be a short name like "${a.example}" (a letter, then up to 31 letters, digits, "_" or "-"), got ${a.got}`,
  // Kafka's own words: org.apache.kafka.common.internals.Topic.validate (InvalidTopicException).
  'topic-empty': () => "InvalidTopicException: Topic name is illegal, it can't be empty",
  'topic-dots': () => 'InvalidTopicException: Topic name cannot be "." or ".."',
  'topic-length': (a: A) => `InvalidTopicException: Topic name is illegal, it can't be longer than 249 characters, topic name: ${a.name}`,
  'topic-chars': (a: A) => `InvalidTopicException: Topic name "${a.name}" is illegal, it contains a character other than ASCII alphanumerics, '.', '_' and '-'`,
  'groups-min': () => 'must be a list of at least two groups of node names',
  'group-empty': () => 'must be a non-empty list of node names',
  'two-groups': (a: A) => `"${a.name}" is in two groups`,
  'power-loss-brokers': (a: A) => `must be a non-empty list of brokers, got ${a.got}`,
  'expect-value': (a: A) => `must be a count or a comparison such as ">0" or "<=5", got ${a.got}`,
  'expect-key': (a: A) => `not a count of the report's summary; expected one of ${a.known}`,
  'too-many-faults': (a: A) => `${a.got} faults; a scenario may schedule at most ${a.max}`,
  'too-many-messages': (a: A) => `${a.got} messages in all; the lab runs at most ${a.max} per scenario`,
  'file-too-large': (a: A) => `the file is ${a.got} bytes; a scenario file may be at most ${a.max} bytes`,
  'not-json': (a: A) => `not valid JSON: ${a.reason}`,
  // KafkaConfig's own requirements (IllegalArgumentException: requirement failed).
  'fetch-wait-socket': () => 'requirement failed: replica.socket.timeout.ms should always be at least replica.fetch.wait.max.ms to prevent unnecessary socket timeouts',
  'fetch-wait-lag': () => 'requirement failed: replica.fetch.wait.max.ms should always be less than or equal to replica.lag.time.max.ms to prevent frequent changes in ISR',
  stalled: (a: A) => `the run stopped at ${a.t} ms: more than ${a.max} events happened at that one simulated instant, so simulated time could not advance. Settings that allow it: ${a.settings}`,
  'config-value': (a: A) => `must be a number, a string or true/false, got ${a.got}`,
  'config-entity': () => 'name exactly one of "topic", "brokers": "all", "producer" or "consumer"',
  // DynamicBrokerConfig's refusal of a read-only broker config.
  'not-dynamic': (a: A) => `Cannot update these configs dynamically: ${a.keys} (dynamic cluster-wide broker configs here: ${a.known})`,
  'too-deep': (a: A) => `nested deeper than ${a.max} levels`,
} as const;

export type ProblemCode = keyof typeof PROBLEMS;

/** The English sentence of a problem. */
export function problemText(code: ProblemCode, args: A = {}): string {
  return (PROBLEMS[code] as (a: A) => string)(args);
}

/** A refusal naming the field: throw problem('producers[0].name', 'bad-name', { ... }). */
export function problem(path: string, code: ProblemCode, args: A = {}): ScenarioError {
  return new ScenarioError(path, problemText(code, args), code, args);
}
