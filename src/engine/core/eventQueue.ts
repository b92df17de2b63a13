/**
 * The scheduler's queue: a binary min-heap ordered by (time, sequence).
 * Ties in simulated time are broken by insertion order, so the run is
 * deterministic without relying on the heap's internal layout.
 * The queue is plain data (the heap array and the next sequence number) and
 * each event is frozen once queued: a checkpoint copies the heap array and
 * shares the events (checkpoint.ts).
 */
export interface Scheduled {
  t: number;
  seq: number;
}

/** Omit over each member of a union (plain Omit would merge the members). */
export type Unscheduled<E> = E extends Scheduled ? Omit<E, 'seq'> : never;

export interface EventQueue<E extends Scheduled> {
  heap: E[];
  /**
   * heap[i].t and heap[i].seq, kept beside the heap: the sift compares plain
   * numbers instead of reading events of a dozen shapes (a megamorphic load
   * on every comparison).
   */
  times: number[];
  seqs: number[];
  nextSeq: number;
}

export const newQueue = <E extends Scheduled>(): EventQueue<E> => ({ heap: [], times: [], seqs: [], nextSeq: 0 });

/** Schedules `e` at `e.t`; assigns its sequence number. */
export function pushEvent<E extends Scheduled>(q: EventQueue<E>, e: Unscheduled<E>): void {
  const ev = e as unknown as E;
  const t = ev.t;
  const seq = (ev.seq = q.nextSeq++);
  Object.freeze(ev);
  const { heap, times, seqs } = q;
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

export const peekEvent = <E extends Scheduled>(q: EventQueue<E>): E | undefined => q.heap[0];

export function popEvent<E extends Scheduled>(q: EventQueue<E>): E | undefined {
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

/**
 * Takes every event out in (time, sequence) order and schedules `f(e)` in its
 * place, so events that keep their order keep it; `f` returns a new event or
 * the same one (a queued event is frozen, never changed in place).
 */
export function reschedule<E extends Scheduled>(q: EventQueue<E>, f: (e: E) => E): void {
  const all: E[] = [];
  for (let e = popEvent(q); e; e = popEvent(q)) all.push(e);
  for (const e of all) {
    const n = f(e);
    // pushEvent gives a new sequence number: a kept event is copied (it is frozen).
    pushEvent(q, (n === e ? { ...e } : n) as unknown as Unscheduled<E>);
  }
}
