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
 * that partition and undoes what it had counted.
 */
import { committedReplica } from '../engine/broker/committedLog.ts';
import type { SimContext } from '../engine/core/context.ts';
import type { LogBatch, Replica } from '../engine/core/model.ts';

export class LogCursor {
  private ctx: SimContext | undefined;
  /** The broker whose replica was read (-1: none), the first batch's and the mark's ids (-1: none). */
  private repBroker = -1;
  private first = -1;
  private mark = -1;
  /** Next record to read: batch index and position in it. */
  bi = 0;
  j = 0;
  /** Every record below this offset has been read. */
  offset = 0;

  constructor(readonly partition: number) {}

  /** The replica read from, as the engine holds it now. */
  get rep(): Replica | undefined {
    return this.repBroker < 0 ? undefined : this.ctx!.brokers[this.repBroker - 1].replicas.get(this.partition);
  }

  /** Is what was read still the log's prefix? */
  valid(ctx: SimContext): boolean {
    this.ctx = ctx;
    const r = committedReplica(ctx, this.partition);
    if ((r?.broker ?? -1) !== this.repBroker) return false;
    if (!r) return true;
    if (r.hw < this.offset) return false;
    if (this.bi === 0 && this.j === 0) return true;
    if (idOf(r.log[0]) !== this.first) return false;
    const at = this.j > 0 ? this.bi : this.bi - 1;
    return r.log.length > at && r.log[at].id === this.mark;
  }

  reset(ctx: SimContext): void {
    this.ctx = ctx;
    const r = committedReplica(ctx, this.partition);
    this.repBroker = r?.broker ?? -1;
    this.first = idOf(r?.log[0]);
    this.bi = 0;
    this.j = 0;
    this.offset = 0;
    this.mark = -1;
  }

  /** Reads the records below the high watermark (and below `limit`) not read yet: visit(id, offset); a visit that returns false stops before that record. */
  readCommitted(visit: (id: number, offset: number) => boolean | void, limit = Infinity): void {
    const r = this.rep;
    if (!r) return;
    this.first = idOf(r.log[0]);
    const end = Math.min(r.hw, limit);
    while (this.bi < r.log.length) {
      const b = r.log[this.bi];
      const ids = b.pb.msgs;
      let stop = false;
      while (this.j < ids.length && b.baseOffset + this.j < end) {
        if (visit(ids[this.j], b.baseOffset + this.j) === false) {
          stop = true;
          break;
        }
        this.j++;
      }
      // The mark is the last batch read from: this one if any of it was, else the one before (valid() checks it).
      if (this.j > 0) this.mark = b.id;
      this.offset = b.baseOffset + this.j;
      if (stop || this.j < ids.length) return;
      this.bi++;
      this.j = 0;
    }
  }

  /** Visits the records from the cursor on, below `end` (all of them by default), without moving. */
  readTail(visit: (id: number, offset: number) => void, end = Infinity): void {
    const r = this.rep;
    if (!r) return;
    let j = this.j;
    for (let bi = this.bi; bi < r.log.length; bi++, j = 0) {
      const b = r.log[bi];
      for (; j < b.pb.msgs.length; j++) {
        if (b.baseOffset + j >= end) return;
        visit(b.pb.msgs[j], b.baseOffset + j);
      }
    }
  }
}

const idOf = (b: LogBatch | undefined): number => (b ? b.id : -1);
