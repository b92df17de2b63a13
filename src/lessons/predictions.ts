/**
 * Checks a lesson's predictions: their shape (2 to 4 answers, exactly one
 * correct, both languages) and, against a headless run, that the run reveals
 * the answer. One of the next two steps must carry claims that hold when it is
 * reached and either did not hold yet when the question was asked (judged on
 * the same `since` base, which must not come after the question), or are
 * judged `since` the question itself ("nothing new was lost after it"). So a
 * prediction whose "why" points at a count the run never moves fails here.
 */
import { judge } from './claims.ts';
import type { LessonRun } from './runLesson.ts';
import type { Lesson, Text } from './types.ts';

const cjk = /[\u4e00-\u9fff]/;
const bilingual = (t: Text | undefined): boolean => !!t && t.en.trim().length > 0 && cjk.test(t.zh);

/** Problems with the predictions' shape (no run needed); empty when all is well. */
export function predictionShapeProblems(lesson: Lesson): string[] {
  const out: string[] = [];
  const asked = lesson.steps.filter((s) => s.predict);
  if (asked.length === 0) out.push(`${lesson.id}: no step asks for a prediction`);
  lesson.steps.forEach((s, i) => {
    const p = s.predict;
    if (!p) return;
    const where = `${lesson.id} step ${i + 1}`;
    if (p.answers.length < 2 || p.answers.length > 4) out.push(`${where}: ${p.answers.length} answers (2 to 4 expected)`);
    const correct = p.answers.filter((a) => a.correct).length;
    if (correct !== 1) out.push(`${where}: ${correct} correct answers (exactly 1 expected)`);
    for (const [what, t] of [['question', p.question], ['why', p.why], ...p.answers.map((a, j) => [`answer ${j + 1}`, a.text] as const)] as const)
      if (!bilingual(t)) out.push(`${where}: ${what} is not in both English and Chinese`);
    if (i === lesson.steps.length - 1) out.push(`${where}: a prediction on the last step has nothing left to reveal`);
  });
  return out;
}

/** Problems with what the run reveals after each prediction; empty when all is well. */
export function predictionRevealProblems(lesson: Lesson, run: LessonRun): string[] {
  const out: string[] = [];
  const index = new Map(lesson.steps.flatMap((s, i) => (s.id ? [[s.id, i] as const] : [])));
  lesson.steps.forEach((s, i) => {
    if (!s.predict) return;
    const asked = run.steps[i].counts;
    const revealed = lesson.steps.slice(i + 1, i + 3).some((next, k) => {
      const j = i + 1 + k;
      if (!next.expect || !run.steps[j].expectations.every((e) => e.ok)) return false;
      const base = next.since !== undefined ? index.get(next.since) : undefined;
      // "Since the question, nothing new was lost": a claim about exactly what followed the prediction.
      if (base === i) return true;
      // A base after the question cannot be judged when it was asked.
      if (base !== undefined && base > i) return false;
      // Otherwise the claim must have been false when the question was asked.
      return !judge(next.expect, asked, base !== undefined ? run.steps[base].counts : undefined).every((e) => e.ok);
    });
    if (!revealed) out.push(`${lesson.id} step ${i + 1}: neither of the next two steps makes a claim that changes from false to true after the prediction, or one about what followed it`);
  });
  return out;
}
