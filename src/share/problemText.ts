/**
 * A refused link or run file said in the reader's language: where (the
 * run's field) and what is wrong. Scenario codes read as the scenario's own
 * refusals do; the run's codes as share.problem.<code>. Arguments are only
 * ever interpolated as text (React escapes them), never parsed as markup.
 */
import { problemText, translateCode, type Lang } from '../i18n/index.ts';
import type { RunProblem } from './runFile.ts';

export function runProblemText(lang: Lang, p: RunProblem): string {
  if (p.source === 'scenario') return problemText(lang, p.code, p.args);
  return translateCode(lang, `share.problem.${p.code}`, p.args, p.code);
}

/** "log[2].fault.broker: must be …" (the path first, when there is one). */
export function runProblemLine(lang: Lang, p: RunProblem): string {
  const text = runProblemText(lang, p);
  return p.path ? `${p.path}: ${text}` : text;
}
