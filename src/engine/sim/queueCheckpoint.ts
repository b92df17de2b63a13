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
import type { SimContext, SimEvent, TimerEvent } from '../core/context.ts';
import { markSwept, type EventQueue } from '../core/eventQueue.ts';
import { deadForever } from './deadTimers.ts';
import { alsoHolds } from './chunks.ts';
import { sealEvent } from '../core/sealed.ts';

/** About what a queued event holds besides the pointer to it: the event and its body. */
const EVENT_BYTES = 160;

/**
 * A producer's sender wake-ups, kept as rows of numbers, not as events. A busy
 * run keeps ~24,000 of them queued (one for each batch's delivery timeout,
 * 120 s ahead, most superseded by an earlier one but not dead: a wake-up set
 * again for the same moment is that one's), and checkpoints two minutes apart
 * each held a different 24,000: about 120 bytes of heap each, 45 MB of the
 * 64 MB budget after a busy half hour. As rows, 24 bytes each, off the heap.
 * A row: the wake-up's index in its bucket (the order is kept, so the
 * restored queue is the same array, event for event), t, seq, node (an index
 * into `nodeNames`), incarnation, at.
 */
interface Wakes {
  readonly k: 'wakes';
  readonly rows: Int32Array;
}
const ROW = 6;
const nodeNames: string[] = [];
const nodeIndex = new Map<string, number>();

const isInt32 = (v: number): boolean => (v | 0) === v;

/** A wake-up that fits a row (every field an int32). */
function asRow(e: SimEvent): boolean {
  return e.k === 'timer' && e.body.type === 'sender-wake' && isInt32(e.t) && isInt32(e.seq) && isInt32(e.inc) && isInt32(e.body.at);
}

/** Per live bucket, its length when last kept, its events kept then (the live ones), how many of them are kept as events, and the frozen keeping. */
const keptOf = new WeakMap<SimEvent[], { n: number; events: SimEvent[]; objects: number; kept: readonly SimEvent[] }>();

/** `events` as a checkpoint keeps them: the wake-ups as rows, the rest frozen (sealed: shared from now on, never copied), in one frozen array. */
function keep(events: readonly SimEvent[]): { kept: readonly SimEvent[]; objects: number; rowBytes: number } {
  let wakes = 0;
  for (const e of events) if (asRow(e)) wakes++;
  if (wakes === 0) {
    for (const e of events) sealEvent(e);
    return { kept: Object.freeze(events.slice()), objects: events.length, rowBytes: 0 };
  }
  const rows = new Int32Array(wakes * ROW);
  const out: SimEvent[] = [];
  let r = 0;
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    if (!asRow(e)) {
      sealEvent(e);
      out.push(e);
      continue;
    }
    const ev = e as TimerEvent & { body: { type: 'sender-wake'; at: number } };
    let node = nodeIndex.get(ev.node);
    if (node === undefined) {
      node = nodeNames.push(ev.node) - 1;
      nodeIndex.set(ev.node, node);
    }
    rows[r] = i;
    rows[r + 1] = ev.t;
    rows[r + 2] = ev.seq;
    rows[r + 3] = node;
    rows[r + 4] = ev.inc;
    rows[r + 5] = ev.body.at;
    r += ROW;
  }
  const w: Wakes = Object.freeze({ k: 'wakes', rows });
  out.push(w as unknown as SimEvent);
  return { kept: Object.freeze(out), objects: out.length - 1, rowBytes: rows.byteLength + 200 };
}

/** A kept bucket as a live one: the wake-ups made events again, each at its place (a restore makes the bucket live with it; tests read a keeping with it). */
export function keptEvents(kept: readonly SimEvent[]): SimEvent[] {
  const last = kept[kept.length - 1] as unknown as Wakes | undefined;
  // Spread, not slice: a slice of a frozen array is not a plain packed array, and the queue's code would see two kinds.
  if (last?.k !== 'wakes') return [...kept];
  const rows = last.rows;
  const out: SimEvent[] = [];
  let j = 0;
  for (let r = 0; r < rows.length; r += ROW) {
    while (out.length < rows[r]) out.push(kept[j++]);
    out.push({ k: 'timer', t: rows[r + 1], seq: rows[r + 2], node: nodeNames[rows[r + 3]], inc: rows[r + 4], body: { type: 'sender-wake', at: rows[r + 5] } });
  }
  while (j < kept.length - 1) out.push(kept[j++]);
  return out;
}

/**
 * The queue's later windows for a checkpoint: each bucket without its dead
 * timers, frozen (the copy shares it), the same array as last time when the
 * bucket did not change. `chunks` gets every bucket kept, so the checkpoint
 * cap counts each once however many checkpoints hold it (chunks.ts chunkBytes).
 * A bucket only grows while it waits (eventQueue.ts insertEvent appends; its
 * window's refill takes it out whole), so what changed is its tail: only the
 * tail and the events kept last time are asked whether they died (one dead
 * then is dead for good): the same events as filtering the whole bucket, in
 * the same order, for the cost of what is new. Sender wake-ups are kept as
 * rows (Wakes), the other events frozen and shared.
 */
export function farForCheckpoint(ctx: SimContext, q: EventQueue<SimEvent>, chunks: object[]): Map<number, readonly SimEvent[]> {
  const out = new Map<number, readonly SimEvent[]>();
  for (const [w, bucket] of q.far) {
    let k = keptOf.get(bucket);
    if (!k || k.n !== bucket.length) {
      const from = k ? k.n : 0;
      const live: SimEvent[] = [];
      if (k) for (const e of k.events) if (!deadForever(ctx, e)) live.push(e);
      for (let i = from; i < bucket.length; i++) if (!deadForever(ctx, bucket[i])) live.push(bucket[i]);
      const { kept, objects, rowBytes } = keep(live);
      // Its rows, and the events the bucket's previous keeping did not hold (about: some it held may have died since).
      alsoHolds(kept, rowBytes + EVENT_BYTES * Math.max(0, objects - (k?.objects ?? 0)));
      k = { n: bucket.length, events: live, objects, kept };
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
  // Each kept without the timers dead at the checkpoint's moment, which is now: nothing for the sweeps
  // (eventQueue.ts markSwept), and what the next checkpoint keeps of it as long as it does not grow (a
  // bucket new to farForCheckpoint was filtered again whole and counted as new events in full: after a
  // seek, or a rehearsal, the next checkpoint counted every timer of the later windows again, megabytes,
  // and the budget thinned the checkpoints for it). Its events are a copy: the live bucket grows.
  for (const [w, b] of q.far) {
    let live = b;
    if (Object.isFrozen(b)) {
      live = keptEvents(b);
      q.far.set(w, live);
      const rows = (b[b.length - 1] as unknown as Wakes | undefined)?.k === 'wakes';
      keptOf.set(live, { n: live.length, events: live.slice(), objects: rows ? b.length - 1 : b.length, kept: b });
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
