/**
 * Pause-at: where playing stops by itself (a lesson's next step): at a time,
 * or right after the moment of the first trace event later than `after` that
 * matches a pattern. The timeline reports where it stopped (time, reason and
 * the trace index of the matching event), so the lesson player does not scan
 * the trace again to find out.
 */
import { matchesTrace, type TraceMatch } from '../engine/checker/traceMatch.ts';
import type { TraceEvent } from '../engine/core/trace.ts';
import { indexOfKept, keptFrom, type Trace } from '../engine/core/traceLog.ts';

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

/** The first event from index `from` on that stops the run under `rule`, as its index, or -1 (an omitted one never does). */
export function findStop(rule: PauseRule, trace: Trace, from: number): number {
  if (!rule.event) return -1;
  for (let j = keptFrom(trace, from); j < trace.kept.length; j++) {
    const e = trace.kept[j];
    if (e.t > rule.after && matchesTrace(e, rule.event)) return indexOfKept(trace, j);
  }
  return -1;
}
