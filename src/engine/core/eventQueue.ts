/**
 * The scheduler's queue, ordered by (time, sequence). Ties in simulated time
 * are broken by insertion order, so the run is deterministic without relying
 * on any internal layout.
 * Two levels: a binary min-heap holds every event of the current window of
 * BUCKET_MS (and any earlier one); later events wait unsorted in one bucket
 * per window and enter the heap when their window comes. Most of what a busy
 * run schedules far ahead is a timeout that is dead long before it is due (a
 * request or fetch answered, a wait superseded): it costs one append, and
 * when its window comes the `dead` test of popEvent drops it unhandled. The
 * heap stays a few dozen events deep instead of tens of thousands.
 * The queue is plain data. A queued event is never changed; it is frozen
 * when a checkpoint is taken (sealEvents), so the checkpoint copies the arrays
 * and shares the events (checkpoint.ts). Not at each push: a what-if run takes
 * no checkpoint, and a freeze per event was a tenth of its time.
 */
import { sealEvent } from './sealed.ts';
export interface Scheduled {
  t: number;
  seq: number;
}

/** Omit over each member of a union (plain Omit would merge the members). */
export type Unscheduled<E> = E extends Scheduled ? Omit<E, 'seq'> : never;

export interface EventQueue<E extends Scheduled> {
  /** The heap: every event of window `cur` or earlier. */
  heap: E[];
  /**
   * heap[i].t and heap[i].seq, kept beside the heap: the sift compares plain
   * numbers instead of reading events of a dozen shapes (a megamorphic load
   * on every comparison).
   */
  times: number[];
  seqs: number[];
  nextSeq: number;
  /** The latest window whose events are in the heap. */
  cur: number;
  /** Events of later windows, by window, in insertion order. */
  far: Map<number, E[]>;
  /** The windows in `far`, a min-heap. */
  farKeys: number[];
  /**
   * Events after this time are not queued: a caller that never runs past it
   * (a what-if run stops at its `until`) would never handle them. Infinity
   * for the lab, which may run on. Dropping an event never handled changes no
   * handled event and no order among them, as with dead timers.
   */
  horizon: number;
}

/** The width of a window, simulated ms: network hops, lingers and sends fall in the current one; timeouts do not. */
export const BUCKET_MS = 256;

const windowOf = (t: number): number => Math.floor(t / BUCKET_MS);

export const newQueue = <E extends Scheduled>(horizon = Infinity): EventQueue<E> => ({ heap: [], times: [], seqs: [], nextSeq: 0, cur: 0, far: new Map(), farKeys: [], horizon });

/**
 * Schedules `e` at `e.t`; assigns its sequence number. An event built with a
 * `seq` placeholder right after `t` keeps its shape when the number is set
 * (adding the property would move every event to a new hidden class). The
 * event is the queue's from now on: nobody changes it (sealEvents).
 */
export function pushEvent<E extends Scheduled>(q: EventQueue<E>, e: Unscheduled<E> | E): void {
  const ev = e as unknown as E;
  if (ev.t > q.horizon) return;
  ev.seq = q.nextSeq++;
  insertEvent(q, ev);
}

/**
 * Queues `ev` with the sequence number it carries. For a caller that knows
 * where among the queued events of its time it stands (a what-if run
 * started from another run's state adds the faults that run did not have,
 * in the place its own construction would have given them: whatif/prefix.ts).
 */
export function insertEvent<E extends Scheduled>(q: EventQueue<E>, ev: E): void {
  if (ev.t > q.horizon) return;
  const w = windowOf(ev.t);
  if (w <= q.cur) return heapPush(q, ev);
  let bucket = q.far.get(w);
  if (!bucket) {
    q.far.set(w, (bucket = []));
    keyPush(q.farKeys, w);
  }
  bucket.push(ev);
}

