/** What npm run lessons reports for one lesson: its listing, and the result of running it headless. */
import { join } from 'node:path';
import { runLesson } from '../lessons/runLesson.ts';
import { predictionRevealProblems, predictionShapeProblems } from '../lessons/predictions.ts';
import { triggerLabel, type Lesson } from '../lessons/types.ts';
import type { ExpectationResult } from '../engine/checker/expectations.ts';
import type { RawScenario } from '../engine/config/liveConfig.ts';
import { readScenarioFile } from './readScenario.ts';

/** The lesson's scenario JSON: inline, or read from public/scenarios. */
export const lessonScenario = (l: Lesson, fail: (msg: string) => never): RawScenario =>
  'file' in l.scenario ? readScenarioFile(join(import.meta.dirname, '../../public/scenarios', String(l.scenario.file)), fail) : l.scenario;

const claim = (e: ExpectationResult) => `${e.key} ${e.op} ${e.value} (got ${e.actual ?? 'nothing'})`;

interface StepReport {
  step: number;
  trigger: string;
  t: number | null;
  ok: boolean;
  failed: string[];
}

export function describeLesson(l: Lesson) {
  return {
    id: l.id,
    group: l.group,
    title: l.title,
    steps: l.steps.length,
    predictions: l.steps.flatMap((s, i) => (s.predict ? [{ step: i + 1, question: s.predict.question, answers: s.predict.answers.length, correct: s.predict.answers.findIndex((a) => a.correct) + 1 }] : [])),
  };
}

/** Runs one lesson headless and reports every step's claims, the run's claims and the predictions. */
export function checkLesson(l: Lesson, fail: (msg: string) => never) {
  const problems = predictionShapeProblems(l);
  let steps: StepReport[] = [];
  let failedAtEnd: string[] = [];
  try {
    const run = runLesson(l, lessonScenario(l, fail));
    steps = l.steps.map((s, i) => {
      const failed = run.steps[i].expectations.filter((e) => !e.ok).map(claim);
      return { step: i + 1, trigger: triggerLabel(s.trigger), t: run.steps[i].t, ok: failed.length === 0, failed };
    });
    failedAtEnd = run.expectations.filter((e) => !e.ok).map(claim);
    problems.push(...predictionRevealProblems(l, run));
  } catch (e) {
    problems.push(`${l.id}: ${(e as Error).message}`);
  }
  const ok = problems.length === 0 && failedAtEnd.length === 0 && steps.length === l.steps.length && steps.every((s) => s.ok);
  return { ...describeLesson(l), ok, stepResults: steps, failedAtEnd, problems };
}

