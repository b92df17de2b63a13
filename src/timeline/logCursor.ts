/**
 * A cursor over one partition's committed log (the leader's, or the last ISR
 * member's when offline), reading only what is new since the last look: the
 * records that crossed the high watermark, and the tail still above it.
 * Log batches are never edited in place, so the cursor can tell whether what
 * it already read is still there: the same replica, the same first batch, the
 * same batch where it stopped, a high watermark that did not go back. It holds
 * them by id (the replica by its broker, batches by batch id), not by object:
 * a checkpoint restore puts copies of the engine's state in place. If not
 * (a new leader, a KIP-101 truncation, power loss), the reader starts over for
 * that partition and undoes what it had counted. A cursor is plain data (the
 * observer's state is copied beside each checkpoint); the functions take the
 * context the engine holds now.
 */
import { committedReplica } from '../engine/broker/committedLog.ts';
import type { SimContext } from '../engine/core/context.ts';
import type { Replica } from '../engine/core/model.ts';
import { baseOffsetOf, recordCount, recordOf } from '../engine/core/logColumns.ts';
import { logIdAt } from '../engine/core/replicaLog.ts';

export interface LogCursor {
  readonly partition: number;
  /** The broker whose replica was read (-1: none), the first batch's and the mark's ids (-1: none). */
  repBroker: number;
  first: number;
  mark: number;
  /** Next record to read: batch index and position in it. */
  bi: number;
  j: number;
  /** Every record below this offset has been read. */
  offset: number;
}

/** A cursor at the start of the partition's committed log as it is now. */
export function newCursor(ctx: SimContext, partition: number): LogCursor {
  const c: LogCursor = { partition, repBroker: -1, first: -1, mark: -1, bi: 0, j: 0, offset: 0 };
  resetCursor(c, ctx);
  return c;
}

/** The replica read from, as the engine holds it now. */
export const cursorReplica = (c: LogCursor, ctx: SimContext): Replica | undefined => (c.repBroker < 0 ? undefined : ctx.brokers[c.repBroker - 1].replicas.get(c.partition));

/** Is what was read still the log's prefix? */
export function cursorValid(c: LogCursor, ctx: SimContext): boolean {
  const r = committedReplica(ctx, c.partition);
  if ((r?.broker ?? -1) !== c.repBroker) return false;
  if (!r) return true;
  if (r.hw < c.offset) return false;
  if (c.bi === 0 && c.j === 0) return true;
  if (firstId(r) !== c.first) return false;
  const at = c.j > 0 ? c.bi : c.bi - 1;
  return r.log.length > at && logIdAt(r.log, at) === c.mark;
}

export function resetCursor(c: LogCursor, ctx: SimContext): void {
  const r = committedReplica(ctx, c.partition);
  c.repBroker = r?.broker ?? -1;
  c.first = r ? firstId(r) : -1;
  c.bi = 0;
  c.j = 0;
  c.offset = 0;
  c.mark = -1;
}

/** Reads the records below the high watermark (and below `limit`) not read yet: visit(id, offset); a visit that returns false stops before that record. */
export function readCommitted(c: LogCursor, ctx: SimContext, visit: (id: number, offset: number) => boolean | void, limit = Infinity): void {
  const r = cursorReplica(c, ctx);
  if (!r) return;
  c.first = firstId(r);
  const end = Math.min(r.hw, limit);
  const t = ctx.batches;
  while (c.bi < r.log.length) {
    const b = logIdAt(r.log, c.bi);
    const base = baseOffsetOf(t, b);
    const n = recordCount(t, b);
    let stop = false;
    while (c.j < n && base + c.j < end) {
      if (visit(recordOf(t, b, c.j), base + c.j) === false) {
        stop = true;
        break;
      }
      c.j++;
    }
    // The mark is the last batch read from: this one if any of it was, else the one before (cursorValid checks it).
    if (c.j > 0) c.mark = b;
    c.offset = base + c.j;
    if (stop || c.j < n) return;
    c.bi++;
    c.j = 0;
  }
}

/** Visits the records from the cursor on, below `end` (all of them by default), without moving. */
export function readTail(c: LogCursor, ctx: SimContext, visit: (id: number, offset: number) => void, end = Infinity): void {
  const r = cursorReplica(c, ctx);
  if (!r) return;
  const t = ctx.batches;
  let j = c.j;
  for (let bi = c.bi; bi < r.log.length; bi++, j = 0) {
    const b = logIdAt(r.log, bi);
    const base = baseOffsetOf(t, b);
    for (const n = recordCount(t, b); j < n; j++) {
      if (base + j >= end) return;
      visit(recordOf(t, b, j), base + j);
    }
  }
}

const firstId = (r: Replica): number => (r.log.length ? logIdAt(r.log, 0) : -1);
