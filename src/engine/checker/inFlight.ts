/**
 * The messages in flight (queued network events) for a snapshot, found
 * without copying the whole queue every frame. A busy run queues tens of
 * thousands of timers far ahead (eventQueue.ts) and a few dozen messages: the
 * heap is read whole (it holds a window's events, a few dozen), and each far
 * bucket only from where the last look stopped, since a bucket only grows
 * while it waits (pushEvent appends; refill takes it out whole; the sweep of
 * dead timers puts a new array in its place, read again whole).
 * After a restore (or with a new Map of buckets) the memo starts over: a
 * bucket array written over by a restore is never read from a stale position.
 */
import type { NetEvent, SimEvent } from '../core/context.ts';
import type { EventQueue } from '../core/eventQueue.ts';
import { restores } from '../core/restores.ts';

/** A far bucket as last read: the array, how many of its events were read, and the network ones among them. */
interface Read {
  bucket: SimEvent[];
  n: number;
  nets: NetEvent[];
  /** The look that last met it (the others are gone from the queue and are let go). */
  look: number;
}

export interface FlightMemo {
  far: Map<number, SimEvent[]> | null;
  /** The restores so far when it was last read (core/restores.ts): a restore may write a bucket array over. */
  restores: number;
  /**
   * Per window, its bucket as last read. By window, not by place in the Map:
   * the dead-timer sweep (eventQueue.ts sweepFar) puts a new array in a
   * window's place, which is read again from its start, and only that one.
   */
  read: Map<number, Read>;
  looks: number;
}

export const newFlightMemo = (): FlightMemo => ({ far: null, restores: -1, read: new Map(), looks: 0 });

/**
 * Up to `max` queued network events, in the order a full scan finds them
 * (the heap, then the far buckets in the Map's order), so the same `max`
 * are chosen as by reading every queued event.
 */
export function netEvents(q: EventQueue<SimEvent>, memo: FlightMemo, max: number): NetEvent[] {
  if (memo.far !== q.far || memo.restores !== restores()) {
    memo.far = q.far;
    memo.restores = restores();
    memo.read = new Map();
  }
  const out: NetEvent[] = [];
  for (const e of q.heap) {
    if (out.length >= max) break;
    if (e.k === 'net') out.push(e);
  }
  const read = memo.read;
  const look = ++memo.looks;
  for (const [w, bucket] of q.far) {
    let r = read.get(w);
    // A new window, one whose bucket was replaced (swept), or, defensively, one that shrank: read from its start.
    if (r === undefined || r.bucket !== bucket || r.n > bucket.length) {
      r = { bucket, n: 0, nets: [], look };
      read.set(w, r);
    }
    r.look = look;
    for (let i = r.n; i < bucket.length; i++) {
      const e = bucket[i];
      if (e.k === 'net') r.nets.push(e);
    }
    r.n = bucket.length;
    for (let i = 0; i < r.nets.length && out.length < max; i++) out.push(r.nets[i]);
  }
  // Windows gone from the queue (their turn came): let their buckets go.
  if (read.size > q.far.size) for (const [w, r] of read) if (r.look !== look) read.delete(w);
  return out;
}
