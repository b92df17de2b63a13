/**
 * The leader's side of a produce request: leadership and min.insync.replicas
 * checks, idempotent de-duplication, append, and the acks contract.
 * Source: ReplicaManager.appendRecords, Partition.appendRecordsToLeader,
 * ProducerStateManager / ProducerAppendInfo.checkSequence.
 */
import type { DelayedProduce, NetBody, SimContext } from './context.ts';
import { appendBatch } from './log.ts';
import type { Broker, LogBatch, ProducerBatch, Replica } from './model.ts';
import { answerParked, maximalIsr, maybeIncrementHw } from './replication.ts';
import { park, respondProduce } from './purgatory.ts';
import { maybeFlush } from './durability.ts';

type ProduceReq = Extract<NetBody, { type: 'produce' }>;

export function handleProduce(ctx: SimContext, br: Broker, from: string, req: ProduceReq): void {
  const pb = req.batch;
  const p = pb.partition;
  const r = br.replicas.get(p);
  const meta = br.meta.get(p);
  const d: DelayedProduce = { reqId: req.reqId, producer: req.producer, producerNode: from, requiredOffset: 0, baseOffset: -1, batch: pb };
  const fail = (error: string) => {
    if (req.acks !== 0) respondProduce(ctx, br, d, error);
  };
  if (!r || !meta || meta.leader !== br.id) return fail('NOT_LEADER_OR_FOLLOWER');
  const minIsr = ctx.partitions[p].minIsr;
  if (req.acks === 'all' && maximalIsr(br, p).length < minIsr) return fail('NOT_ENOUGH_REPLICAS');
  const seq = checkSequence(r, pb);
  if (seq.error) return fail(seq.error);
  if (seq.duplicateOf >= 0) {
    // A retry of a batch already in the log: answer with the original offset, write nothing.
    d.baseOffset = seq.duplicateOf;
    d.requiredOffset = seq.duplicateOf + pb.msgs.length;
  } else {
    const b: LogBatch = { id: ctx.ids.logBatch++, baseOffset: r.leo, endOffset: r.leo + pb.msgs.length, leaderEpoch: meta.leaderEpoch, pb, history: [] };
    appendBatch(r, b, ctx.now);
    b.history.push({ t: ctx.now, broker: br.id, what: 'appended', cause: -1 });
    d.baseOffset = b.baseOffset;
    d.requiredOffset = b.endOffset;
    if (ctx.lab.detail) ctx.record({ t: ctx.now, type: 'appended', broker: br.id, partition: ctx.partitions[p].name, from: b.baseOffset, to: b.endOffset, epoch: b.leaderEpoch, producer: ctx.producers[req.producer].name, acks: String(req.acks) });
    maybeFlush(ctx, br, r);
    answerParked(ctx, br, p);
    maybeIncrementHw(ctx, br, r);
  }
  if (req.acks === 0) return;
  if (req.acks === 1 || r.hw >= d.requiredOffset) return respondProduce(ctx, br, d, null);
  park(ctx, br, d, req.timeoutMs);
}

/**
 * ProducerAppendInfo.checkSequence, reduced: a batch must continue its
 * producer's sequence; one of the last five batches again is a duplicate.
 * A producer id this replica does not know is accepted (its state may have
 * been lost with the records; since KIP-360 the producer can carry on).
 */
function checkSequence(r: Replica, pb: ProducerBatch): { error: string | null; duplicateOf: number } {
  const ok = { error: null, duplicateOf: -1 };
  if (pb.pid < 0) return ok;
  const e = r.producers.get(pb.pid);
  if (!e) return ok;
  if (pb.producerEpoch < e.producerEpoch) return { error: 'INVALID_PRODUCER_EPOCH', duplicateOf: -1 };
  if (pb.producerEpoch > e.producerEpoch) return pb.baseSeq === 0 ? ok : { error: 'OUT_OF_ORDER_SEQUENCE_NUMBER', duplicateOf: -1 };
  const lastSeq = pb.baseSeq + pb.msgs.length - 1;
  const dup = e.batches.find((x) => x.baseSeq === pb.baseSeq && x.lastSeq === lastSeq);
  if (dup) return { error: null, duplicateOf: dup.baseOffset };
  const last = e.batches.length ? e.batches[e.batches.length - 1].lastSeq : -1;
  if (pb.baseSeq !== last + 1) return { error: pb.baseSeq <= last ? 'DUPLICATE_SEQUENCE_NUMBER' : 'OUT_OF_ORDER_SEQUENCE_NUMBER', duplicateOf: -1 };
  return ok;
}
