/**
 * A lesson inside a widget (loaded on demand: the lessons are not in a
 * widget's first bytes): its scenario is loaded, the player walks to the
 * first step of the range (`from`, 1-based) as fast as it goes, and Next stops
 * at the last (`to`). The narration band is a small one: title, step n/N,
 * Previous/Next and the step's text.
 */
import { useEffect, useRef } from 'react';
import { useStore } from 'zustand';
import { useLab, useLabStore } from '../state/LabProvider.tsx';
import { lessonPlayer } from '../state/lessonPlayer.ts';
import { lessonById } from '../lessons/index.ts';
import { pick } from '../view/lessonText.ts';
import { useT } from '../view/hooks.ts';
import { MAX_SPEED } from '../timeline/protocol.ts';
import { loadPresetHere } from './scenarioSource.ts';
import type { WidgetApi } from './api.ts';
import { useLessonHighlight } from '../view/lessonHighlight.ts';

export interface LessonRange {
  id: string;
  from: number | null;
  to: number | null;
}

/** Opens the lesson once the lab runs; false if there is no such lesson. */
export async function openWidgetLesson(lab: ReturnType<typeof useLabStore>, range: LessonRange): Promise<boolean> {
  const lesson = lessonById(range.id);
  if (!lesson) return false;
  const player = lessonPlayer(lab);
  const scenario = 'file' in lesson.scenario ? await loadPresetHere({ id: lesson.id, label: lesson.id, file: String(lesson.scenario.file) }) : lesson.scenario;
  const first = Math.max(1, Math.min(range.from ?? 1, lesson.steps.length)) - 1;
  const speed = lab.getState().speed;
  if (first > 0) lab.getState().send({ type: 'speed', speed: MAX_SPEED });
  player.open(lesson, scenario);
  if (first === 0) return true;
  // Walk to the range's first step: each Next as soon as the previous step has been reached.
  const off = player.store.subscribe((s) => {
    if (s.pending || !s.lesson) return;
    if (s.index >= first) {
      off();
      lab.getState().send({ type: 'speed', speed });
      return;
    }
    if (s.index >= 0) player.next();
  });
  return true;
}

export function WidgetLesson({ to, api }: { to: number | null; api: WidgetApi }) {
  const lab = useLabStore();
  const player = lessonPlayer(lab);
  const lang = useLab((s) => s.lang);
  const t = useT();
  const { lesson, index, pending, revealed } = useStore(player.store);
  const ref = useRef<HTMLElement>(null);
  // Looked up in the widget's own root (its shadow root): never the host page, never another widget.
  useLessonHighlight(lab, index >= 0 ? lesson?.steps[index]?.highlight : undefined, () => ref.current?.closest('.kl-widget'));
  useEffect(() => {
    if (lesson && index >= 0) api.lessonStep({ id: lesson.id, step: index + 1, steps: lesson.steps.length });
  }, [api, lesson, index]);
  if (!lesson) return null;
  const n = lesson.steps.length;
  const last = Math.min(to ?? n, n);
  const step = index >= 0 ? lesson.steps[index] : null;
  const predict = step?.predict && !revealed[index];
  return (
    <section ref={ref} className="w-lesson" aria-label={pick(lang, lesson.title)} data-testid="lesson" data-step={index + 1} data-steps={n} data-pending={pending ? pending.step + 1 : ''}>
      <div className="w-lesson-head">
        <b className="w-lesson-title">{pick(lang, lesson.title)}</b>
        <span data-testid="lesson-count">{index >= 0 ? t('lesson.step', { n: index + 1, total: n }) : t('lesson.loading')}</span>
        <button type="button" className="btn small" onClick={() => player.prev()} disabled={index <= 0 || !!pending} data-testid="lesson-prev">
          ← {t('lesson.prev')}
        </button>
        <button type="button" className="btn small primary" onClick={() => player.next()} disabled={(!predict && index + 1 >= last) || !!pending} data-testid="lesson-next">
          {predict ? t('lesson.predict.reveal') : t('lesson.next')} →
        </button>
      </div>
      <p className="w-lesson-text" data-testid="lesson-text" aria-live="polite">
        {step ? pick(lang, step.text) : pick(lang, lesson.summary)}
      </p>
      {step?.predict && (
        <p className="w-lesson-text">
          <b>{pick(lang, step.predict.question)}</b>{' '}
          {revealed[index] ? step.predict.answers.filter((a) => a.correct).map((a) => pick(lang, a.text)).join(' · ') : ''}
        </p>
      )}
    </section>
  );
}
