/**
 * What a checkpoint keeps of the event queue. A busy run's queue holds tens
 * of thousands of timers in its later windows, and most are dead long before
 * they are due (a request answered a few ms after its 30 s timeout was set):
 * the queue drops them unhandled only when their window comes (eventQueue.ts).
 * A checkpoint kept them all, and checkpoints a second or two apart over a
 * timer's 30-120 s kept nearly every timer the run ever set alive. So a
 * checkpoint keeps each later window's bucket without the timers that can
 * never do anything (deadTimers.ts, asked now: dead now is dead for good),
 * as a frozen array shared by the next checkpoint while the bucket is
 * unchanged, and counts what it holds, events included, against the cap.
 * A restored run handles the same events in the same order: the queue would
 * have dropped those timers unhandled, and idle skipping's reschedule drops
 * them too, so sequence numbers after it match as well.
 */
import type { SimContext, SimEvent } from '../core/context.ts';
import { markSwept, type EventQueue } from '../core/eventQueue.ts';
import { deadForever } from './deadTimers.ts';
import { alsoHolds } from './chunks.ts';
import { sealEvent } from '../core/sealed.ts';

/** About what a queued event holds besides the pointer to it: the event and its body. */
const EVENT_BYTES = 160;

/** Per live bucket, its length when last kept and what was kept of it. */
const keptOf = new WeakMap<SimEvent[], { n: number; kept: readonly SimEvent[] }>();

/**
 * The queue's later windows for a checkpoint: each bucket without its dead
 * timers, frozen (the copy shares it), the same array as last time when the
 * bucket did not change. `chunks` gets every bucket kept, so the checkpoint
 * cap counts each once however many checkpoints hold it (chunks.ts chunkBytes).
 * A bucket only grows while it waits (eventQueue.ts insertEvent appends; its
 * window's refill takes it out whole), so what changed is its tail: only the
 * tail's events are frozen (sealed: shared from now on, never copied), and
 * only the tail and the events kept last time are asked whether they died
 * (one dead then is dead for good): the same events as filtering the whole
 * bucket, in the same order, for the cost of what is new.
 */
export function farForCheckpoint(ctx: SimContext, q: EventQueue<SimEvent>, chunks: object[]): Map<number, readonly SimEvent[]> {
  const out = new Map<number, readonly SimEvent[]>();
  for (const [w, bucket] of q.far) {
    let k = keptOf.get(bucket);
    if (!k || k.n !== bucket.length) {
      const from = k ? k.n : 0;
      const live: SimEvent[] = [];
      if (k) for (const e of k.kept) if (!deadForever(ctx, e)) live.push(e);
      for (let i = from; i < bucket.length; i++) {
        const e = bucket[i];
        if (deadForever(ctx, e)) continue;
        // Kept: shared from now on (a dead one no checkpoint holds needs no seal).
        sealEvent(e);
        live.push(e);
      }
      const kept = Object.freeze(live);
      // Events the bucket's previous keeping did not hold are new to the checkpoints (about: some it held may have died since).
      alsoHolds(kept, EVENT_BYTES * Math.max(0, kept.length - (k?.kept.length ?? 0)));
      k = { n: bucket.length, kept };
      keptOf.set(bucket, k);
    }
    out.set(w, k.kept);
    chunks.push(k.kept);
  }
  return out;
}

/**
 * The queue as a checkpoint keeps it. Its `times` and `seqs` repeat each heap
 * event's own t and seq (for a fast sift, eventQueue.ts): a checkpoint leaves
 * them out and a restore reads them again from the events (liveQueue). They
 * were two thirds of what the queue cost a checkpoint, and a heap reorders
 * with every event, so little of it is shared.
 */
export function queueForCheckpoint(ctx: SimContext, q: EventQueue<SimEvent>, chunks: object[]): EventQueue<SimEvent> {
  return { ...q, times: [], seqs: [], far: farForCheckpoint(ctx, q, chunks) as Map<number, SimEvent[]> };
}

/**
 * A restored queue made live again, in place: its later windows as live
 * buckets (a checkpoint's are frozen; the run appends to them), its `times`
 * and `seqs` read from the heap's events. Nothing is stored into the queue
 * object itself: a store, even of the same value, made one of its fields a
 * mutable one, a new hidden class for the queue's code after the first seek.
 */
export function liveQueue(q: EventQueue<SimEvent>): void {
  // Spread, not slice: a slice of a frozen array is not a plain packed array, and the queue's code would see two kinds.
  // Each kept without the timers dead at the checkpoint's moment, which is now: nothing for the sweeps
  // (eventQueue.ts markSwept), and what the next checkpoint keeps of it as long as it does not grow (a
  // bucket new to farForCheckpoint was filtered again whole and counted as new events in full: after a
  // seek, or a rehearsal, the next checkpoint counted every timer of the later windows again, megabytes,
  // and the budget thinned the checkpoints for it).
  for (const [w, b] of q.far) {
    const live = Object.isFrozen(b) ? [...b] : b;
    if (live !== b) {
      q.far.set(w, live);
      keptOf.set(live, { n: live.length, kept: b });
    }
    markSwept(live);
  }
  // Pushed into the arrays the restore left (the live ones, emptied, keep their elements kind).
  q.times.length = 0;
  q.seqs.length = 0;
  for (const e of q.heap) {
    q.times.push(e.t);
    q.seqs.push(e.seq);
  }
}
