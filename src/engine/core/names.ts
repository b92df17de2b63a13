/**
 * Names of things in a scenario. Topics follow Kafka's rule
 * (org.apache.kafka.common.internals.Topic.validate): ASCII letters, digits,
 * '.', '_' and '-', at most 249 characters, not "." or "..". Node names
 * (producers, consumers) must differ from each other and from the brokers'
 * and the controller's, because faults and network rules address nodes by name.
 */
import { problem } from './scenarioProblems.ts';

export const TOPIC_NAME_MAX = 249;
const TOPIC_LEGAL = /^[a-zA-Z0-9._-]+$/;

/** Throws Kafka's InvalidTopicException reason for a name Kafka refuses. */
export function validateTopicName(name: string, path: string): void {
  if (name.length === 0) throw problem(path, 'topic-empty');
  if (name === '.' || name === '..') throw problem(path, 'topic-dots');
  if (name.length > TOPIC_NAME_MAX) throw problem(path, 'topic-length', { name });
  if (!TOPIC_LEGAL.test(name)) throw problem(path, 'topic-chars', { name });
}

/** The broker id a broker's name stands for ("b2" -> 2), or undefined: brokers are named b1..b9 and no other node may be. */
export function brokerIdOfName(name: string): number | undefined {
  return /^b[1-9]$/.test(name) ? Number(name.slice(1)) : undefined;
}

/** b1..b9 and controller belong to the cluster. */
export const isReservedNodeName = (name: string): boolean => name === 'controller' || /^b\d+$/.test(name);

const NODE_NAME = /^[A-Za-z][\w-]{0,31}$/;

/** A producer's or consumer's name: short, a letter first, not a cluster node's name. */
export function validateNodeName(name: string, path: string, example: string): void {
  if (!NODE_NAME.test(name)) throw problem(path, 'bad-name', { example, got: JSON.stringify(name) });
  if (isReservedNodeName(name)) throw problem(path, 'reserved-name', { name });
}
