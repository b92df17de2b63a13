/**
 * One lab's state: what its engine host last sent, plus view-only choices
 * (language, the open story, the selected partition). A vanilla zustand store
 * created per lab instance (see LabProvider), so two labs on a page never share state.
 * The view reads only this store; it acts by sending commands.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ChartSample, Command, HostEvent, PartitionPatch, RunRecord, ScenarioInfo, SnapshotPatch, Stopped } from '../timeline/protocol.ts';
import type { LabSnapshot, PartitionSnap, ReplicaSnap } from '../engine/checker/snapshot.ts';
import { thinSamples } from '../timeline/chartHistory.ts';
import type { TraceEvent } from '../engine/core/trace.ts';
import type { StoryStep } from '../engine/checker/story.ts';
import type { AnomalyKind } from '../engine/checker/checker.ts';
import type { Lang, MessageKey } from '../i18n/index.ts';
import type { RunProblem } from '../share/runFile.ts';

export interface StoryView {
  message: number;
  kind: AnomalyKind | null;
  partition: string;
  key: string | null;
  steps: StoryStep[];
  /** Simulated time the story was told at. */
  at: number;
}

export interface Notice {
  id: number;
  tone: 'error' | 'info';
  /** A catalog key and its values. */
  key: MessageKey;
  vars?: Record<string, string | number>;
  /** A refusal's problem code and args from the engine, said in the reader's language (vars.reason is its English). */
  problem?: { code: string; args: Record<string, string | number> };
  /** A refused share link or run file (src/share/runFile.ts), said in the reader's language: vars.problem is filled from it. */
  run?: RunProblem;
}

export interface LabState {
  engine: 'starting' | 'worker' | 'main-thread';
  info: ScenarioInfo | null;
  snap: LabSnapshot | null;
  /**
   * The snapshot the text panels show (clock, counters, fates, producer and
   * group lines, partition summary rows): `snap`, but while a run plays
   * refreshed at most every TEXT_MS of wall time (every other frame at 60 Hz).
   * Text sized by its content re-lays out the whole page when it changes
   * (containment cannot bound a flex or grid item's relayout), ~4 ms a frame;
   * halving that keeps frames under budget. The moving things (flights, the
   * charts' now line, the timeline) follow `snap` every frame. Paused, at a
   * pause-at or the run's end, and on the update that answers a command the
   * user sent (seek, step, a fault, config: Update.answers), it is `snap`
   * itself, exact at once.
   */
  textSnap: LabSnapshot | null;
  playing: boolean;
  speed: number;
  horizon: number;
  commands: number[];
  /**
   * The newest trace events. Appended to in place (a new array per update
   * copied up to MAX_TRACE events every frame: garbage the collector paid
   * for in long pauses): select `traceVersion` to follow it, never its identity.
   */
  trace: TraceEvent[];
  /** Trace index of trace[0]. */
  traceBase: number;
  /** Bumped whenever `trace` changes. */
  traceVersion: number;
  samples: ChartSample[];
  notices: Notice[];
  story: StoryView | null;
  lang: Lang;
  /** Broker whose action menu is open. */
  menu: string | null;
  presetId: string;
  /** The run as plain data (scenario and command log): what the supervisor rebuilds it from if the engine dies. */
  run: RunRecord | null;
  /** Where playing last stopped by itself (a pause-at), as the host reported it; a new object each time. */
  stopped: Stopped | null;
  /** The preset or file name a load was asked for: it becomes presetId only when the host has loaded it. */
  pendingPresetId: string | null;
}

export interface LabActions {
  send(c: Command): void;
  receive(e: HostEvent): void;
  notify(n: Omit<Notice, 'id'>): void;
  dismiss(id: number): void;
  set(p: Partial<LabState>): void;
}

export type LabStore = StoreApi<LabState & LabActions>;

const MAX_TRACE = 20000;
/** Wall ms between text refreshes while playing: under two frames at 60 Hz, so every other frame. */
const TEXT_MS = 30;
const wallNow = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());
const TRIM = 2000;
let noticeId = 1;

