/**
 * The messages in flight (queued network events) for a snapshot, found
 * without copying the whole queue every frame. A busy run queues tens of
 * thousands of timers far ahead (eventQueue.ts) and a few dozen messages: the
 * heap is read whole (it holds a window's events, a few dozen), and each far
 * bucket only from where the last look stopped, since a bucket only grows
 * while it waits (pushEvent appends; refill takes it out whole).
 * A restore puts a new Map of buckets in the queue (checkpoint.ts copies
 * every Map), and the memo starts over with it: a bucket array written over
 * by a restore is never read from a stale position.
 */
import type { NetEvent, SimEvent } from '../core/context.ts';
import type { EventQueue } from '../core/eventQueue.ts';

export interface FlightMemo {
  far: Map<number, SimEvent[]> | null;
  /** Per far bucket (by window): the bucket, how many of its events were read, and the network ones among them. */
  read: Map<number, { bucket: SimEvent[]; n: number; nets: NetEvent[] }>;
}

export const newFlightMemo = (): FlightMemo => ({ far: null, read: new Map() });

/**
 * Up to `max` queued network events, in the order a full scan finds them
 * (the heap, then the far buckets in the Map's order), so the same `max`
 * are chosen as by reading every queued event.
 */
export function netEvents(q: EventQueue<SimEvent>, memo: FlightMemo, max: number): NetEvent[] {
  if (memo.far !== q.far) {
    memo.far = q.far;
    memo.read = new Map();
  }
  // Windows whose buckets went to the heap are forgotten now and then.
  if (memo.read.size > 2 * q.far.size + 64) for (const w of memo.read.keys()) if (!q.far.has(w)) memo.read.delete(w);
  const out: NetEvent[] = [];
  for (const e of q.heap) {
    if (out.length >= max) return out;
    if (e.k === 'net') out.push(e);
  }
  for (const [w, bucket] of q.far) {
    let r = memo.read.get(w);
    // A window's bucket, once taken out, is never put back: a new array there is a new bucket.
    if (!r || r.bucket !== bucket || r.n > bucket.length) memo.read.set(w, (r = { bucket, n: 0, nets: [] }));
    for (let i = r.n; i < bucket.length; i++) {
      const e = bucket[i];
      if (e.k === 'net') r.nets.push(e);
    }
    r.n = bucket.length;
    for (const e of r.nets) {
      if (out.length >= max) return out;
      out.push(e);
    }
  }
  return out;
}
