/**
 * A message's story: each step of its life on each replica and the events
 * that doomed it, in the lab's language. Each step's time seeks the run to
 * that moment; the record stays outlined on the logs, and the step the run
 * is at is marked.
 */
import { useEffect, useRef } from 'react';
import { useLab } from '../state/LabProvider.tsx';
import { formatMs, stepText } from '../i18n/index.ts';
import { useT } from './hooks.ts';

export function StoryPanel() {
  const t = useT();
  const story = useLab((s) => s.story);
  const lang = useLab((s) => s.lang);
  const send = useLab((s) => s.send);
  const set = useLab((s) => s.set);
  const ref = useRef<HTMLElement>(null);
  // The last step at or before the run's time: one number, so the panel re-renders only when it changes.
  const at = useLab((s) => {
    const now = s.snap?.t ?? 0;
    let i = -1;
    s.story?.steps.forEach((x, j) => {
      if (x.t <= now) i = j;
    });
    return i;
  });
  useEffect(() => {
    ref.current?.scrollIntoView({ block: 'nearest' });
  }, [story?.message]);
  if (!story) return null;
  return (
    <section ref={ref} className="panel story" aria-label={t('story.title', { m: story.message })} data-testid="story" tabIndex={-1}>
      <div className="story-head">
        <h2>
          {t('story.title', { m: story.message })} <span className={`tag k-${story.kind ?? 'ok'}`}>{story.kind ? t(`kind.${story.kind}`) : t('story.kindNone')}</span>
        </h2>
        <button type="button" className="btn small" onClick={() => set({ story: null })} aria-label={t('story.close')}>
          ✕
        </button>
      </div>
      <ol className="steps">
        {story.steps.map((s, i) => (
          <li key={i} className={`step c-${s.code}${i === at ? ' now' : ''}`} aria-current={i === at ? 'step' : undefined}>
            <button type="button" className="time" onClick={() => send({ type: 'seek', t: s.t })} title={t('events.seek', { t: formatMs(s.t) })} data-testid={`story-step-${i}`} data-t={s.t}>
              {formatMs(s.t)}
            </button>
            <span>{stepText(lang, s)}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
