/**
 * "Open in the full lab": the link always carries the widget's whole run as a
 * share link (src/share/link.ts: the preset or the scenario itself, seed,
 * command log, moment, lesson and step, language), so the lab opens what the
 * widget shows however the link is followed (click, middle-click, keyboard,
 * "copy link address"). The href is rewritten whenever the run, its moment,
 * the lesson step or the language changes; encoding is asynchronous
 * (CompressionStream), so a link followed in the few milliseconds before the
 * newest href lands waits for it (followRun) instead of opening an old one.
 * The share code loads when a reader first reaches for the widget (pointer
 * or focus inside it, which any way of following the link passes through):
 * a widget that is only watched never downloads it.
 */
import type { LabState, LabStore } from '../state/labStore.ts';
import type { LabSnapshot } from '../engine/checker/snapshot.ts';
import { PRESETS } from '../state/presets.ts';
import { lessonPlayer } from '../state/lessonPlayer.ts';
import { labRoot, presetJson } from './scenarioSource.ts';

export function fullLabUrl(s: Pick<LabState, 'presetId' | 'lang'>, extra: { lesson?: string | null } = {}): string {
  const q = new URLSearchParams();
  if (extra.lesson) q.set('lesson', extra.lesson);
  else if (PRESETS.some((p) => p.id === s.presetId)) q.set('scenario', s.presetId);
  q.set('lang', s.lang);
  return new URL(`index.html?${q}`, labRoot()).href;
}

type RunState = Pick<LabState, 'presetId' | 'lang' | 'run'> & { snap: Pick<LabSnapshot, 't'> | null };
/** The lesson on screen and its step (0-based, -1 before the first), as a run file names them. */
type LessonAt = { id: string; step: number } | null;

/** Per run record (a new one on every change of the run): the preset it is, if it still is one. */
const presetOf = new WeakMap<object, { id: string; preset: string | undefined }>();

/** The run on screen as share-link parameters, or null when there is no run yet or it is too long for a URL. */
export async function runQuery(s: RunState, lesson: LessonAt = null): Promise<string | null> {
  if (!s.run) return null;
  const [{ fromRunRecord, isPresetScenario }, { encodeRun }] = await Promise.all([import('../share/runRecord.ts'), import('../share/link.ts')]);
  // Named by its preset only while the run still is that preset's scenario (a new-run config change makes it its own).
  let known = presetOf.get(s.run);
  if (!known || known.id !== s.presetId) {
    const presetRaw = PRESETS.some((p) => p.id === s.presetId) ? await presetJson(s.presetId).catch(() => undefined) : undefined;
    known = { id: s.presetId, preset: presetRaw !== undefined && isPresetScenario(s.run.raw, presetRaw) ? s.presetId : undefined };
    presetOf.set(s.run, known);
  }
  const preset = known.preset;
  const step = lesson && lesson.step >= 0 ? lesson.step : undefined;
  const enc = await encodeRun(fromRunRecord(s.run, { t: s.snap?.t ?? 0, preset, lang: s.lang, lesson: lesson?.id, step }));
  return enc.ok ? enc.query : null;
}

/** The run on screen as a link into the full lab (the preset or lesson and language alone when the run is too long for a URL). */
export async function runLink(s: RunState, lesson: LessonAt, fallbackLesson: string | null): Promise<string> {
  const q = await runQuery(s, lesson);
  return q ? new URL(`index.html?${q}`, labRoot()).href : fullLabUrl(s, { lesson: lesson?.id ?? fallbackLesson });
}

export interface RunHref {
  /** Starts keeping the href in step (loads the share code); idempotent. */
  wake(): void;
  /** True while the newest change is not yet in the href. */
  stale(): boolean;
  /** The href once it holds the newest change. */
  settled(): Promise<string>;
  stop(): void;
}

/**
 * Keeps `write(href)` in step with the run once woken: recomputed on every
 * change of the run, its moment, the lesson step, the language or the
 * preset; one encoding at a time, and the last change always lands. Until
 * then the href names the preset or lesson and the language, and is stale
 * as soon as there is a run.
 */
export function keepRunHref(lab: LabStore, fallbackLesson: string | null, write: (href: string) => void): RunHref {
  const player = lessonPlayer(lab);
  let wanted = 0;
  let written = 0;
  let stopped = false;
  let href = fullLabUrl(lab.getState(), { lesson: fallbackLesson });
  let running: Promise<void> | null = null;
  let awake = false;
  write(href);
  const lessonAt = (): LessonAt => {
    const p = player.store.getState();
    return p.lesson ? { id: p.lesson.id, step: p.index } : null;
  };
  const loop = async () => {
    while (!stopped && written < wanted) {
      const n = wanted;
      try {
        href = await runLink(lab.getState(), lessonAt(), fallbackLesson);
      } catch {
        href = fullLabUrl(lab.getState(), { lesson: lessonAt()?.id ?? fallbackLesson });
      }
      if (stopped) return;
      write(href);
      written = n;
    }
    running = null;
  };
  const changed = () => {
    wanted++;
    if (awake) running ??= loop();
  };
  const wake = () => {
    if (awake) return;
    awake = true;
    if (written < wanted) running ??= loop();
  };
  const unsubs = [
    lab.subscribe((s, p) => (s.run !== p.run || s.snap?.t !== p.snap?.t || s.lang !== p.lang || s.presetId !== p.presetId) && changed()),
    player.store.subscribe((s, p) => (s.lesson !== p.lesson || s.index !== p.index) && changed()),
  ];
  changed();
  return {
    wake,
    stale: () => written < wanted,
    settled: async () => {
      wake();
      while (running) await running;
      return href;
    },
    stop() {
      stopped = true;
      unsubs.forEach((u) => u());
    },
  };
}

/**
 * Follows the link: when its href already holds the newest run the browser
 * does it as usual; otherwise the default is held back and the settled href is
 * opened in a new tab (the reader's gesture still counts a few seconds later).
 */
export function followRun(e: MouseEvent, keeper: RunHref): void {
  if (!keeper.stale() || (e.type === 'auxclick' && e.button !== 1)) return;
  e.preventDefault();
  void keeper.settled().then((href) => window.open(href, '_blank', 'noopener'));
}
