/**
 * What a long run keeps of its trace. Detail events (an append, an ack, a
 * fetch, a HW move, a flush: lab.detail) are nine in ten of a busy trace and
 * grow with every record; nothing reads them once they are behind the reader
 * that streams the trace (the lab's event log, the CLI's --trace file):
 * stories cite faults, elections, truncations, errors and consumer events,
 * the report counts errors; a consumer's 'polled' (also detail) is read by
 * the host's observer as it happens. So a reader that has passed them may
 * have them omitted: each keeps its index and takes no room (core/traceLog.ts;
 * read as the one shared OMITTED event), so every index (causes,
 * checkpoints, the view's trace base) keeps its meaning. Every other event stays.
 */
import type { TraceEvent, TraceType } from '../core/trace.ts';
import { omitUpTo, type Trace } from '../core/traceLog.ts';

export { OMITTED } from '../core/traceLog.ts';

/** The detail events a reader may drop once it has passed them. */
export const DETAIL_TYPES: ReadonlySet<TraceType> = new Set<TraceType>(['appended', 'acked', 'hw-advanced', 'fetched', 'flushed']);

/** A detail event: one of DETAIL_TYPES, or a consumer's poll. */
export const isDetail = (e: TraceEvent): boolean => DETAIL_TYPES.has(e.type) || (e.type === 'consumer' && e.what === 'polled');

/** Omits the detail events before `to` (of those not looked at yet: core/traceLog.ts); returns how many it omitted. */
export const omitDetail = (trace: Trace, to: number): number => omitUpTo(trace, to, isDetail);

/**
 * Omits detail events of `trace` behind `passed` (what its reader has taken),
 * keeping the last `keep` of them, and only in chunks of at least `chunk`
 * events so the scan costs nothing per event. Returns how far the trace is
 * omitted (its `from`: every event from there on is whole).
 */
export function retainDetail(trace: Trace, passed: number, keep: number, chunk: number): number {
  const to = Math.min(passed, trace.length) - keep;
  if (to - trace.from >= chunk) omitDetail(trace, to);
  return trace.from;
}
