/** The producer's own check of its idempotence settings (ProducerConfig.postProcessAndValidateIdempotenceConfigs). */
import { INT_MAX, type ProducerConfig } from '../core/configSpec.ts';
import { DEFAULT_KAFKA_VERSION, defaultsFor, type KafkaVersion } from '../core/kafkaVersions.ts';
import { problem } from '../core/scenarioProblems.ts';

/**
 * Idempotence needs acks=all, retries > 0 and a bounded number of requests in
 * flight, each as the given Kafka version checks it:
 * - before 0.11 there is no idempotent producer (KIP-98): enabling it is refused;
 * - 0.11 allows only 1 request in flight with idempotence, 1.0 up to 5 (KAFKA-5494);
 * - since 3.2 (KAFKA-13673) a conflicting acks or retries silently turns the
 *   default-on idempotence off; an explicit enable.idempotence=true with a
 *   conflict is a ConfigException in every version;
 * - since 4.0 (KAFKA-17927) more than 5 requests in flight is refused unless
 *   idempotence is explicitly off; before, it only mattered with idempotence on.
 */
export function checkIdempotence(config: ProducerConfig, explicit: Set<string>, path: string, version: KafkaVersion = DEFAULT_KAFKA_VERSION): void {
  const rules = defaultsFor(version).rules;
  if (!config['enable.idempotence']) return;
  if (rules.idempotenceMaxInFlight === 0) throw problem(`${path}["enable.idempotence"]`, 'idempotence-version', { version });
  // KafkaProducer.configureAcks / configureRetries / configureInflightRequests (0.11 to 2.8, where the
  // defaults did not suit idempotence): a key the user left unset is overridden to what idempotence
  // needs ("Overriding the default acks to all since idempotence is enabled"); only a value the user
  // set can conflict. Since 3.0 the defaults already suit it, so this changes nothing there.
  if (!explicit.has('acks')) config.acks = 'all';
  if (!explicit.has('retries') && config.retries === 0) config.retries = INT_MAX;
  if (!explicit.has('max.in.flight.requests.per.connection')) config['max.in.flight.requests.per.connection'] = Math.min(config['max.in.flight.requests.per.connection'], rules.idempotenceMaxInFlight);
  const inFlight = config['max.in.flight.requests.per.connection'];
  const max = rules.idempotenceMaxInFlight;
  if (inFlight > max) {
    if (!rules.inFlightAboveFiveRefused && !explicit.has('enable.idempotence') && max === 5) {
      // Before 4.0 a default-on idempotence gave way to more than 5 in flight (3.2–3.9).
      config['enable.idempotence'] = false;
      return;
    }
    throw problem(`${path}["max.in.flight.requests.per.connection"]`, 'idempotence-in-flight', { got: inFlight, max });
  }
  // Each conflicting setting as an argument (problem.conflict.<key> says it).
  const conflicts: Record<string, string | number> = {};
  if (config.acks !== 'all') conflicts.acks = config.acks;
  if (config.retries === 0) conflicts.retries = 0;
  if (Object.keys(conflicts).length === 0) return;
  if (explicit.has('enable.idempotence') || !rules.idempotenceSilentOff) throw problem(`${path}["enable.idempotence"]`, 'idempotence-conflict', conflicts);
  config['enable.idempotence'] = false;
}