function heapPush<E extends Scheduled>(q: EventQueue<E>, ev: E): void {
  const { heap, times, seqs } = q;
  const t = ev.t;
  const seq = ev.seq;
  // Sift up with a hole instead of swaps: no temporary arrays in the hot path.
  let i = heap.length;
  heap.push(ev);
  times.push(t);
  seqs.push(seq);
  while (i > 0) {
    const p = (i - 1) >> 1;
    const pt = times[p];
    if (pt < t || (pt === t && seqs[p] < seq)) break;
    heap[i] = heap[p];
    times[i] = pt;
    seqs[i] = seqs[p];
    i = p;
  }
  heap[i] = ev;
  times[i] = t;
  seqs[i] = seq;
}

/**
 * The heap is empty: brings in the next window that has a live event.
 * `dead` says which events can never do anything (they are dropped here).
 */
function refill<E extends Scheduled>(q: EventQueue<E>, dead: ((e: E) => boolean) | undefined): void {
  while (q.heap.length === 0 && q.farKeys.length > 0) {
    const w = keyPop(q.farKeys);
    const bucket = q.far.get(w)!;
    q.far.delete(w);
    q.cur = w;
    for (const e of bucket) if (!dead || !dead(e)) heapPush(q, e);
  }
}

/** Per later window's bucket: its length when last swept, times 4, plus the sweeps since it last grew (at most 2). */
const swept = new WeakMap<object, number>();

/**
 * `bucket` holds no event that is dead now (a checkpoint kept it without
 * them, and a restore brought it back at that moment): sweeps leave it
 * until it grows, as they leave one swept twice unchanged. Without this, every
 * bucket a restore brought back was new to the sweeps, each looked at three
 * times over a few ticks: after a seek, the replay asked some 20 times per
 * event handled whether a timer had died (4 while playing), 50,000 to 90,000
 * asks a seek into a busy run's tenth minute.
 */
export function markSwept(bucket: readonly unknown[]): void {
  swept.set(bucket, bucket.length * 4 + 2);
}

/**
 * Drops from the later windows the events `dead` says can never do anything,
 * long before their window comes (popEvent would drop them then, unhandled:
 * nothing handled changes, nor any order). A busy run sets a 30 s timeout
 * per request and fetch, answered a few ms later: left in its bucket for 30 s,
 * each outlived a few young-generation collections and died old, the largest
 * garbage of a long run (old-generation space grows with it). A bucket is
 * looked at after it grew, and twice more once it stopped (a request still
 * in flight at the first look is usually answered by the next), so each
 * event is asked about a few times at most. A bucket that loses events is
 * replaced by a new array (a checkpoint's keeping of a bucket goes by it).
 */
export function sweepFar<E extends Scheduled>(q: EventQueue<E>, dead: (e: E) => boolean): void {
  for (const [w, bucket] of q.far) {
    const s = swept.get(bucket);
    if (s !== undefined && s >> 2 === bucket.length && (s & 3) >= 2) continue;
    const passes = s !== undefined && s >> 2 === bucket.length ? (s & 3) + 1 : 0;
    let kept: E[] | null = null;
    for (let i = 0; i < bucket.length; i++) {
      const e = bucket[i];
      if (dead(e)) kept ??= bucket.slice(0, i);
      else kept?.push(e);
    }
    swept.set(kept ?? bucket, (kept ?? bucket).length * 4 + passes);
    if (kept) q.far.set(w, kept);
  }
}

/** The next event (nothing is taken out); `dead` as in popEvent. */
export function peekEvent<E extends Scheduled>(q: EventQueue<E>, dead?: (e: E) => boolean): E | undefined {
  if (q.heap.length === 0) refill(q, dead);
  return q.heap[0];
}

/**
 * Takes out the next event. An event of a later window for which `dead`
 * answers true when its window comes is dropped without being returned:
 * `dead` must say true only of an event that would do nothing whenever handled.
 */
