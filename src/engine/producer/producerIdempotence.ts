/**
 * The idempotent producer's sequence bookkeeping (the part of Kafka's
 * TransactionManager an idempotent, non-transactional producer uses): per
 * partition the next sequence, the last acknowledged one, the batches that
 * hold a sequence and are not done yet ("in flight by sequence", whether on
 * the wire or queued for a retry), unresolved sequences, and the local epoch
 * bump of KIP-360.
 * Source: clients/.../producer/internals/TransactionManager.java
 * (canRetry, handleCompletedBatch, handleFailedBatch, maybeResolveSequences,
 * bumpIdempotentProducerEpoch, startSequencesAtBeginning) and
 * RecordAccumulator.shouldStopDrainBatchesForPartition.
 */
import type { PartitionId, ProducerBatch, ProducerRuntime } from '../core/model.ts';
import type { SimContext } from '../core/context.ts';

/** Batches of the partition that hold a sequence and are not done, in sequence order. */
export function sequenced(p: ProducerRuntime, part: PartitionId): ProducerBatch[] {
  return (p.queues.get(part) ?? []).filter((b) => b.baseSeq >= 0);
}

const staleEpoch = (p: ProducerRuntime, part: PartitionId) => (p.seqEpoch.get(part) ?? 0) !== p.producerEpoch;
const lastAcked = (p: ProducerRuntime, part: PartitionId) => p.lastAcked.get(part) ?? -1;
const isNextSequence = (p: ProducerRuntime, part: PartitionId, seq: number) => lastAcked(p, part) + 1 === seq;

/**
 * RecordAccumulator.shouldStopDrainBatchesForPartition: a batch without a
 * sequence waits while the partition has batches of an older epoch or an
 * unresolved sequence; a batch being retried goes only when it is the first
 * sequence not yet resolved, so retries go one at a time, in order.
 */
export function shouldStopDrain(p: ProducerRuntime, b: ProducerBatch): boolean {
  const part = b.partition;
  if (b.baseSeq < 0) {
    if (staleEpoch(p, part) && firstSequenced(p, part)) return true;
    if (p.unresolved.has(part)) return true;
    return false;
  }
  const first = firstSequenced(p, part);
  return first !== undefined && first.baseSeq !== b.baseSeq;
}

/** The partition's first batch that holds a sequence (what sequenced() would start with), read without copying the queue. */
function firstSequenced(p: ProducerRuntime, part: PartitionId): ProducerBatch | undefined {
  const q = p.queues.get(part);
  if (q) for (const b of q) if (b.baseSeq >= 0) return b;
  return undefined;
}

/** A batch is drained for the first time: it takes the partition's next sequence (after an epoch bump, from 0). */
export function assignSequence(p: ProducerRuntime, b: ProducerBatch): void {
  const part = b.partition;
  if (staleEpoch(p, part) && sequenced(p, part).length === 0) {
    p.nextSeq.set(part, 0);
    p.lastAcked.set(part, -1);
    p.seqEpoch.set(part, p.producerEpoch);
  }
  b.pid = p.pid;
  b.producerEpoch = p.producerEpoch;
  b.baseSeq = p.nextSeq.get(part) ?? 0;
  p.nextSeq.set(part, b.baseSeq + b.msgs.length);
}

/** TransactionManager.handleCompletedBatch: the last acknowledged sequence moves up. */
export function handleCompleted(p: ProducerRuntime, b: ProducerBatch): void {
  if (b.baseSeq < 0) return;
  const last = b.baseSeq + b.msgs.length - 1;
  if (last > lastAcked(p, b.partition)) p.lastAcked.set(b.partition, last);
}

/**
 * TransactionManager.canRetry for OUT_OF_ORDER_SEQUENCE_NUMBER: a batch that
 * is not the next expected one is retried as is (an earlier batch is still
 * unresolved); the next one, with nothing unresolved, means a real gap: retry
 * after an epoch bump.
 */
export function outOfOrderNeedsBump(p: ProducerRuntime, b: ProducerBatch): boolean {
  const part = b.partition;
  const unresolved = p.unresolved.has(part);
  if (!unresolved && (b.seqReset || !isNextSequence(p, part, b.baseSeq))) return false;
  return !unresolved || isNextSequence(p, part, b.baseSeq);
}

