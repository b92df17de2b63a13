/**
 * The lesson player of one lab: which lesson is open, at which step, and the
 * moments already reached. It acts only through the lab's commands: it loads
 * the lesson's scenario, plays with a pause-at for the next step's trigger
 * (a time, or a trace event), and at each step sends the step's actions as
 * fault/config commands, exactly as test/engine/lessons.test.ts drives the host.
 * The host says where its pause-at stopped the run; the player does not
 * search the trace for it. Going back seeks to a step already reached; the host's replay re-applies
 * the actions it logged there, so they are sent only once.
 * One player per lab store (a WeakMap), like the lab store itself.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { MAX_SPEED, type Command } from '../timeline/protocol.ts';
import type { LabStore } from './labStore.ts';
import type { Lesson } from '../lessons/types.ts';
import { recordProgress } from './lessonProgress.ts';
import { compareOf } from './compare.ts';

export interface LessonState {
  lesson: Lesson | null;
  /** The step shown (-1 while the lesson loads). */
  index: number;
  /** When each step was reached (simulated ms), once reached. */
  times: (number | undefined)[];
  /** The step being travelled to. */
  /** `hurry`: the speed to restore on arrival, once a second Next asked to go straight to the step (the run plays at max meanwhile). */
  pending: { step: number; via: 'play' | 'seek'; sawPlaying: boolean; hurry?: number } | null;
  presenter: boolean;
  /** The lesson list is open. */
  menu: boolean;
  /** Per step with a prediction: the answer chosen (index), and whether the answer is shown. */
  chosen: (number | undefined)[];
  revealed: boolean[];
}

export interface LessonPlayer {
  store: StoreApi<LessonState>;
  open(lesson: Lesson, scenario: unknown): void;
  /** Takes up a lesson at step `index`, the run already loaded at that step's moment `t` (a share link or run file). */
  resume(lesson: Lesson, index: number, t: number): void;
  close(): void;
  next(): void;
  prev(): void;
  /** Answers the current step's prediction (and reveals it). */
  answer(i: number): void;
}

const players = new WeakMap<LabStore, LessonPlayer>();

export function lessonPlayer(lab: LabStore): LessonPlayer {
  let p = players.get(lab);
  if (!p) players.set(lab, (p = createPlayer(lab)));
  return p;
}

