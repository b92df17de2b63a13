/**
 * A scheduled configuration change ({ "type": "config" } in a scenario's faults), applied
 * with Kafka's dynamic-config rules:
 * - a topic's min.insync.replicas, unclean.leader.election.enable, flush.messages and
 *   flush.ms are dynamic (kafka-configs.sh --entity-type topics --alter): the partitions
 *   use them at once, and the topic keeps them as its own overrides;
 * - the same keys as cluster-wide broker defaults (--entity-type brokers --entity-default)
 *   change every partition whose topic does not override the key;
 * - a producer's or consumer's config is fixed when the client is constructed: the
 *   application closes its client and creates a new one with the new config.
 * Enabling unclean.leader.election.enable does not elect by itself: the controller's
 * periodic check does (controller.ts, uncleanElectionCheck), as in KRaft.
 */
import { producerNamed, type SimContext } from '../core/context.ts';
import type { Fault } from '../core/faults.ts';
import type { PartitionInfo } from '../core/model.ts';
import type { BrokerConfig, ConsumerConfig, ProducerConfig } from '../core/configSpec.ts';
import { reconfigureProducer } from './liveConfig.ts';
import { checkIdempotence } from '../scenario/idempotence.ts';
import { memberNamed } from '../consumer/consumerWorld.ts';
import { clearElr } from '../controller/controller.ts';
import { crashMember, startMember } from '../consumer/consumerLifecycle.ts';

type ConfigFault = Extract<Fault, { type: 'config' }>;

function setPartitionConfig(part: PartitionInfo, key: string, value: unknown): void {
  if (key === 'min.insync.replicas') part.minIsr = value as number;
  else if (key === 'unclean.leader.election.enable') part.unclean = value as boolean;
  else if (key === 'flush.messages') part.flushMessages = value as number;
  else if (key === 'flush.ms') part.flushMs = value as number;
}

export function applyConfigFault(ctx: SimContext, f: ConfigFault): void {
  const e = f.entity;
  if ('topic' in e || 'brokers' in e) {
    for (const part of ctx.partitions) {
      if ('topic' in e && part.topic !== e.topic) continue;
      for (const [k, v] of Object.entries(f.config)) {
        if ('brokers' in e && part.topicOverrides.includes(k)) continue;
        if ('topic' in e && !part.topicOverrides.includes(k)) part.topicOverrides.push(k);
        setPartitionConfig(part, k, v);
      }
    }
    if ('brokers' in e) for (const b of ctx.brokers) b.config = { ...b.config, ...(f.config as Partial<BrokerConfig>) };
    // ClearElrRecord (KIP-966): any update of min.insync.replicas, even to the same value, clears the ELRs it governs.
    if ('min.insync.replicas' in f.config) clearElr(ctx, 'topic' in e ? e.topic : null);
    return;
  }
  if ('producer' in e) {
    const p = producerNamed(ctx, e.producer);
    if (!p) return;
    const config = { ...p.config, ...(f.config as Partial<ProducerConfig>) };
    const explicit = [...new Set([...p.spec.explicit, ...Object.keys(f.config)])];
    // Validated before the run (the same check, cumulatively); here it settles idempotence's default.
    checkIdempotence(config, new Set(explicit), `producer ${p.name}`, ctx.kafkaVersion);
    reconfigureProducer(ctx, p, { ...p.spec, config, explicit }, Object.entries(f.config).map(([k, v]) => `${k}=${String(v)}`).join(', '));
    return;
  }
  const m = memberNamed(ctx, e.consumer);
  if (!m) return;
  const running = m.status === 'running' || m.status === 'closing';
  m.spec = { ...m.spec, config: { ...m.spec.config, ...(f.config as Partial<ConsumerConfig>) }, explicit: [...new Set([...m.spec.explicit, ...Object.keys(f.config)])] };
  // The application starts a new KafkaConsumer with the new config (as consumer-restart does).
  if (running) {
    crashMember(ctx, m);
    startMember(ctx, m);
  }
}