export function popEvent<E extends Scheduled>(q: EventQueue<E>, dead?: (e: E) => boolean): E | undefined {
  if (q.heap.length === 0) refill(q, dead);
  const { heap, times, seqs } = q;
  if (heap.length === 0) return undefined;
  const top = heap[0];
  const last = heap.pop()!;
  const lt = times.pop()!;
  const ls = seqs.pop()!;
  const n = heap.length;
  if (n > 0) {
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let c = l;
      if (r < n && (times[r] < times[l] || (times[r] === times[l] && seqs[r] < seqs[l]))) c = r;
      const ct = times[c];
      if (lt < ct || (lt === ct && ls < seqs[c])) break;
      heap[i] = heap[c];
      times[i] = ct;
      seqs[i] = seqs[c];
      i = c;
    }
    heap[i] = last;
    times[i] = lt;
    seqs[i] = ls;
  }
  return top;
}

/** The earliest time, below `limit`, of a queued event `pred` accepts (`limit` if none); nothing allocated. */
export function earliestWhere<E extends Scheduled>(q: EventQueue<E>, pred: (e: E) => boolean, limit: number): number {
  // Indexed loops: this reads every queued event (tens of thousands) a few times a run, too seldom to be
  // optimised, and an unoptimised for-of makes an iterator result per event.
  let t = limit;
  const { heap } = q;
  for (let i = 0; i < heap.length; i++) if (heap[i].t < t && pred(heap[i])) t = heap[i].t;
  for (const bucket of q.far.values()) {
    for (let i = 0; i < bucket.length; i++) if (bucket[i].t < t && pred(bucket[i])) t = bucket[i].t;
  }
  return t;
}

/** Freezes every queued event (before a checkpoint shares them), and marks what it holds (sealed.ts); those frozen at an earlier call are skipped. */
export function sealEvents<E extends Scheduled>(q: EventQueue<E>): void {
  for (const e of q.heap) sealEvent(e);
  for (const bucket of q.far.values()) for (const e of bucket) sealEvent(e);
}

/** Every queued event, in no particular order. */
export function queuedEvents<E extends Scheduled>(q: EventQueue<E>): E[] {
  const out = q.heap.slice();
  for (const bucket of q.far.values()) for (const e of bucket) out.push(e);
  return out;
}

/**
 * Takes every event out in (time, sequence) order and schedules `f(e)` in its
 * place, so events that keep their order keep it; `f` returns a new event or
 * the same one (a queued event is frozen, never changed in place). A later
 * window's event that `dead` says can never do anything is dropped, as
 * popEvent would drop it: what is rescheduled, and so every sequence number
 * after it, does not depend on whether such timers were still queued (a
 * checkpoint leaves them out, sim/queueCheckpoint.ts).
 */
export function reschedule<E extends Scheduled>(q: EventQueue<E>, f: (e: E) => E, dead?: (e: E) => boolean): void {
  const all: E[] = [];
  for (let e = popEvent(q, dead); e; e = popEvent(q, dead)) all.push(e);
  // The queue is empty: its heap may start again at the earliest bucket of time.
  if (all.length) q.cur = windowOf(all[0].t);
  for (const e of all) {
    const n = f(e);
    // pushEvent gives a new sequence number: a kept event is copied (it may be frozen).
    pushEvent(q, (n === e ? { ...e } : n) as unknown as Unscheduled<E>);
  }
}

// ---- a min-heap of window numbers ------------------------------------------

function keyPush(keys: number[], k: number): void {
  let i = keys.length;
  keys.push(k);
  while (i > 0) {
    const p = (i - 1) >> 1;
    if (keys[p] <= k) break;
    keys[i] = keys[p];
    i = p;
  }
  keys[i] = k;
}

function keyPop(keys: number[]): number {
  const top = keys[0];
  const last = keys.pop()!;
  const n = keys.length;
  if (n > 0) {
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const c = l + 1 < n && keys[l + 1] < keys[l] ? l + 1 : l;
      if (last <= keys[c]) break;
      keys[i] = keys[c];
      i = c;
    }
    keys[i] = last;
  }
  return top;
}
