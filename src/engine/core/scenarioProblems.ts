/**
 * Every way a scenario or a live change can be refused, as a code with
 * arguments. The sentences live in the text catalog (src/i18n, problem.<code>);
 * a thrown ScenarioError carries its English rendering as its message, as an
 * Error must have one. `got` arguments are already quoted by describe().
 */
import { ScenarioError } from './scenarioError.ts';
import { problemEnglish } from '../../i18n/english.ts';

type A = Record<string, string | number>;

export const PROBLEM_CODES = [
  'not-object', 'not-list', 'too-many', 'required', 'not-valid', 'broker-kind', 'node-kind', 'producer-kind',
  'consumer-kind', 'empty-list', 'unknown-field', 'unknown-config', 'not-topic-config', 'prototype-key',
  'not-integer', 'not-number', 'range', 'at-least', 'at-most', 'not-string', 'one-of', 'acks', 'bool',
  'list-of', 'probability', 'non-negative', 'broker-target', 'no-partition', 'node', 'producer-ref',
  'consumer-ref', 'no-topic', 'invalid-replication-factor', 'idempotence-in-flight', 'idempotence-conflict', 'idempotence-version', 'feature-version',
  'delivery-timeout', 'heartbeat-session', 'session-timeout', 'cooperative-first', 'commit-auto',
  'commit-manual', 'commit-per-record', 'commit-offset-last', 'instance-id', 'duplicate-instance-id', 'group-topic', 'duplicate-topic', 'duplicate-name', 'reserved-name',
  'bad-name', 'topic-empty', 'topic-dots', 'topic-length', 'topic-chars', 'groups-min', 'group-empty',
  'two-groups', 'power-loss-brokers', 'expect-value', 'expect-key', 'too-many-faults', 'too-many-actions', 'too-many-messages',
  'file-too-large', 'not-json', 'not-utf8', 'fetch-wait-socket', 'fetch-wait-lag', 'stalled', 'config-value',
  'config-entity', 'not-dynamic', 'too-deep', 'no-producer', 'not-producer-config', 'unknown-topic',
  'not-dynamic-topic-config', 'no-group', 'not-consumer-config',
] as const;

export type ProblemCode = (typeof PROBLEM_CODES)[number];

/** The English sentence of a problem: the ScenarioError's message (the lab and the CLI render the code in the reader's language). */
export function problemText(code: ProblemCode, args: A = {}): string {
  return problemEnglish(code, args);
}

/** A refusal naming the field: throw problem('producers[0].name', 'bad-name', { ... }). */
export function problem(path: string, code: ProblemCode, args: A = {}): ScenarioError {
  return new ScenarioError(path, problemText(code, args), code, args);
}
