/**
 * The rules of a scheduled configuration change ({ "type": "config" }): one entity (a topic,
 * the brokers' cluster-wide defaults, a producer or a consumer), keys that entity accepts
 * dynamically, and, for clients, a resulting config the client would accept (checked in
 * time order, each change on top of the earlier ones). See dynamicConfig.ts for what happens.
 */
import type { ConfigEntity, Fault } from '../core/faults.ts';
import type { ConsumerSpec } from '../core/consumerSpec.ts';
import type { ProducerConfig } from '../core/configSpec.ts';
import { describe } from '../core/scenarioError.ts';
import { problem } from '../core/scenarioProblems.ts';
import { parseConfigMap, TOPIC_CONFIG_KEYS } from './scenarioSchema.ts';
import { checkIdempotence } from './idempotence.ts';
import type { KafkaVersion } from '../core/kafkaVersions.ts';
import type { ProducerSpec } from '../core/specs.ts';

type ConfigFault = Extract<Fault, { type: 'config' }>;

/** The broker configs here that Kafka updates cluster-wide at run time (the log and unclean-election defaults); the others are read-only. */
const DYNAMIC_BROKER_KEYS: readonly string[] = TOPIC_CONFIG_KEYS;

export function resolveConfigFault(f: Record<string, unknown> & { at: number }, path: string, w: { topics: { name: string }[]; producers: string[]; consumers: string[] }): ConfigFault {
  const given = (['topic', 'brokers', 'producer', 'consumer'] as const).filter((k) => f[k] !== undefined);
  if (given.length !== 1) throw problem(path, 'config-entity');
  const which = given[0];
  const name = f[which] as string;
  const cfgPath = `${path}.config`;
  let entity: ConfigEntity;
  let config: Record<string, unknown>;
  if (which === 'topic') {
    if (!w.topics.some((t) => t.name === name)) throw problem(`${path}.topic`, 'no-topic', { got: describe(name), topics: w.topics.map((t) => t.name).join(', ') });
    entity = { topic: name };
    config = parseConfigMap('topic', f.config, cfgPath);
  } else if (which === 'brokers') {
    entity = { brokers: 'all' };
    config = parseConfigMap('broker', f.config, cfgPath);
    const readOnly = Object.keys(config).filter((k) => !DYNAMIC_BROKER_KEYS.includes(k));
    if (readOnly.length) throw problem(`${cfgPath}[${JSON.stringify(readOnly[0])}]`, 'not-dynamic', { keys: readOnly.join(', '), known: DYNAMIC_BROKER_KEYS.join(', ') });
  } else if (which === 'producer') {
    if (!w.producers.includes(name)) throw problem(`${path}.producer`, 'producer-ref', { names: w.producers.join(', '), got: describe(name) });
    entity = { producer: name };
    config = parseConfigMap('producer', f.config, cfgPath);
  } else {
    if (!w.consumers.includes(name)) throw problem(`${path}.consumer`, 'consumer-ref', { names: w.consumers.join(', '), got: describe(name) });
    entity = { consumer: name };
    config = parseConfigMap('consumer', f.config, cfgPath);
  }
  return { at: f.at, type: 'config', entity, config: config as ConfigFault['config'] };
}

/** Each client's config after every scheduled change, in time order, must be one Kafka's client accepts. */
export function checkClientConfigChanges(faults: Fault[], producers: ProducerSpec[], consumers: ConsumerSpec[], version?: KafkaVersion): void {
  const prod = new Map(producers.map((p) => [p.name, { config: { ...p.config }, explicit: new Set(p.explicit) }]));
  const cons = new Map(consumers.map((c) => [c.name, { ...c.config }]));
  const order = faults.map((f, i) => ({ f, i })).sort((a, b) => a.f.at - b.f.at || a.i - b.i);
  for (const { f, i } of order) {
    if (f.type !== 'config') continue;
    const path = `faults[${i}].config`;
    if ('producer' in f.entity) {
      const p = prod.get(f.entity.producer)!;
      for (const k of Object.keys(f.config)) p.explicit.add(k);
      const config = { ...p.config, ...(f.config as Partial<ProducerConfig>) };
      checkIdempotence(config, p.explicit, path, version);
      if (config['delivery.timeout.ms'] < config['linger.ms'] + config['request.timeout.ms']) {
        throw problem(`${path}["delivery.timeout.ms"]`, 'delivery-timeout', { min: config['linger.ms'] + config['request.timeout.ms'], got: config['delivery.timeout.ms'] });
      }
      p.config = config;
    } else if ('consumer' in f.entity) {
      const c = { ...cons.get(f.entity.consumer)!, ...f.config } as ConsumerSpec['config'];
      if (c['heartbeat.interval.ms'] >= c['session.timeout.ms']) throw problem(`${path}["heartbeat.interval.ms"]`, 'heartbeat-session', { session: c['session.timeout.ms'], got: c['heartbeat.interval.ms'] });
      if (c['session.timeout.ms'] < 6000 || c['session.timeout.ms'] > 1800000) throw problem(`${path}["session.timeout.ms"]`, 'session-timeout', { got: c['session.timeout.ms'] });
      cons.set(f.entity.consumer, c);
    }
  }
}
