/**
 * acks=all produce requests wait in the leader's purgatory until the HW has
 * passed them (DelayedProduce, Partition.checkEnoughReplicasReachOffset), the
 * request's timeout passes (REQUEST_TIMED_OUT), or leadership is lost.
 */
import { runtimeOf, type DelayedProduce, type SimContext } from '../core/context.ts';
import { brokerNode, type Broker, type PartitionId, type Replica } from '../core/model.ts';
import { effectiveMinIsr, maximalIsr } from './replication.ts';
import { unmute } from './produceHandler.ts';

export function respondProduce(ctx: SimContext, br: Broker, d: DelayedProduce, error: string | null): void {
  ctx.send(brokerNode(br.id), d.producerNode, { type: 'produce-resp', reqId: d.reqId, producer: d.producer, partition: d.batch.partition, error, baseOffset: error ? -1 : d.baseOffset, broker: br.id });
  // The response is out: the connection's next request can be read.
  unmute(ctx, br, d.producerNode, d.conn);
}

export function park(ctx: SimContext, br: Broker, d: DelayedProduce, timeoutMs: number): void {
  const rt = runtimeOf(ctx, br.id);
  const list = rt.purgatory.get(d.batch.partition) ?? [];
  list.push(d);
  rt.purgatory.set(d.batch.partition, list);
  ctx.timer(brokerNode(br.id), timeoutMs, { type: 'delayed-produce', partition: d.batch.partition, reqId: d.reqId });
}

export function completeDelayedProduces(ctx: SimContext, br: Broker, r: Replica): void {
  const rt = runtimeOf(ctx, br.id);
  const list = rt.purgatory.get(r.partition);
  if (!list || list.length === 0) return;
  const minIsr = effectiveMinIsr(ctx, r.partition);
  const isrSize = maximalIsr(br, r.partition).length;
  const keep: DelayedProduce[] = [];
  for (const d of list) {
    if (r.hw >= d.requiredOffset) respondProduce(ctx, br, d, isrSize >= minIsr ? null : 'NOT_ENOUGH_REPLICAS_AFTER_APPEND');
    else keep.push(d);
  }
  rt.purgatory.set(r.partition, keep);
}

export function expireDelayedProduce(ctx: SimContext, br: Broker, p: PartitionId, reqId: number): void {
  const rt = runtimeOf(ctx, br.id);
  const list = rt.purgatory.get(p);
  if (!list) return;
  let i = 0;
  while (i < list.length && list[i].reqId !== reqId) i++;
  if (i === list.length) return;
  const [d] = list.splice(i, 1);
  respondProduce(ctx, br, d, 'REQUEST_TIMED_OUT');
}

/** On losing leadership every waiting request fails so the producer looks for the new leader. */
export function failAllDelayed(ctx: SimContext, br: Broker, p: PartitionId): void {
  const rt = runtimeOf(ctx, br.id);
  const list = rt.purgatory.get(p) ?? [];
  rt.purgatory.set(p, []);
  for (const d of list) respondProduce(ctx, br, d, 'NOT_LEADER_OR_FOLLOWER');
}
