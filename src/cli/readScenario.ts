/** Reads a scenario (or run) file for the command line: plain errors, never a stack trace. */
import { readFileSync } from 'node:fs';
import { readScenarioText } from '../engine/scenario/scenarioText.ts';
import { ScenarioError } from '../engine/core/scenarioError.ts';

export function readScenarioFile(file: string, fail: (msg: string) => never): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return fail(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  // The same reading as npm run sim and Open file… (size limit, byte-order mark, JSON).
  let raw: unknown;
  try {
    raw = readScenarioText(text);
  } catch (e) {
    if (!(e instanceof ScenarioError)) throw e;
    return fail(e.code === 'not-json' ? `${file} is ${e.problem}` : `${file}: ${e.message}`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return fail(`${file}: a scenario is a JSON object, got ${Array.isArray(raw) ? 'a list' : typeof raw}`);
  return raw as Record<string, unknown>;
}
