/**
 * The lesson player's view: a Lessons menu for the top bar (↑/↓/Home/End
 * move, Esc closes), and the narration band under the transport (step n/N,
 * Previous/Next, presenter mode). Keys come from the lab's keymap (keymap.ts):
 * PageDown/→ next, PageUp/← previous, whatever has focus. When a lesson opens,
 * focus moves into the band. The step's highlight marks the lab's elements
 * with a data attribute (no injected <style>: the page runs under a strict CSP).
 */
import { useEffect, useRef, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { useStore } from 'zustand';
import { useLab, useLabStore } from '../state/LabProvider.tsx';
import { lessonPlayer, type LessonPlayer } from '../state/lessonPlayer.ts';
import { loadPreset } from '../state/presets.ts';
import { LESSONS, lessonById, type Lesson } from '../lessons/index.ts';
import { pick } from './lessonText.ts';
import type { TraceMatch } from '../engine/checker/traceMatch.ts';
import { useT, type T } from './hooks.ts';
import { keysHelp } from './keymap.ts';
import { stageOf, useStage } from './stage.ts';
import { LessonIndex } from './LessonIndex.tsx';
import { PredictionCard } from './PredictionCard.tsx';
import { useLessonHighlight } from './lessonHighlight.ts';
import './lessons.css';

function usePlayer(): LessonPlayer {
  return lessonPlayer(useLabStore());
}

async function openLesson(player: LessonPlayer, lesson: Lesson, notify: (where: string, reason: string) => void) {
  try {
    const scenario = 'file' in lesson.scenario ? await loadPreset({ id: lesson.id, label: lesson.id, file: String(lesson.scenario.file) }) : lesson.scenario;
    player.open(lesson, scenario);
  } catch (e) {
    notify(lesson.id, e instanceof Error ? e.message : String(e));
  }
}

function useNotify() {
  const notify = useLab((s) => s.notify);
  return (where: string, reason: string) => notify({ tone: 'error', key: 'error.generic', vars: { where, reason } });
}

/** The top bar's entry: a button opening the list of lessons. */
export function LessonsButton() {
  const player = usePlayer();
  const lang = useLab((s) => s.lang);
  const t = useT();
  const menu = useStore(player.store, (s) => s.menu);
  const notify = useNotify();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!menu) return;
    const off = (e: PointerEvent) => {
      if (!ref.current?.contains(e.target as Node)) player.store.setState({ menu: false });
    };
    window.addEventListener('pointerdown', off);
    ref.current?.querySelector<HTMLElement>('[role=menuitem]')?.focus();
    return () => window.removeEventListener('pointerdown', off);
  }, [menu, player]);
  const onMenuKey = (e: ReactKeyboardEvent) => {
    const items = [...(ref.current?.querySelectorAll<HTMLElement>('[role=menuitem]') ?? [])];
    const i = items.indexOf(document.activeElement as HTMLElement);
    let j: number;
    if (e.key === 'ArrowDown') j = (i + 1) % items.length;
    else if (e.key === 'ArrowUp') j = (i - 1 + items.length) % items.length;
    else if (e.key === 'Home') j = 0;
    else if (e.key === 'End') j = items.length - 1;
    else if (e.key === 'Escape' || e.key === 'Tab') {
      player.store.setState({ menu: false });
      if (e.key === 'Escape') {
        e.preventDefault();
        ref.current?.querySelector<HTMLElement>('[data-testid=lessons]')?.focus();
      }
      return;
    } else return;
    e.preventDefault();
    items[j]?.focus();
  };
  return (
    <div className="lesson-menu-wrap" ref={ref}>
      <button type="button" className="btn" aria-haspopup="menu" aria-expanded={menu} onClick={() => player.store.setState({ menu: !menu })} data-testid="lessons">
        {t('lesson.lessons')}
      </button>
      {menu && (
        <div className="lesson-menu" role="menu" aria-label={t('lesson.choose')} onKeyDown={onMenuKey}>
          <LessonIndex onOpen={(l) => void openLesson(player, l, notify)} />
        </div>
      )}
    </div>
  );
}

/** The lab's elements a step points at. */
/** "the next leader election on orders-0": what the lesson waits for, in words (never an event id). */
function eventWords(t: T, m: TraceMatch): string {
  const v: Record<string, string | number> = {};
  for (const [k, x] of Object.entries(m)) if (typeof x === 'string' || typeof x === 'number') v[k] = x;
  if (m.type === 'consumer') {
    const what = String(m.what ?? '');
    const known = ['commit-failed', 'poll-timeout', 'stalled', 'revoked'] as const;
    const hit = known.find((k) => k === what);
    return t(hit ? `lessonEvent.consumer.${hit}` : 'lessonEvent.any', v);
  }
  const known = ['leader-elected', 'isr-changed', 'truncated', 'produce-error', 'broker-fenced', 'partition-offline'] as const;
  const hit = known.find((k) => k === m.type);
  return t(hit ? `lessonEvent.${hit}` : 'lessonEvent.any', v);
}