function createPlayer(lab: LabStore): LessonPlayer {
  const store = createStore<LessonState>(() => ({ lesson: null, index: -1, times: [], pending: null, presenter: false, menu: false, chosen: [], revealed: [] }));
  const send = (c: Command) => lab.getState().send(c);
  const get = store.getState;
  const set = store.setState;

  /** Arms the host to stop at step k's trigger (reached after step k-1 at `after`). */
  const arm = (k: number, after: number) => {
    const l = get().lesson;
    const step = l?.steps[k];
    if (!step) return send({ type: 'pause-at', t: null });
    const trig = step.trigger;
    send('at' in trig ? { type: 'pause-at', t: trig.at } : { type: 'pause-at', t: null, event: trig.event, after });
  };

  /** A comparison a lesson step opened belongs to that step. */
  const closeLessonCompare = () => {
    const c = compareOf(lab);
    if (c.getState().byLesson) c.setState({ change: null, byLesson: false });
  };

  const arrive = (k: number, t: number) => {
    const l = get().lesson!;
    const times = get().times.slice();
    times[k] = t;
    set({ index: k, times, pending: null });
    recordProgress(l.id, k + 1, l.steps.length);
    const all = l.steps[k].actions ?? [];
    // A comparison opens each time the step is reached (it is not in the host's command log).
    for (const a of all) if (a.type === 'compare') compareOf(lab).setState({ change: a.change, byLesson: true, picking: false });
    const actions = all.filter((a) => a.type !== 'compare');
    // Already in the host's command log (a step reached again): its replay applied them.
    const logged = lab.getState().commands.filter((c) => c === t).length;
    if (logged < actions.length) for (const a of actions) send(a.type === 'fault' ? { type: 'fault', fault: a.fault } : { type: 'config', change: a.change });
    arm(k + 1, t);
  };

  const travel = (k: number) => {
    const l = get().lesson;
    if (!l || k < 0 || k >= l.steps.length) return;
    closeLessonCompare();
    const s = lab.getState();
    const now = s.snap?.t ?? 0;
    const trig = l.steps[k].trigger;
    const known = get().times[k] ?? ('at' in trig ? trig.at : undefined);
    if (known !== undefined && known < now) {
      set({ pending: { step: k, via: 'seek', sawPlaying: false } });
      send({ type: 'seek', t: known });
      return;
    }
    set({ pending: { step: k, via: 'play', sawPlaying: false } });
    send({ type: 'play' });
    arm(k, get().times[k - 1] ?? -1);
  };

  lab.subscribe((s, prev) => {
    const { pending, lesson } = get();
    if (!pending || !lesson || !s.snap) return;
    if (s.playing === prev.playing && s.snap.t === prev.snap?.t && s.stopped === prev.stopped) return;
    if (s.playing) {
      if (!pending.sawPlaying) set({ pending: { ...pending, sawPlaying: true } });
      return;
    }
    if (pending.via === 'play' && !pending.sawPlaying) return;
    const t = s.snap.t;
    const trig = lesson.steps[pending.step].trigger;
    let ok: boolean;
    if (pending.via === 'seek') ok = t === get().times[pending.step] || ('at' in trig && t === trig.at);
    // The host reports where its pause-at stopped the run (the time, or the moment of the matching trace event).
    else ok = s.stopped !== prev.stopped && s.stopped !== null && s.stopped.t === t && s.stopped.reason === ('at' in trig ? 'time' : 'event');
    if (pending.hurry !== undefined) send({ type: 'speed', speed: pending.hurry });
    if (ok) arrive(pending.step, t);
    else set({ pending: null }); // paused by hand, or the run ended first: the step stays where it was
  });

  return {
    store,
    open(lesson, scenario) {
      set({ lesson, index: -1, times: [], pending: null, menu: false, chosen: [], revealed: [] });
      send({ type: 'load', scenario });
      lab.getState().set({ presetId: `lesson:${lesson.id}` });
      travel(0);
    },
    resume(lesson, index, t) {
      const k = Math.max(-1, Math.min(index, lesson.steps.length - 1));
      const times: number[] = [];
      if (k >= 0) times[k] = t;
      set({ lesson, index: k, times, pending: null, menu: false, chosen: [], revealed: [] });
      lab.getState().set({ presetId: `lesson:${lesson.id}` });
      arm(k + 1, t);
    },
    close() {
      const hurry = get().pending?.hurry;
      if (hurry !== undefined) send({ type: 'speed', speed: hurry });
      if (get().lesson) send({ type: 'pause-at', t: null });
      closeLessonCompare();
      set({ lesson: null, index: -1, times: [], pending: null, presenter: false });
    },
    next() {
      const { index, pending, lesson, revealed } = get();
      // Pressed again while the step plays towards its stop at 1×: a teacher means "go on", so the run
      // hurries there at max speed; the host's pause-at still stops it exactly at the step's moment.
      if (pending?.via === 'play' && pending.hurry === undefined) {
        set({ pending: { ...pending, hurry: lab.getState().speed } });
        send({ type: 'speed', speed: MAX_SPEED });
      }
      if (pending) return;
      // A step that asks for a prediction waits: the first Next reveals the answer (the presenter's clicker), the next one moves on.
      if (lesson?.steps[index]?.predict && !revealed[index]) {
        const r = revealed.slice();
        r[index] = true;
        return set({ revealed: r });
      }
      travel(index + 1);
    },
    answer(i) {
      const { index, lesson, chosen, revealed } = get();
      const p = lesson?.steps[index]?.predict;
      if (!p || revealed[index] || i < 0 || i >= p.answers.length) return;
      const c = chosen.slice();
      const r = revealed.slice();
      c[index] = i;
      r[index] = true;
      set({ chosen: c, revealed: r });
    },
    prev() {
      const { index, pending } = get();
      if (pending || index <= 0) return;
      travel(index - 1);
    },
  };
}
