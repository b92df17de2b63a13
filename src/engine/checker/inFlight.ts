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
  /**
   * Per far bucket, in the Map's order: the bucket, how many of its events were
   * read, and the network ones among them. A bucket is only ever added at the
   * end of that order (a new window, or a window taken out and filled again:
   * a new array) or taken out, so this list is walked beside the Map, with no
   * lookup per bucket.
   */
  read: { bucket: SimEvent[]; n: number; nets: NetEvent[] }[];
}

export const newFlightMemo = (): FlightMemo => ({ far: null, read: [] });

/**
 * Up to `max` queued network events, in the order a full scan finds them
 * (the heap, then the far buckets in the Map's order), so the same `max`
 * are chosen as by reading every queued event.
 */
export function netEvents(q: EventQueue<SimEvent>, memo: FlightMemo, max: number): NetEvent[] {
  if (memo.far !== q.far) {
    memo.far = q.far;
    memo.read = [];
  }
  const out: NetEvent[] = [];
  for (const e of q.heap) {
    if (out.length >= max) break;
    if (e.k === 'net') out.push(e);
  }
  const read = memo.read;
  // j: the next entry of the last look's list; kept: the entries of this look's (written over the ones passed).
  let j = 0;
  let kept = 0;
  for (const bucket of q.far.values()) {
    while (j < read.length && read[j].bucket !== bucket) j++;
    let r = j < read.length ? read[j++] : undefined;
    // A new bucket (or, defensively, one that shrank: never expected, read again).
    if (!r || r.n > bucket.length) r = { bucket, n: 0, nets: [] };
    for (let i = r.n; i < bucket.length; i++) {
      const e = bucket[i];
      if (e.k === 'net') r.nets.push(e);
    }
    r.n = bucket.length;
    read[kept++] = r;
    for (let i = 0; i < r.nets.length && out.length < max; i++) out.push(r.nets[i]);
  }
  read.length = kept;
  return out;
}