/** The narration band: shown while a lesson is open. */
export function LessonPanel() {
  const lab = useLabStore();
  const player = lessonPlayer(lab);
  const lang = useLab((s) => s.lang);
  const notify = useNotify();
  const t = useT();
  const { lesson, index, pending, revealed } = useStore(player.store);
  const presenter = useStage((s) => s.presenter);
  const head = useRef<HTMLHeadingElement>(null);

  // ?lesson=<id> opens a lesson at start (a teacher's bookmark; the browser tests).
  useEffect(() => {
    const q = new URLSearchParams(location.search);
    const id = q.get('lesson');
    // A share link (?seed= or ?run=) carries its lesson and step itself (main.tsx resumes it).
    if (!id || q.has('seed') || q.has('run')) return;
    const l = lessonById(id);
    if (!l) return notify('URL ?lesson', t('notice.unknownLesson', { value: id, known: LESSONS.map((x) => x.id).join(', ') }));
    // After the lab's first scenario has loaded, so the lesson's load comes after it.
    if (lab.getState().info) return void openLesson(player, l, notify);
    const off = lab.subscribe((s) => {
      if (!s.info) return;
      off();
      void openLesson(player, l, notify);
    });
    return off;
    // Once per mount.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [player]);

  useEffect(() => {
    document.documentElement.classList.toggle('lesson-open', !!lesson);
    return () => document.documentElement.classList.remove('lesson-open');
  }, [lesson]);

  useEffect(() => {
    document.documentElement.classList.toggle('lesson-presenter', presenter && !!lesson);
    return () => document.documentElement.classList.remove('lesson-presenter');
  }, [presenter, lesson]);

  // Focus moves into the band when a lesson opens (keyboard and screen-reader users land on it).
  const lessonId = lesson?.id;
  useEffect(() => {
    if (lessonId) head.current?.focus();
  }, [lessonId]);

  const step = lesson && index >= 0 ? lesson.steps[index] : null;
  useLessonHighlight(lab, step?.highlight, () => document, '.lab ');

  if (!lesson) return null;
  const n = lesson.steps.length;
  const following = lesson.steps[index + 1];
  const when = following ? ('at' in following.trigger ? t('lesson.atTime', { s: (following.trigger.at / 1000).toFixed(1) }) : eventWords(t, following.trigger.event)) : '';
  return (
    <section className="lesson" aria-label={pick(lang, lesson.title)} data-testid="lesson" data-step={index + 1} data-steps={n} data-pending={pending ? pending.step + 1 : ''}>
      <div className="lesson-head">
        <h2 className="lesson-title" ref={head} tabIndex={-1}>
          {pick(lang, lesson.title)}
        </h2>
        <span className="lesson-count" data-testid="lesson-count">
          {index >= 0 ? t('lesson.step', { n: index + 1, total: n }) : t('lesson.loading')}
        </span>
        <button type="button" className="btn" onClick={() => player.prev()} disabled={index <= 0 || !!pending} data-testid="lesson-prev" aria-keyshortcuts="PageUp ArrowLeft">
          ← {t('lesson.prev')}
        </button>
        <button type="button" className="btn primary" onClick={() => player.next()} disabled={index + 1 >= n || !!pending} data-testid="lesson-next" aria-keyshortcuts="PageDown ArrowRight">
          {lesson.steps[index]?.predict && !revealed[index] ? t('lesson.predict.reveal') : t('lesson.next')} →
        </button>
        <label className="lesson-presenter-toggle">
          <input type="checkbox" checked={presenter} onChange={(e) => stageOf(lab).setState({ presenter: e.target.checked })} data-testid="lesson-presenter" />
          {t('lesson.presenter')}
        </label>
        <button type="button" className="btn small" onClick={() => void openLesson(player, lesson, notify)} data-testid="lesson-restart">
          {t('lesson.restart')}
        </button>
        <button type="button" className="btn small" onClick={() => player.close()} aria-label={t('lesson.close')} data-testid="lesson-close">
          ✕
        </button>
      </div>
      <p className="lesson-text" data-testid="lesson-text" aria-live="polite">
        {step ? pick(lang, step.text) : pick(lang, lesson.summary)}
      </p>
      <PredictionCard />
      <p className="lesson-foot">
        <span>{pending ? t('lesson.playing') : following ? t('lesson.nextAt', { when }) : index >= 0 ? t('lesson.end') : ''}</span>
        <span className="lesson-keys">{keysHelp(t)}</span>
      </p>
    </section>
  );
}
