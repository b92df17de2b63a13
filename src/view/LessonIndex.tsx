/**
 * The Lessons menu's list: lessons grouped as producer, broker, consumer and
 * end to end, each with the learner's progress in this browser.
 */
import { useMemo } from 'react';
import { useLab } from '../state/LabProvider.tsx';
import { isDone, readProgress } from '../state/lessonProgress.ts';
import { LESSONS, type Lesson } from '../lessons/index.ts';
import { LESSON_GROUPS } from '../lessons/types.ts';
import { pick } from './lessonText.ts';
import { useT } from './hooks.ts';

export function LessonIndex({ onOpen }: { onOpen: (l: Lesson) => void }) {
  const lang = useLab((s) => s.lang);
  const t = useT();
  // Read when the menu opens (it mounts then): progress changes only while a lesson runs.
  const progress = useMemo(() => readProgress(), []);
  const done = LESSONS.filter((l) => isDone(progress[l.id])).length;
  let n = 0;
  return (
    <>
      <p className="lesson-progress-summary" data-testid="lesson-progress-summary" data-done={done}>
        {t('lesson.progress.summary', { done, total: LESSONS.length })}
      </p>
      {LESSON_GROUPS.map((g) => (
        <div key={g} className="lesson-group" role="group" aria-labelledby={`lesson-group-${g}`} data-testid={`lesson-group-${g}`}>
          <h3 id={`lesson-group-${g}`} className="lesson-group-title">
            {t(`lesson.group.${g}`)}
          </h3>
          {LESSONS.filter((l) => l.group === g).map((l) => {
            const p = progress[l.id];
            const state = isDone(p) ? 'done' : p ? 'started' : 'new';
            const label = state === 'done' ? t('lesson.progress.done') : p ? t('lesson.progress.step', { n: p.step, total: p.steps }) : t('lesson.progress.new');
            return (
              <button key={l.id} type="button" role="menuitem" tabIndex={-1} className={`lesson-item ${state}`} onClick={() => onOpen(l)} data-testid={`lesson-${l.id}`} data-progress={state}>
                <b>
                  {++n}. {pick(lang, l.title)} <small className="lesson-progress">{state === 'done' ? '✓ ' : ''}{label}</small>
                </b>
                <span>{pick(lang, l.summary)}</span>
              </button>
            );
          })}
        </div>
      ))}
    </>
  );
}