/**
 * KIP-360, bumpIdempotentProducerEpoch: the idempotent producer bumps its
 * epoch locally and rewrites the sequences of the partition that asked, from
 * 0, in order. Other partitions keep their old epoch until their batches of it
 * are done.
 */
export function bumpEpoch(p: ProducerRuntime, part: PartitionId): void {
  p.producerEpoch++;
  let seq = 0;
  for (const b of sequenced(p, part)) {
    b.producerEpoch = p.producerEpoch;
    b.baseSeq = seq;
    b.seqReset = true;
    seq += b.msgs.length;
  }
  p.nextSeq.set(part, seq);
  p.lastAcked.set(part, -1);
  p.seqEpoch.set(part, p.producerEpoch);
  p.unresolved.delete(part);
}

/**
 * Before KIP-360 (1.0 to 2.4), TransactionManager.resetProducerId: the idempotent producer drops its
 * producer id and asks for a new one (InitProducerId), and every partition's sequences start again
 * from 0. Simplified: the new id is there at once, and the batches not done yet are rewritten to it
 * in order (Kafka fails those in flight under the old id: canRetry is false for a stale producer id).
 */
export function resetProducerId(p: ProducerRuntime, pid: number): void {
  p.pid = pid;
  p.producerEpoch = 0;
  for (const part of p.queues.keys()) {
    let seq = 0;
    for (const b of sequenced(p, part)) {
      b.pid = pid;
      b.producerEpoch = 0;
      b.baseSeq = seq;
      b.seqReset = true;
      seq += b.msgs.length;
    }
    p.nextSeq.set(part, seq);
    p.lastAcked.set(part, -1);
    p.seqEpoch.set(part, 0);
  }
  p.unresolved.clear();
}

/** The sequence of `part` cannot be trusted any more: KIP-360's epoch bump from 2.5, a new producer id before. */
export function restartSequences(ctx: SimContext, p: ProducerRuntime, part: PartitionId): void {
  if (ctx.rules.idempotentEpochBump) bumpEpoch(p, part);
  else resetProducerId(p, ctx.ids.pid++);
}

/**
 * TransactionManager.handleFailedBatch, after the batch left the queue: an
 * out-of-order failure means a gap in the log (restart the sequences); a batch
 * that failed for good with retries left bumps the epoch (KIP-360, 2.5+; a
 * transactional producer would adjust instead) or, before 2.5, hands its
 * sequences back (adjustSequencesDueToFailedBatch).
 */
export function handleFailed(ctx: SimContext, p: ProducerRuntime, b: ProducerBatch, error: string, adjustSequences: boolean): void {
  if (b.baseSeq < 0) return;
  const part = b.partition;
  if (error === 'OUT_OF_ORDER_SEQUENCE_NUMBER') return restartSequences(ctx, p, part);
  if (!adjustSequences || b.producerEpoch !== (p.seqEpoch.get(part) ?? 0) || b.pid !== p.pid) return;
  if (ctx.rules.idempotentEpochBump) return bumpEpoch(p, part);
  for (const x of sequenced(p, part)) if (x.baseSeq > b.baseSeq) x.baseSeq -= b.msgs.length;
  p.nextSeq.set(part, (p.nextSeq.get(part) ?? 0) - b.msgs.length);
}

/**
 * Sender.sendProducerData: a batch expired after it was retried leaves its
 * sequence unresolved; no new batch of the partition is drained until every
 * sequenced batch is done (TransactionManager.markSequenceUnresolved).
 */
export function markUnresolved(p: ProducerRuntime, b: ProducerBatch): void {
  if (b.baseSeq >= 0 && b.retried) p.unresolved.add(b.partition);
}

/**
 * TransactionManager.maybeResolveSequences: once nothing of the partition is
 * in flight, the sequence is resolved if everything sent was acknowledged
 * (the expired batch made it after all); otherwise bump the epoch.
 */
export function maybeResolveSequences(ctx: SimContext, p: ProducerRuntime): void {
  // Every runSender asks; almost always nothing is unresolved, and the copy below is then not made.
  if (p.unresolved.size === 0) return;
  for (const part of [...p.unresolved]) {
    if (!p.unresolved.has(part) || sequenced(p, part).length > 0) continue;
    if (isNextSequence(p, part, p.nextSeq.get(part) ?? 0)) p.unresolved.delete(part);
    // Before 2.5: Sender.run, shouldResetProducerStateAfterResolvingSequences → resetProducerId.
    else restartSequences(ctx, p, part);
  }
}
