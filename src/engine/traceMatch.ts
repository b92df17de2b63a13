/**
 * A pattern over trace events, e.g. { type: 'leader-elected', partition: 'orders-0' }
 * or { type: 'consumer', what: 'revoked' }: every field named must be equal
 * (numbers, strings, booleans). A lesson uses one to pause at "the first
 * leader election after the crash"; the host and the headless lesson runner
 * share this function so both stop at the same moment.
 */
import type { TraceEvent } from './trace.ts';

export type TraceMatch = { type: TraceEvent['type'] } & Record<string, string | number | boolean>;

export function matchesTrace(e: TraceEvent, m: TraceMatch): boolean {
  const rec = e as unknown as Record<string, unknown>;
  for (const k in m) if (rec[k] !== m[k]) return false;
  return true;
}
