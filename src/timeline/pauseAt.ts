/**
 * Pause-at: where playing stops by itself (a lesson's next step): at a time,
 * or right after the moment of the first trace event later than `after` that
 * matches a pattern. The timeline reports where it stopped (time, reason and
 * the trace index of the matching event), so the lesson player does not scan
 * the trace again to find out.
 */
import { matchesTrace, type TraceMatch } from '../engine/checker/traceMatch.ts';
import type { TraceEvent } from '../engine/core/trace.ts';

export interface PauseRule {
  t: number | null;
  event: TraceMatch | null;
  /** Only events later than this simulated time count. */
  after: number;
}

export interface Stopped {
  t: number;
  reason: 'time' | 'event';
  /** Trace index of the matching event (reason 'event'). */
  index?: number;
}

export function pauseRule(t: number | null, event?: TraceMatch, after?: number): PauseRule | null {
  return t === null && !event ? null : { t, event: event ?? null, after: after ?? -1 };
}

/** The first event of trace[from..] that stops the run under `rule`, as its index, or -1. */
export function findStop(rule: PauseRule, trace: readonly TraceEvent[], from: number): number {
  if (!rule.event) return -1;
  for (let i = from; i < trace.length; i++) if (trace[i].t > rule.after && matchesTrace(trace[i], rule.event)) return i;
  return -1;
}
