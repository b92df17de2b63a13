/**
 * The trace as the run keeps it: every event has its index (what causes,
 * checkpoints, cursors and the view's trace base refer to), but an omitted
 * detail event (sim/traceRetention.ts) takes no room at all. A busy hour is
 * 3.9 million events of which 26 thousand are not detail: an array with a
 * slot per event held 31 MB of pointers to one shared OMITTED event, and a
 * restore copied it. Plain data: the events kept, in order; the indices of
 * those kept among omitted stretches; and from `from` on, every event.
 * Read it with traceAt / traceSlice, or walk the kept events with
 * keptFrom / indexOfKept (an omitted event is never worth a visit).
 */
import type { TraceEvent } from './trace.ts';

export interface Trace {
  /** The events kept, in index order: first `idx.length` of them among omitted stretches, then every event from `from` on. */
  kept: TraceEvent[];
  /** The indices of kept[0 .. idx.length), ascending, all below `from`. */
  idx: number[];
  /** kept[idx.length + k] is event `from + k`. */
  from: number;
  /** How many events the trace has had, omitted ones included (the next event's index). */
  length: number;
}

/** Stands for every omitted event: its time is not kept (t: -1). */
export const OMITTED: TraceEvent = Object.freeze({ t: -1, type: 'omitted' as const });

export const newTrace = (events: TraceEvent[] = []): Trace => ({ kept: events, idx: [], from: 0, length: events.length });

/** Records `e`; returns its index. */
export function pushTrace(tr: Trace, e: TraceEvent): number {
  tr.kept.push(e);
  return tr.length++;
}

/** The position in `kept` of the first kept event with index `i` or more (kept.length: none). */
export function keptFrom(tr: Trace, i: number): number {
  if (i >= tr.from) return Math.min(tr.kept.length, tr.idx.length + (i - tr.from));
  const idx = tr.idx;
  let lo = 0;
  let hi = idx.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (idx[mid] < i) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The index of kept[j]. */
export const indexOfKept = (tr: Trace, j: number): number => (j < tr.idx.length ? tr.idx[j] : tr.from + (j - tr.idx.length));

/** Event `i` (OMITTED if it was omitted; undefined past the end). */
export function traceAt(tr: Trace, i: number): TraceEvent | undefined {
  if (i >= tr.from) return tr.kept[tr.idx.length + (i - tr.from)];
  if (i < 0) return undefined;
  const j = keptFrom(tr, i);
  return j < tr.idx.length && tr.idx[j] === i ? tr.kept[j] : OMITTED;
}

/** Events from..to as one array, OMITTED standing for each omitted one (what the view and a trace file get). */
export function traceSlice(tr: Trace, from: number, to = tr.length): TraceEvent[] {
  from = Math.max(0, from);
  to = Math.min(to, tr.length);
  if (from >= tr.from) return tr.kept.slice(tr.idx.length + (from - tr.from), tr.idx.length + (to - tr.from));
  const out: TraceEvent[] = [];
  for (let i = from; i < to; i++) out.push(traceAt(tr, i)!);
  return out;
}

/** Every event, OMITTED standing for each omitted one (a test's or a fingerprint's view of the trace). */
export const traceEvents = (tr: Trace): TraceEvent[] => traceSlice(tr, 0);

/** The first `n` events of `tr` as a trace of their own (`tr` is unchanged). */
export function tracePrefix(tr: Trace, n: number): Trace {
  n = Math.min(n, tr.length);
  if (n <= tr.from) {
    const j = keptFrom(tr, n);
    return { kept: tr.kept.slice(0, j), idx: tr.idx.slice(0, j), from: n, length: n };
  }
  return { kept: tr.kept.slice(0, tr.idx.length + (n - tr.from)), idx: tr.idx.slice(), from: tr.from, length: n };
}

/**
 * Drops the events before `to` that `omit` says go, of those not looked at
 * yet (from `from` on; every one before it was): each leaves its index behind,
 * and no room. Returns how many it dropped. Only the kept events from `from`
 * on are moved.
 */
export function omitUpTo(tr: Trace, to: number, omit: (e: TraceEvent) => boolean): number {
  const from = tr.from;
  to = Math.min(to, tr.length);
  if (to <= from) return 0;
  const { kept, idx } = tr;
  let w = idx.length;
  let r = w;
  for (let i = from; i < to; i++, r++) {
    const e = kept[r];
    if (omit(e)) continue;
    kept[w++] = e;
    idx.push(i);
  }
  const dropped = r - w;
  for (; r < kept.length; r++) kept[w++] = kept[r];
  kept.length = w;
  tr.from = to;
  return dropped;
}
