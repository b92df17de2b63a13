/**
 * When a broker's state last changed, read from the trace: the start of the
 * state ring a broker card draws (StatePulse). Plain data in, a time out, so
 * it is tested in Node.
 */
import type { TraceEvent } from '../engine/core/trace.ts';

/** How long a state ring lasts, in simulated ms. */
export const PULSE_MS = 1500;

const isChange = (e: TraceEvent, broker: number) =>
  ((e.type === 'broker-crashed' || e.type === 'broker-stopped' || e.type === 'broker-restarted') && e.broker === broker) ||
  (e.type === 'fault' && (e.fault.type === 'isolate' || e.fault.type === 'heal'));

/**
 * When `broker`'s state last changed at or before `now`, looked up by time
 * (the trace is in time order): a change older than the ring's span is
 * "long ago" (-Infinity, no ring), and null means the trace does not reach
 * back far enough to say. By time, not by a count of events: at full speed
 * one frame can bring more events than any fixed count, and the crash fell
 * out of view (the ring then started at the frame's time, in the future of a
 * seek back).
 */
export function changedAt(trace: TraceEvent[], broker: number, now: number): number | null {
  let lo = 0;
  let hi = trace.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (trace[mid].t <= now) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo - 1; i >= 0; i--) {
    const e = trace[i];
    if (e.t < now - PULSE_MS) return Number.NEGATIVE_INFINITY;
    if (isChange(e, broker)) return e.t;
  }
  return trace.length > 0 && trace[0].t < now - PULSE_MS ? Number.NEGATIVE_INFINITY : null;
}

