/**
 * What a long run keeps of its trace. Detail events (an append, an ack, a
 * fetch, a HW move, a flush: lab.detail) are nine in ten of a busy trace and
 * grow with every record; nothing reads them once they are behind the reader
 * that streams the trace (the lab's event log, the CLI's --trace file):
 * stories cite faults, elections, truncations, errors and consumer events,
 * the report counts errors; a consumer's 'polled' (also detail) is read by
 * the host's observer as it happens. So a reader that has passed them may
 * have them omitted: each becomes the one shared OMITTED event, at the same
 * index, so every index (causes, checkpoints, the view's trace base) keeps
 * its meaning. Every other event stays.
 */
import type { TraceEvent, TraceType } from '../core/trace.ts';

/** The detail events a reader may drop once it has passed them. */
export const DETAIL_TYPES: ReadonlySet<TraceType> = new Set<TraceType>(['appended', 'acked', 'hw-advanced', 'fetched', 'flushed']);

/** A detail event: one of DETAIL_TYPES, or a consumer's poll. */
export const isDetail = (e: TraceEvent): boolean => DETAIL_TYPES.has(e.type) || (e.type === 'consumer' && e.what === 'polled');

/** Stands for every omitted event: its time is not kept (t: -1). */
export const OMITTED: TraceEvent = Object.freeze({ t: -1, type: 'omitted' as const });

/** Replaces the detail events of trace[from..to) by OMITTED; returns how many it replaced. */
export function omitDetail(trace: TraceEvent[], from: number, to: number): number {
  let n = 0;
  const end = Math.min(to, trace.length);
  for (let i = Math.max(0, from); i < end; i++) {
    if (isDetail(trace[i])) {
      trace[i] = OMITTED;
      n++;
    }
  }
  return n;
}

/**
 * Omits detail events of `trace` behind `passed` (what its reader has taken),
 * keeping the last `keep` of them, and only in chunks of at least `chunk`
 * events so the scan costs nothing per event. `done` is how far earlier calls
 * went; returns how far this one went (the next call's `done`).
 */
export function retainDetail(trace: TraceEvent[], passed: number, done: number, keep: number, chunk: number): number {
  const to = Math.min(passed, trace.length) - keep;
  const from = Math.min(done, trace.length);
  if (to - from < chunk) return from;
  omitDetail(trace, from, to);
  return to;
}

/** Events a restore's trace is extended by in place at most (a longer way forward takes a new copy). */
const EXTEND_MAX = 20_000;

/**
 * The first `n` events of `trace`: in `own` when given (an earlier restore's
 * copy, which holds a prefix of the same events: cut, or extended by a few,
 * in place), else a copy (a slice of a long trace, and the copy of it its
 * next push grows into, were a tenth of a seek).
 */
export function tracePrefix(trace: TraceEvent[], n: number, own: TraceEvent[] | undefined): TraceEvent[] {
  if (!own || own === trace || n - own.length > EXTEND_MAX) return trace.slice(0, n);
  if (own.length > n) own.length = n;
  for (let i = own.length; i < n; i++) own.push(trace[i]);
  return own;
}
