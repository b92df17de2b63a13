/**
 * The lesson player's view: a Lessons menu for the top bar, and the narration
 * band under the transport (step n/N, Previous/Next, presenter mode). Keys:
 * PageDown/N next, PageUp/B previous, P presenter mode; in presenter mode the
 * arrow keys move through the lesson too, as presentation clickers send them.
 * The lab's own keys keep working otherwise.
 */
import { useEffect, useRef } from 'react';
import { useStore } from 'zustand';
import { useLab, useLabStore } from '../state/LabProvider.tsx';
import { lessonPlayer, type LessonPlayer } from '../state/lessonPlayer.ts';
import { loadPreset } from '../state/presets.ts';
import { LESSONS, lessonById, type Lesson } from '../lessons/index.ts';
import { lessonT, pick } from './lessonText.ts';
import type { Highlight } from '../lessons/types.ts';
import { LessonIndex } from './LessonIndex.tsx';
import { PredictionCard } from './PredictionCard.tsx';
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
  const menu = useStore(player.store, (s) => s.menu);
  const notify = useNotify();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!menu) return;
    const off = (e: PointerEvent) => {
      if (!ref.current?.contains(e.target as Node)) player.store.setState({ menu: false });
    };
    const esc = (e: KeyboardEvent) => {
      if (e.key === 'Escape') player.store.setState({ menu: false });
    };
    window.addEventListener('pointerdown', off);
    window.addEventListener('keydown', esc);
    ref.current?.querySelector<HTMLElement>('[role=menuitem]')?.focus();
    return () => {
      window.removeEventListener('pointerdown', off);
      window.removeEventListener('keydown', esc);
    };
  }, [menu, player]);
  return (
    <div className="lesson-menu-wrap" ref={ref}>
      <button type="button" className="btn" aria-haspopup="menu" aria-expanded={menu} onClick={() => player.store.setState({ menu: !menu })} data-testid="lessons">
        {lessonT(lang, 'lessons')}
      </button>
      {menu && (
        <div className="lesson-menu" role="menu" aria-label={lessonT(lang, 'choose')}>
          <LessonIndex onOpen={(l) => void openLesson(player, l, notify)} />
        </div>
      )}
    </div>
  );
}

const isTyping = (el: HTMLElement) => !!el.closest('input, select, textarea, [role="menu"]');

function highlightCss(h: Highlight | undefined): string {
  if (!h) return '';
  const sel: string[] = [];
  if (h.panel) sel.push(`.lab .panel.${h.panel}`);
  if (h.partition) sel.push(`[data-testid="partition-${h.partition}"]`);
  if (h.count) sel.push(`[data-testid="count-${h.count}"]`);
  const out = sel.length ? `${sel.join(', ')} { outline: 4px solid var(--focus); outline-offset: 2px; border-radius: 8px; }` : '';
  return h.broker ? `${out} [data-testid="broker-b${h.broker}"] rect { stroke: var(--focus); stroke-width: 6; }` : out;
}

/** The narration band: shown while a lesson is open. */
export function LessonPanel() {
  const lab = useLabStore();
  const player = lessonPlayer(lab);
  const lang = useLab((s) => s.lang);
  const notify = useNotify();
  const { lesson, index, pending, presenter } = useStore(player.store);

  // ?lesson=<id> opens a lesson at start (a teacher's bookmark; the browser tests).
  useEffect(() => {
    const id = new URLSearchParams(location.search).get('lesson');
    if (!id) return;
    const l = lessonById(id);
    if (!l) return notify('URL ?lesson', `no lesson "${id}"; known: ${LESSONS.map((x) => x.id).join(', ')}`);
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

  useEffect(() => {
    if (!lesson) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target as HTMLElement)) return;
      const pres = player.store.getState().presenter;
      const k = e.key;
      if (k === 'PageDown' || k === 'n' || k === 'N' || (pres && k === 'ArrowRight')) player.next();
      else if (k === 'PageUp' || k === 'b' || k === 'B' || (pres && k === 'ArrowLeft')) player.prev();
      else if (k === 'p' || k === 'P') player.store.setState({ presenter: !pres });
      else return;
      // Ahead of the lab's own keys (registered on window, bubbling): the arrows step the lesson, not the run.
      e.preventDefault();
      e.stopImmediatePropagation();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [lesson, player]);

  if (!lesson) return null;
  const n = lesson.steps.length;
  const step = index >= 0 ? lesson.steps[index] : null;
  const following = lesson.steps[index + 1];
  const when = following ? ('at' in following.trigger ? lessonT(lang, 'atTime', { s: (following.trigger.at / 1000).toFixed(1) }) : lessonT(lang, 'atEvent', { event: following.trigger.event.type === 'consumer' ? String(following.trigger.event.what) : following.trigger.event.type })) : '';
  return (
    <section className="lesson" aria-label={pick(lang, lesson.title)} data-testid="lesson" data-step={index + 1} data-steps={n} data-pending={pending ? pending.step + 1 : ''}>
      <style>{highlightCss(step?.highlight)}</style>
      <div className="lesson-head">
        <h2 className="lesson-title">{pick(lang, lesson.title)}</h2>
        <span className="lesson-count" data-testid="lesson-count">
          {index >= 0 ? lessonT(lang, 'step', { n: index + 1, total: n }) : lessonT(lang, 'loading')}
        </span>
        <button type="button" className="btn" onClick={() => player.prev()} disabled={index <= 0 || !!pending} data-testid="lesson-prev" title="PageUp">
          ← {lessonT(lang, 'prev')}
        </button>
        <button type="button" className="btn primary" onClick={() => player.next()} disabled={index + 1 >= n || !!pending} data-testid="lesson-next" title="PageDown">
          {lessonT(lang, 'next')} →
        </button>
        <label className="lesson-presenter-toggle">
          <input type="checkbox" checked={presenter} onChange={(e) => player.store.setState({ presenter: e.target.checked })} data-testid="lesson-presenter" />
          {lessonT(lang, 'presenter')}
        </label>
        <button type="button" className="btn small" onClick={() => void openLesson(player, lesson, notify)} data-testid="lesson-restart">
          {lessonT(lang, 'restart')}
        </button>
        <button type="button" className="btn small" onClick={() => player.close()} aria-label={lessonT(lang, 'close')} data-testid="lesson-close">
          ✕
        </button>
      </div>
      <p className="lesson-text" data-testid="lesson-text" aria-live="polite">
        {step ? pick(lang, step.text) : pick(lang, lesson.summary)}
      </p>
      <PredictionCard />
      <p className="lesson-foot">
        <span>{pending ? lessonT(lang, 'playing') : following ? lessonT(lang, 'nextAt', { when }) : index >= 0 ? lessonT(lang, 'end') : ''}</span>
        <span className="lesson-keys">{lessonT(lang, 'keys')}</span>
      </p>
    </section>
  );
}
