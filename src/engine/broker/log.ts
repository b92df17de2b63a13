/**
 * A replica's log: append, truncate, flush, and the leader-epoch cache
 * (Kafka's UnifiedLog + LeaderEpochFileCache + ProducerStateManager, reduced
 * to what decides which records survive).
 */
import type { BrokerId, LogBatch, PartitionId, Replica } from '../core/model.ts';
import { addDirty, newDirtyMarks, retireDirty, truncateDirty } from './dirtyMarks.ts';

export function newReplica(broker: BrokerId, partition: PartitionId): Replica {
  return {
    broker,
    partition,
    log: [],
    leo: 0,
    hw: 0,
    flushed: 0,
    hwCheckpoint: 0,
    epochCache: [],
    producers: new Map(),
    dirtyMarks: newDirtyMarks(),
    followers: new Map(),
    leaderEpochStartOffset: 0,
    pendingIsr: null,
    fetching: false,
    fetchSessionId: 0,
    fetchSeq: 0,
    slowMs: 0,
  };
}

export function latestEpoch(r: Replica): number {
  return r.epochCache.length ? r.epochCache[r.epochCache.length - 1].epoch : -1;
}

/** Records a new leader epoch starting at `startOffset` (a new leader does this at its LEO). */
export function assignEpoch(r: Replica, epoch: number, startOffset: number): void {
  if (epoch > latestEpoch(r)) r.epochCache.push({ epoch, startOffset });
}

export function appendBatch(r: Replica, b: LogBatch, now: number): void {
  if (b.baseOffset !== r.leo) throw new Error(`append at ${b.baseOffset} but LEO is ${r.leo}`);
  r.log.push(b);
  r.leo = b.endOffset;
  assignEpoch(r, b.leaderEpoch, b.baseOffset);
  rememberProducerBatch(r, b);
  addDirty(r.dirtyMarks, b.endOffset, now);
}

/** Idempotence state: the last five batches of each producer id (ProducerStateEntry.NUM_BATCHES_TO_RETAIN). */
function rememberProducerBatch(r: Replica, b: LogBatch): void {
  const pb = b.pb;
  if (pb.pid < 0) return;
  let e = r.producers.get(pb.pid);
  if (!e || pb.producerEpoch > e.producerEpoch) {
    e = { producerEpoch: pb.producerEpoch, batches: [] };
    r.producers.set(pb.pid, e);
  }
  e.batches.push({ baseSeq: pb.baseSeq, lastSeq: pb.baseSeq + pb.msgs.length - 1, baseOffset: b.baseOffset });
  if (e.batches.length > 5) e.batches.shift();
}

/**
 * Removes every batch at or above `offset` and returns them. The HW, the
 * flushed mark and the epoch cache follow the new end; producer state is
 * rebuilt from what is left, as Kafka reloads it after truncation.
 */
export function truncateTo(r: Replica, offset: number): LogBatch[] {
  if (offset >= r.leo) return [];
  let i = r.log.length;
  while (i > 0 && r.log[i - 1].endOffset > offset) i--;
  const removed = r.log.splice(i);
  r.leo = i > 0 ? r.log[i - 1].endOffset : 0;
  r.hw = Math.min(r.hw, r.leo);
  r.hwCheckpoint = Math.min(r.hwCheckpoint, r.leo);
  r.flushed = Math.min(r.flushed, r.leo);
  // LeaderEpochFileCache.truncateFromEnd: epochs that start at or past the new end are gone.
  while (r.epochCache.length && r.epochCache[r.epochCache.length - 1].startOffset >= r.leo) r.epochCache.pop();
  truncateDirty(r.dirtyMarks, r.leo);
  rebuildProducerState(r);
  return removed;
}

function rebuildProducerState(r: Replica): void {
  r.producers = new Map();
  for (const b of r.log) rememberProducerBatch(r, b);
}

/**
 * LeaderEpochFileCache.endOffsetFor: the largest epoch <= `epoch` this
 * replica knows, and where that epoch ends (the next epoch's start, or the
 * LEO for the latest). { epoch: -1, endOffset: -1 } when it knows none.
 */
export function endOffsetForEpoch(r: Replica, epoch: number): { epoch: number; endOffset: number } {
  const c = r.epochCache;
  if (c.length && epoch === c[c.length - 1].epoch) return { epoch, endOffset: r.leo };
  let i = c.length - 1;
  while (i >= 0 && c[i].epoch > epoch) i--;
  if (i < 0) return { epoch: -1, endOffset: -1 };
  return { epoch: c[i].epoch, endOffset: i + 1 < c.length ? c[i + 1].startOffset : r.leo };
}

/** The epoch of the last batch in the log (what a follower sends as lastFetchedEpoch). */
export function lastBatchEpoch(r: Replica): number {
  return r.log.length ? r.log[r.log.length - 1].leaderEpoch : -1;
}

export function flushTo(r: Replica, offset: number): boolean {
  const to = Math.min(offset, r.leo);
  if (to <= r.flushed) return false;
  r.flushed = to;
  retireDirty(r.dirtyMarks, to);
  return true;
}

/** Index of the batch containing `offset`, or -1. */
export function batchIndexAt(r: Replica, offset: number): number {
  let lo = 0;
  let hi = r.log.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const b = r.log[mid];
    if (offset < b.baseOffset) hi = mid - 1;
    else if (offset >= b.endOffset) lo = mid + 1;
    else return mid;
  }
  return -1;
}

/** Batches from `offset` to the end, at most `max` of them. */
export function readFrom(r: Replica, offset: number, max: number): LogBatch[] {
  const i = batchIndexAt(r, offset);
  if (i < 0) return [];
  return r.log.slice(i, i + max);
}
