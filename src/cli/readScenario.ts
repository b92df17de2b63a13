/** Reads a scenario (or run) file for the command line: plain errors, never a stack trace. */
import { readFileSync } from 'node:fs';

export function readScenarioFile(file: string, fail: (msg: string) => never): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return fail(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  // Editors on Windows save UTF-8 with a byte-order mark; the browser's file reader ignores it, so do the same.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return fail(`${file} is not valid JSON: ${(e as Error).message}`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return fail(`${file}: a scenario is a JSON object, got ${Array.isArray(raw) ? 'a list' : typeof raw}`);
  return raw as Record<string, unknown>;
}