export function createLabStore(send: (c: Command) => void, lang: Lang, now: () => number = wallNow): LabStore {
  let textAt = Number.NEGATIVE_INFINITY;
  return createStore<LabState & LabActions>()((set, get) => ({
    engine: 'starting',
    info: null,
    snap: null,
    textSnap: null,
    playing: false,
    speed: 1,
    horizon: 0,
    commands: [],
    trace: [],
    traceBase: 0,
    traceVersion: 0,
    samples: [],
    notices: [],
    story: null,
    lang,
    menu: null,
    presetId: 'first-look',
    run: null,
    stopped: null,
    pendingPresetId: null,
    send: (c) => send(c),
    set: (p) => set(p),
    notify: (n) => set({ notices: [...get().notices.slice(-3), { ...n, id: noticeId++ }] }),
    dismiss: (id) => set({ notices: get().notices.filter((n) => n.id !== id) }),
    receive: (e) => {
      const s = get();
      switch (e.type) {
        case 'loaded':
          set({ info: e.info, trace: [], traceBase: 0, traceVersion: s.traceVersion + 1, samples: [], story: null, menu: null, presetId: s.pendingPresetId ?? s.presetId, pendingPresetId: null });
          return;
        case 'update': {
          let { trace, traceBase, traceVersion } = s;
          const end = traceBase + trace.length;
          if (e.traceFrom < end || e.events.length > 0) {
            if (e.traceFrom > end || e.traceFrom < traceBase) {
              trace = e.events.slice();
              traceBase = e.traceFrom;
            } else {
              // In place: cut what the host replaces (a seek back), then append.
              trace.length = e.traceFrom - traceBase;
              for (const ev of e.events) trace.push(ev);
            }
            // Trimmed in steps of TRIM events, so the front is moved once per TRIM events, not every frame.
            if (trace.length > MAX_TRACE + TRIM) {
              const drop = trace.length - MAX_TRACE;
              trace.splice(0, drop);
              traceBase += drop;
            }
            traceVersion++;
          }
          let samples = s.samples;
          if (e.samplesFrom < Number.MAX_SAFE_INTEGER || e.samples.length) {
            samples = samples.filter((x) => x.t < e.samplesFrom).concat(e.samples);
            samples = thinSamples(samples);
          }
          const snap = mergeSnapshot(s.snap, e.snapshot);
          const wall = now();
          // Text is exact when paused, on an answer to the user (Update.answers), after a seek back, and every TEXT_MS while playing.
          const exact = !e.playing || !s.playing || !s.textSnap || e.answers !== undefined || snap.t < s.textSnap.t || wall - textAt >= TEXT_MS;
          if (exact) textAt = wall;
          set({
            snap,
            textSnap: exact ? snap : s.textSnap,
            playing: e.playing,
            speed: e.speed,
            horizon: e.horizon,
            commands: e.commands.length === s.commands.length && e.commands.every((c, i) => c === s.commands[i]) ? s.commands : e.commands,
            trace,
            traceBase,
            traceVersion,
            samples,
            ...(e.info ? { info: e.info } : {}),
            ...(e.run ? { run: e.run } : {}),
            ...(e.stopped ? { stopped: { ...e.stopped } } : {}),
          });
          return;
        }
        case 'error':
          if (e.command === 'load') set({ pendingPresetId: null });
          // The command tells the notice which sentence leads (a refused file, a refused setting...).
          get().notify({ tone: 'error', key: 'error.generic', vars: { where: e.where, reason: e.reason, command: e.command }, ...(e.code ? { problem: { code: e.code, args: e.args ?? {} } } : {}) });
          return;
        case 'config-applied':
          get().notify({ tone: 'info', key: `applied.${e.mode}`, vars: { key: e.key, value: e.value, note: e.note ?? '' } });
          return;
        case 'story':
          set({ story: { message: e.message, kind: e.kind, partition: e.partition, key: e.key, steps: e.steps, at: s.snap?.t ?? 0 } });
          return;
      }
    },
  }));
}

/**
 * The view's snapshot after a patch: pieces the host left out keep their
 * identity, so components that select them do not re-render.
 */
export function mergeSnapshot(prev: LabSnapshot | null, p: SnapshotPatch): LabSnapshot {
  const partitions = p.partitions && prev && p.partitions.length === prev.partitions.length ? p.partitions.map((x, i) => (x ? mergePartition(prev.partitions[i], x) : prev.partitions[i])) : p.partitions?.map((x) => mergePartition(undefined, x!));
  const pick = <K extends keyof LabSnapshot>(k: K): LabSnapshot[K] => {
    const v = (k === 'partitions' ? partitions : p[k as keyof SnapshotPatch]) as LabSnapshot[K] | undefined;
    if (v !== undefined) return v;
    if (!prev) throw new Error(`the first update of a run lacks "${k}"`);
    return prev[k];
  };
  return {
    t: p.t,
    next: p.next,
    flights: p.flights,
    brokers: pick('brokers'),
    partitions: pick('partitions'),
    producers: pick('producers'),
    links: pick('links'),
    summary: pick('summary'),
    anomalies: pick('anomalies'),
    consumers: pick('consumers'),
  };
}

/**
 * A partition from its patch: each replica's cells rebuilt from the cells held
 * (`keep`) and the new ones; a replica that did not change keeps its identity,
 * so its row does not re-render.
 */
function mergePartition(held: PartitionSnap | undefined, x: PartitionPatch): PartitionSnap {
  const replicas = x.replicas.map((r): ReplicaSnap => {
    const { keep, cells, ...rest } = r;
    if (!keep) return { ...rest, cells };
    const h = held?.replicas.find((o) => o.broker === r.broker);
    if (!h || keep[0] + keep[1] > h.cells.length) throw new Error(`an update's cells for ${x.name} on broker ${r.broker} refer to cells the view does not hold`);
    if (cells.length === 0 && keep[0] === 0 && keep[1] === h.cells.length && sameReplica(h, rest)) return h;
    return { ...rest, cells: h.cells.slice(keep[0], keep[0] + keep[1]).concat(cells) };
  });
  return { ...x, replicas };
}

const sameReplica = (h: ReplicaSnap, r: Omit<ReplicaSnap, 'cells'>) =>
  h.leo === r.leo && h.hw === r.hw && h.flushed === r.flushed && h.slowMs === r.slowMs && h.thinksLeader === r.thinksLeader && h.removed.length === r.removed.length && h.removed.every((c, i) => { const d = r.removed[i]; return c.o === d.o && c.at === d.at && c.m === d.m && c.k === d.k && c.e === d.e && c.d === d.d; });
