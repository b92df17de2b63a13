/**
 * A pattern over trace events, e.g. { type: 'leader-elected', partition: 'orders-0' }
 * or { type: 'consumer', what: 'revoked' }: every field named must be equal
 * (numbers, strings, booleans). A dotted name reaches into the event's
 * arguments, e.g. { type: 'consumer', what: 'stable', 'args.members': 'c2=[orders-0,orders-1]' }
 * ("the group is stable with c2 owning both partitions"). A lesson uses one to pause at "the first
 * leader election after the crash"; the host and the headless lesson runner
 * share this function so both stop at the same moment.
 */
import type { TraceEvent } from '../core/trace.ts';

export type TraceMatch = { type: TraceEvent['type'] } & Record<string, string | number | boolean>;

export function matchesTrace(e: TraceEvent, m: TraceMatch): boolean {
  for (const k in m) if (field(e, k) !== m[k]) return false;
  return true;
}

function field(e: TraceEvent, path: string): unknown {
  let v: unknown = e;
  for (const part of path.split('.')) v = typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[part] : undefined;
  return v;
}
