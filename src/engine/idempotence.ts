/** The producer's own check of its idempotence settings (ProducerConfig.postProcessAndValidateIdempotenceConfigs). */
import type { ProducerConfig } from './configSpec.ts';
import { problem } from './scenarioProblems.ts';

/**
 * Idempotence needs acks=all, retries > 0 and at most 5 requests in flight.
 * Since Kafka 3.2 (KAFKA-13673) a conflicting acks or retries silently turns
 * the default-on idempotence off; if the user set enable.idempotence=true
 * explicitly, the producer refuses to start with a ConfigException. Since
 * Kafka 4.0 (KAFKA-17927) more than 5 requests in flight is refused unless
 * idempotence is explicitly off.
 */
export function checkIdempotence(config: ProducerConfig, explicit: Set<string>, path: string): void {
  if (!config['enable.idempotence']) return;
  const inFlight = config['max.in.flight.requests.per.connection'];
  if (inFlight > 5) throw problem(`${path}["max.in.flight.requests.per.connection"]`, 'idempotence-in-flight', { got: inFlight });
  const conflicts: string[] = [];
  if (config.acks !== 'all') conflicts.push(`acks must be set to "all" (got ${config.acks})`);
  if (config.retries === 0) conflicts.push('retries must be greater than 0');
  if (conflicts.length === 0) return;
  if (explicit.has('enable.idempotence')) throw problem(`${path}["enable.idempotence"]`, 'idempotence-conflict', { conflicts: conflicts.join('; ') });
  config['enable.idempotence'] = false;
}
