/**
 * Checks a lesson's predictions: their shape (2 to 4 answers, exactly one
 * correct, both languages) and, against a headless run, that the run reveals
 * something at that point. One of the next two steps must carry a claim that
 * did not hold yet when the question was asked (judged on the same `since`
 * base when that step came before the question, else on the counts then), and
 * that claim holds when its step is reached. So a prediction whose "why"
 * points at a count the run never moves fails here.
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
      if (!next.expect) return false;
      const base = next.since !== undefined ? index.get(next.since) : undefined;
      const before = base !== undefined && base <= i ? run.steps[base].counts : undefined;
      const heldThen = judge(next.expect, asked, before).every((e) => e.ok);
      const holdsNow = run.steps[j].expectations.every((e) => e.ok);
      return !heldThen && holdsNow;
    });
    if (!revealed) out.push(`${lesson.id} step ${i + 1}: neither of the next two steps makes a claim that changes from false to true after the prediction`);
  });
  return out;
}
