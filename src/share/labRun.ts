/**
 * The lab's run and the page: the run the lab shows as a RunFile (what Share,
 * Save run and the URL carry), and a run read from a link or a file turned
 * into what the engine replays. The URL is kept in step with the run by
 * history.replaceState, at most once a second (never per frame).
 */
import type { LabStore } from '../state/labStore.ts';
import { PRESETS, loadPreset } from '../state/presets.ts';
import { lessonPlayer } from '../state/lessonPlayer.ts';
import { stageOf } from '../view/stage.ts';
import { LESSONS } from '../lessons/index.ts';
import type { RunRecord } from '../timeline/timeline.ts';
import { encodeRun, RUN_PARAMS } from './link.ts';
import { fromRunRecord, isPresetScenario, toRunRecord } from './runRecord.ts';
import { isPresetRef, runProblem, type Result, type RunFile } from './runFile.ts';

const presetRaw = new Map<string, unknown>();

/** A preset's scenario JSON (fetched once, kept: a link names presets by id). */
export async function presetJSON(id: string): Promise<unknown> {
  if (presetRaw.has(id)) return presetRaw.get(id);
  const p = PRESETS.find((x) => x.id === id);
  if (!p) return undefined;
  const raw = await loadPreset(p);
  presetRaw.set(id, raw);
  return raw;
}

/** What the engine replays for a run: its record, the moment, and the label the preset menu shows. */
export interface Opened {
  record: RunRecord;
  t: number;
  presetId: string;
  run: RunFile;
}

/** A run (from a link or a file) checked against its scenario and ready to restore. */
export async function openRun(run: RunFile, label: string): Promise<Result<Opened>> {
  let presetId = label;
  if (isPresetRef(run.scenario)) {
    presetId = run.scenario.preset;
    try {
      await presetJSON(presetId);
    } catch (e) {
      return { ok: false, problem: runProblem('preset-unavailable', { value: presetId, reason: e instanceof Error ? e.message : String(e) }, 'scenario.preset') };
    }
  }
  const rec = toRunRecord(run, (id) => presetRaw.get(id));
  if (!rec.ok) return rec;
  return { ok: true, value: { record: rec.value, t: run.t, presetId, run } };
}

/** The run the lab shows now, as a run file (null before the engine has loaded one). */
export function currentRun(lab: LabStore): RunFile | null {
  const s = lab.getState();
  if (!s.run) return null;
  const id = s.presetId;
  const preset = PRESETS.some((p) => p.id === id) && presetRaw.has(id) && isPresetScenario(s.run.raw, presetRaw.get(id)) ? id : undefined;
  const player = lessonPlayer(lab).store.getState();
  const lesson = player.lesson ? player.lesson.id : undefined;
  return fromRunRecord(s.run, {
    t: s.snap?.t ?? 0,
    preset,
    lesson,
    step: lesson && player.index >= 0 ? player.index : undefined,
    lang: s.lang,
    presenter: stageOf(lab).getState().presenter,
  });
}

/** The page's URL with this run's parameters (other parameters, such as ?worker=0, kept). */
export async function runUrl(run: RunFile): Promise<{ ok: true; url: string } | { ok: false; length: number; max: number }> {
  const e = await encodeRun(run);
  const keep = new URLSearchParams(location.search);
  for (const p of RUN_PARAMS) keep.delete(p);
  if (!e.ok) return { ok: false, length: e.length, max: Number(e.problem.args.max) };
  const rest = keep.toString();
  return { ok: true, url: `${location.pathname}?${e.query}${rest ? `&${rest}` : ''}${location.hash}` };
}

/** A lesson by id, when the run names one the lab has. */
export const lessonById = (id: string | undefined) => (id ? LESSONS.find((l) => l.id === id) : undefined);

/** Resolves just after the next frame is drawn (at once in a hidden page, which draws no frames). */
function afterFrame(): Promise<void> {
  if (typeof requestAnimationFrame !== 'function' || document.hidden) return Promise.resolve();
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

/**
 * Keeps the address bar holding the whole run: on every change of the run,
 * its moment, lesson step, language or presenter mode, at most once per
 * `everyMs` (the last change always lands). A run too long for a link leaves
 * only its preset in the URL (Share says why). Returns the stop function.
 */
export function syncUrl(lab: LabStore, everyMs = 1000): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let last = 0;
  let stopped = false;
  let written = '';
  const write = async () => {
    timer = null;
    last = Date.now();
    const run = currentRun(lab);
    if (!run || stopped) return;
    // A preset not yet fetched (loaded from the menu): fetch it once so the link can name it.
    if (PRESETS.some((p) => p.id === lab.getState().presetId) && !presetRaw.has(lab.getState().presetId)) {
      await presetJSON(lab.getState().presetId).catch(() => undefined);
      return schedule();
    }
    const u = await runUrl(run);
    if (stopped) return;
    const url = u.ok ? u.url : `${location.pathname}${location.hash}`;
    if (url !== written) {
      written = url;
      // Right after a frame is drawn, when layout is clean: a same-document navigation saves the scroll
      // position, and on a page laid out stale that forced a full layout inside this timer (12 ms while playing).
      await afterFrame();
      if (stopped) return;
      try {
        history.replaceState(history.state, '', url);
      } catch {
        /* a sandboxed page may refuse: the Share button still works */
      }
    }
  };
  const schedule = () => {
    if (timer || stopped) return;
    timer = setTimeout(() => void write(), Math.max(0, everyMs - (Date.now() - last)));
  };
  const unsubs = [lab.subscribe((s, p) => (s.run !== p.run || s.snap?.t !== p.snap?.t || s.lang !== p.lang || s.presetId !== p.presetId) && schedule()), lessonPlayer(lab).store.subscribe(schedule), stageOf(lab).subscribe(schedule)];
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    unsubs.forEach((u) => u());
  };
}
