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
  nextSeq: number;
}

export const newQueue = <E extends Scheduled>(): EventQueue<E> => ({ heap: [], nextSeq: 0 });

/** Schedules `e` at `e.t`; assigns its sequence number. */
export function pushEvent<E extends Scheduled>(q: EventQueue<E>, e: Unscheduled<E>): void {
  const ev = e as unknown as E;
  ev.seq = q.nextSeq++;
  Object.freeze(ev);
  const h = q.heap;
  // Sift up with a hole instead of swaps: no temporary arrays in the hot path.
  let i = h.length;
  h.push(ev);
  while (i > 0) {
    const p = (i - 1) >> 1;
    const parent = h[p];
    if (!before(ev, parent)) break;
    h[i] = parent;
    i = p;
  }
  h[i] = ev;
}

export const peekEvent = <E extends Scheduled>(q: EventQueue<E>): E | undefined => q.heap[0];

export function popEvent<E extends Scheduled>(q: EventQueue<E>): E | undefined {
  const h = q.heap;
  if (h.length === 0) return undefined;
  const top = h[0];
  const last = h.pop()!;
  const n = h.length;
  if (n > 0) {
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && before(h[r], h[l]) ? r : l;
      if (!before(h[c], last)) break;
      h[i] = h[c];
      i = c;
    }
    h[i] = last;
  }
  return top;
}

function before(a: Scheduled, b: Scheduled): boolean {
  return a.t < b.t || (a.t === b.t && a.seq < b.seq);
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
