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
    h.push(ev);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(h[i], h[p])) break;
      [h[i], h[p]] = [h[p], h[i]];
      i = p;
    }
  }

  peek(): E | undefined {
    return this.heap[0];
  }

  pop(): E | undefined {
    const h = this.heap;
    if (h.length === 0) return undefined;
    const top = h[0];
    const last = h.pop()!;
    if (h.length > 0) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && before(h[l], h[m])) m = l;
        if (r < h.length && before(h[r], h[m])) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m], h[i]];
        i = m;
      }
    }
    return top;
  }

  /** Every scheduled event, in no particular order (for snapshots of in-flight messages). */
  items(): readonly E[] {
    return this.heap;
  }
}

function before(a: Scheduled, b: Scheduled): boolean {
  return a.t < b.t || (a.t === b.t && a.seq < b.seq);
}
