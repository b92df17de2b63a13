/**
 * A replica's log: append, truncate, flush, and the leader-epoch cache
 * (Kafka's UnifiedLog + LeaderEpochFileCache + ProducerStateManager, reduced
 * to what decides which records survive).
 */
import type { BrokerId, LogBatch, PartitionId, Replica } from '../core/model.ts';
import { baseOffsetOf, endOffsetOf, leaderEpochOf, logBatchOf, newSpan, spanOf, type BatchSpan, type BatchTable } from '../core/logColumns.ts';
import { addDirty, newDirtyMarks, retireDirty, truncateDirty } from './dirtyMarks.ts';
import { cutLog, lastLogId, logIdAt, logIdsFrom, newReplicaLog, pushLogId } from '../core/replicaLog.ts';

export function newReplica(broker: BrokerId, partition: PartitionId): Replica {
  return {
    broker,
    partition,
    log: newReplicaLog(),
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

/** Appends log batch `id` (of the batch table `t`) at the replica's LEO. */
export function appendBatch(r: Replica, t: BatchTable, id: number, now: number): void {
  const b = spanOf(t, id, newSpan());
  if (b.baseOffset !== r.leo) throw new Error(`append at ${b.baseOffset} but LEO is ${r.leo}`);
  pushLogId(r.log, id);
  r.leo = b.endOffset;
  assignEpoch(r, b.leaderEpoch, b.baseOffset);
  rememberProducerBatch(r, b);
  addDirty(r.dirtyMarks, r.leo, now);
}

/** Idempotence state: the last five batches of each producer id (ProducerStateEntry.NUM_BATCHES_TO_RETAIN). */
function rememberProducerBatch(r: Replica, b: BatchSpan): void {
  const { pid, producerEpoch, baseSeq } = b;
  if (pid < 0) return;
  let e = r.producers.get(pid);
  if (!e || producerEpoch > e.producerEpoch) {
    e = { producerEpoch, batches: [] };
    r.producers.set(pid, e);
  }
  e.batches.push({ baseSeq, lastSeq: baseSeq + b.endOffset - b.baseOffset - 1, baseOffset: b.baseOffset });
  if (e.batches.length > 5) e.batches.shift();
}

/**
 * Removes every batch at or above `offset` and returns them. The HW, the
 * flushed mark and the epoch cache follow the new end; producer state is
 * rebuilt from what is left, as Kafka reloads it after truncation.
 */
export function truncateTo(r: Replica, t: BatchTable, offset: number): LogBatch[] {
  if (offset >= r.leo) return [];
  const l = r.log;
  let i = l.length;
  while (i > 0 && endOffsetOf(t, logIdAt(l, i - 1)) > offset) i--;
  const removed: LogBatch[] = [];
  for (let k = i; k < l.length; k++) removed.push(logBatchOf(t, logIdAt(l, k)));
  cutLog(l, i);
  r.leo = i > 0 ? endOffsetOf(t, logIdAt(l, i - 1)) : 0;
  r.hw = Math.min(r.hw, r.leo);
  r.hwCheckpoint = Math.min(r.hwCheckpoint, r.leo);
  r.flushed = Math.min(r.flushed, r.leo);
  // LeaderEpochFileCache.truncateFromEnd: epochs that start at or past the new end are gone.
  while (r.epochCache.length && r.epochCache[r.epochCache.length - 1].startOffset >= r.leo) r.epochCache.pop();
  truncateDirty(r.dirtyMarks, r.leo);
  rebuildProducerState(r, t);
  return removed;
}

function rebuildProducerState(r: Replica, t: BatchTable): void {
  r.producers = new Map();
  const b = newSpan();
  for (let i = 0; i < r.log.length; i++) rememberProducerBatch(r, spanOf(t, logIdAt(r.log, i), b));
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
export function lastBatchEpoch(r: Replica, t: BatchTable): number {
  return r.log.length ? leaderEpochOf(t, lastLogId(r.log)) : -1;
}

export function flushTo(r: Replica, offset: number): boolean {
  const to = Math.min(offset, r.leo);
  if (to <= r.flushed) return false;
  r.flushed = to;
  retireDirty(r.dirtyMarks, to);
  return true;
}

/** Index in the replica's log of the batch containing `offset`, or -1. */
export function batchIndexAt(r: Replica, t: BatchTable, offset: number): number {
  // A follower or a consumer that keeps up reads the last batches: look there before searching the whole log.
  const n = r.log.length;
  for (let i = n - 1; i >= 0 && i >= n - 4; i--) {
    const id = logIdAt(r.log, i);
    if (offset >= endOffsetOf(t, id)) return -1;
    if (offset >= baseOffsetOf(t, id)) return i;
  }
  let lo = 0;
  let hi = n - 5;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const id = logIdAt(r.log, mid);
    if (offset < baseOffsetOf(t, id)) hi = mid - 1;
    else if (offset >= endOffsetOf(t, id)) lo = mid + 1;
    else return mid;
  }
  return -1;
}

/** The ids of the batches from `offset` to the end, at most `max` of them (a fetch response carries them: they stand for the bytes). */
export function readFrom(r: Replica, t: BatchTable, offset: number, max: number): number[] {
  const i = batchIndexAt(r, t, offset);
  if (i < 0) return [];
  return logIdsFrom(r.log, i, max);
}

/** The replica's batches as objects, made from their rows (for a reader that wants them all: a test, a tool). */
export function batchesOf(r: Replica, t: BatchTable): LogBatch[] {
  const out: LogBatch[] = [];
  for (let i = 0; i < r.log.length; i++) out.push(logBatchOf(t, logIdAt(r.log, i)));
  return out;
}
