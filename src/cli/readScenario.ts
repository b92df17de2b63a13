/** Reads a scenario (or run) file for the command line: plain errors, never a stack trace. */
import { readFileSync } from 'node:fs';
import { decodeScenarioBytes, readScenarioText } from '../engine/scenario/scenarioText.ts';
import { jsonSyntaxError } from '../engine/scenario/jsonSyntax.ts';
import { ScenarioError } from '../engine/core/scenarioError.ts';
import { problemText, translate, type Lang } from '../i18n/index.ts';

export function readScenarioFile(file: string, fail: (msg: string) => never, lang: Lang = 'en'): Record<string, unknown> {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    return fail(translate(lang, 'cli.cannotRead', { file, code: (e as NodeJS.ErrnoException).code ?? String(e) }));
  }
  // The same reading as npm run sim and Open file… (size limit, byte-order mark, JSON).
  let raw: unknown;
  try {
    raw = readScenarioText(decodeScenarioBytes(bytes), jsonSyntaxError);
  } catch (e) {
    if (!(e instanceof ScenarioError)) throw e;
    const said = problemText(lang, e.code, e.args, e.problem);
    return fail(e.code === 'not-json' || e.code === 'not-utf8' ? translate(lang, 'cli.fileIs', { file, problem: said }) : translate(lang, 'cli.fileProblem', { file, message: e.path ? `${e.path}: ${said}` : said }));
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return fail(translate(lang, 'whatifCli.notObject', { file, got: Array.isArray(raw) ? 'array' : raw === null ? 'null' : typeof raw }));
  return raw as Record<string, unknown>;
}
