/**
 * The producer's metadata lookups (Metadata / NetworkClient.DefaultMetadataUpdater):
 * which broker leads each partition, asked of any broker, asked again while a
 * partition has no leader, and after errors that mean the map is stale.
 */
import type { NetBody, SimContext } from '../core/context.ts';
import { brokerNode, type ProducerRuntime } from '../core/model.ts';
import { runSender } from './producerSender.ts';

/**
 * Metadata lookups form one chain per producer: at most one request or one
 * backoff timer is outstanding, identified by metadataToken.
 */
export function requestMetadata(ctx: SimContext, p: ProducerRuntime): void {
  if (p.metadataPending) return;
  p.metadataPending = true;
  const token = ++p.metadataToken;
  // Ask any broker (the client's least-loaded node); if no answer comes, ask again.
  const b = 1 + ctx.rng.int(ctx.brokers.length);
  ctx.send(p.name, brokerNode(b), { type: 'metadata-req', producer: p.index });
  ctx.timer(p.name, Math.max(250, p.config['retry.backoff.ms']), { type: 'metadata-refresh', token });
}

/** Wait, then look again (a refused connection, or a partition without a leader yet). */
function retryMetadataLater(ctx: SimContext, p: ProducerRuntime): void {
  p.metadataPending = true;
  const token = ++p.metadataToken;
  ctx.timer(p.name, Math.max(50, p.config['retry.backoff.ms']), { type: 'metadata-refresh', token });
}

export function onMetadataTimer(ctx: SimContext, p: ProducerRuntime, token: number): void {
  if (token !== p.metadataToken) return;
  p.metadataPending = false;
  requestMetadata(ctx, p);
}

export function handleMetadataResponse(ctx: SimContext, p: ProducerRuntime, resp: Extract<NetBody, { type: 'metadata-resp' }>): void {
  if (resp.partitions.length === 0) {
    // A refused connection: look again, unless a lookup is already under way or scheduled.
    if (!p.metadataPending) retryMetadataLater(ctx, p);
    return;
  }
  for (const s of resp.partitions) {
    const known = p.meta.get(s.id);
    if (!known || s.leaderEpoch >= known.leaderEpoch) p.meta.set(s.id, { leader: s.leader, leaderEpoch: s.leaderEpoch });
    // KRaftMetadataCache answers a partition without a live leader with LEADER_NOT_AVAILABLE; the client logs it and asks again.
    if (s.leader < 0 && p.topicPartitions.includes(s.id)) ctx.record({ t: ctx.now, type: 'metadata-error', producer: p.name, partition: ctx.partitions[s.id].name, error: 'LEADER_NOT_AVAILABLE', broker: resp.broker ?? -1 });
  }
  if (p.topicPartitions.some((id) => (p.meta.get(id)?.leader ?? -1) < 0)) retryMetadataLater(ctx, p);
  else {
    p.metadataToken++;
    p.metadataPending = false;
  }
  runSender(ctx, p);
}
