/**
 * A scenario may state what it demonstrates, e.g. "expect": { "lostAcked": ">0",
 * "duplicated": 0 }. The CLI prints whether each holds and the test suite runs
 * every example, so each lesson doubles as a regression test.
 */
import { ScenarioError } from './scenarioError.ts';
import { describe } from './configParse.ts';

export type Expectation = { key: string; op: '=' | '>' | '>=' | '<' | '<='; value: number };

export function parseExpectations(v: unknown): Expectation[] {
  if (v === undefined) return [];
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new ScenarioError('expect', `must be an object like { "lostAcked": ">0" }, got ${describe(v)}`);
  return Object.entries(v as Record<string, unknown>).map(([key, raw]) => {
    if (typeof raw === 'number' && Number.isInteger(raw)) return { key, op: '=', value: raw };
    const m = typeof raw === 'string' ? /^\s*(>=|<=|>|<|=)?\s*(\d+)\s*$/.exec(raw) : null;
    if (!m) throw new ScenarioError(`expect.${key}`, `must be a count or a comparison such as ">0" or "<=5", got ${describe(raw)}`);
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
