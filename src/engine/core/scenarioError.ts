/**
 * A scenario that cannot run: `path` names the field, `code` and `args` say
 * what is wrong (src/engine/core/scenarioProblems.ts holds the English text of each
 * code, so a translation can render the same code), `problem` is that English text.
 */
export class ScenarioError extends Error {
  constructor(
    readonly path: string,
    readonly problem: string,
    readonly code: string = 'other',
    readonly args: Record<string, string | number> = {},
  ) {
    super(path ? `${path}: ${problem}` : problem);
    this.name = 'ScenarioError';
  }
}

/** A value as a message quotes it: strings in quotes, containers by kind. */
export function describe(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 80 ? `${v.slice(0, 77)}...` : v);
  if (v === undefined) return 'nothing';
  if (Array.isArray(v)) return 'a list';
  if (v === null) return 'null';
  if (typeof v === 'object') return 'an object';
  return String(v);
}
