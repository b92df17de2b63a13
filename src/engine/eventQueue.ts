/**
 * The scheduler's queue: a binary min-heap ordered by (time, sequence).
 * Ties in simulated time are broken by insertion order, so the run is
 * deterministic without relying on the heap's internal layout.
 */
export interface Scheduled {
  t: number;
  seq: number;
}

/** Omit over each member of a union (plain Omit would merge the members). */
export type Unscheduled<E> = E extends Scheduled ? Omit<E, 'seq'> : never;

export class EventQueue<E extends Scheduled> {
  private heap: E[] = [];
  private nextSeq = 0;

  get size(): number {
    return this.heap.length;
  }

  /** Schedules `e` at `e.t`; assigns its sequence number. */
  push(e: Unscheduled<E>): void {
    const ev = e as unknown as E;
    ev.seq = this.nextSeq++;
    const h = this.heap;
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

  peek(): E | undefined {
    return this.heap[0];
  }

  pop(): E | undefined {
    const h = this.heap;
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

  /**
   * Takes every event out in (time, sequence) order and schedules `f(e)` in its
   * place, so events that keep their order keep it; `f` returns a new event or
   * the same one (a queued event is never changed in place).
   */
  reschedule(f: (e: E) => E): void {
    const all: E[] = [];
    for (let e = this.pop(); e; e = this.pop()) all.push(e);
    for (const e of all) this.push(f(e) as unknown as Unscheduled<E>);
  }

  /** Every scheduled event, in no particular order (for snapshots of in-flight messages). */
  items(): readonly E[] {
    return this.heap;
  }
}

function before(a: Scheduled, b: Scheduled): boolean {
  return a.t < b.t || (a.t === b.t && a.seq < b.seq);
}
