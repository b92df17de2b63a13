/**
 * Checks a lesson's claims against the checker's summary, with per-group keys
 * ("group.billing.processedTwice") and differences since an earlier step.
 */
import { evaluate, parseExpectations, type ExpectationResult } from '../engine/checker/expectations.ts';
import type { Summary } from '../engine/checker/checker.ts';
import type { Claims } from './types.ts';

export type Counts = Record<string, number>;

/** The summary's counts as flat keys, consumer groups as group.<id>.<key>. */
export function flatCounts(s: Summary): Counts {
  const out: Counts = {};
  for (const [k, v] of Object.entries(s)) if (typeof v === 'number') out[k] = v;
  for (const g of s.consumerGroups) for (const [k, v] of Object.entries(g)) if (typeof v === 'number') out[`group.${g.group}.${k}`] = v;
  return out;
}

export function judge(claims: Claims, now: Counts, before?: Counts): ExpectationResult[] {
  const counts = before ? Object.fromEntries(Object.entries(now).map(([k, v]) => [k, v - (before[k] ?? 0)])) : now;
  return evaluate(parseExpectations(claims), counts);
}
