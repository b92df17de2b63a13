/**
 * A scenario may state what it demonstrates, e.g. "expect": { "lostAcked": ">0",
 * "duplicated": 0 }. The CLI prints whether each holds and the test suite runs
 * every example, so each lesson doubles as a regression test.
 */
import { problem } from '../core/scenarioProblems.ts';
import { describe } from '../core/scenarioError.ts';
import type { Summary } from './checker.ts';

export type Expectation = { key: string; op: '=' | '>' | '>=' | '<' | '<='; value: number };

type CountKey = { [K in keyof Summary]: Summary[K] extends number ? K : never }[keyof Summary];
/** The report summary's counts an "expect" may name; checked before the run, so a typo does not cost a whole run. */
export const SUMMARY_COUNTS = ['produced', 'acked', 'committed', 'lostAcked', 'lostUnacked', 'lostUnackedKnown', 'lostUnackedUnknown', 'unseen', 'recovered', 'committedUntold', 'resentAfterRestart', 'pending', 'duplicated', 'reordered', 'processed', 'lostAfterBroker', 'processedTwice', 'processedOutOfOrder', 'skippedByReset', 'rebalances'] as const satisfies readonly CountKey[];

/** Reads claims; `known` (the scenario's summary counts) refuses any other key before a run. */
export function parseExpectations(v: Record<string, number | string> | undefined, known?: readonly string[]): Expectation[] {
  if (v === undefined) return [];
  return Object.entries(v).map(([key, raw]) => {
    if (known && !known.includes(key)) throw problem(`expect.${key}`, 'expect-key', { known: known.join(', ') });
    if (typeof raw === 'number') return { key, op: '=', value: raw };
    const m = /^\s*(>=|<=|>|<|=)?\s*(\d+)\s*$/.exec(raw);
    if (!m) throw problem(`expect.${key}`, 'expect-value', { got: describe(raw) });
    return { key, op: (m[1] ?? '=') as Expectation['op'], value: Number(m[2]) };
  });
}

export interface ExpectationResult extends Expectation {
  actual: number | undefined;
  ok: boolean;
}

export function evaluate(expectations: Expectation[], summary: object): ExpectationResult[] {
  const s = summary as Record<string, unknown>;
  return expectations.map((e) => {
    const actual = typeof s[e.key] === 'number' ? (s[e.key] as number) : undefined;
    const ok = actual !== undefined && (e.op === '=' ? actual === e.value : e.op === '>' ? actual > e.value : e.op === '>=' ? actual >= e.value : e.op === '<' ? actual < e.value : actual <= e.value);
    return { ...e, actual, ok };
  });
}
