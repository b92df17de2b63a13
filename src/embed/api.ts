/**
 * One widget's API over its own lab store: the methods a page calls (through
 * postMessage or on the element), and the events it hears. Methods act only
 * by sending the lab's commands, as its buttons do; answers are plain JSON.
 * Calls made before the lab is ready wait for it.
 */
import type { LabStore } from '../state/labStore.ts';
import type { Summary } from '../engine/checker/checker.ts';
import type { LiveFault } from '../timeline/protocol.ts';
import type { ConfigChange } from '../engine/config/liveConfig.ts';
import { translate, problemText } from '../i18n/index.ts';
import type { Request, WidgetEvent } from './messages.ts';

export type Emit = (event: WidgetEvent, data: unknown) => void;

/** Counts that, when they rise, are an anomaly event: the fates the lab calls out in red. */
const ANOMALIES = [
  ['lost-write', (s: Summary) => s.lostAcked],
  ['duplicate', (s: Summary) => s.duplicated],
  ['nonmonotonic-send', (s: Summary) => s.reordered],
  ['lost-after-broker', (s: Summary) => s.lostAfterBroker],
  ['processed-twice', (s: Summary) => s.processedTwice],
  ['processed-out-of-order', (s: Summary) => s.processedOutOfOrder],
] as const;

export interface LessonInfo {
  id: string;
  step: number;
  steps: number;
}

export interface WidgetHooks {
  /** Loads a preset id, URL, scenario or run (the widget resolves it). */
  load(what: string | object): Promise<void>;
  /** Play respecting the widget's time range. */
  play(): void;
  lesson(): LessonInfo | null;
}

export class WidgetApi {
  private store: LabStore | null = null;
  private hooks: WidgetHooks | null = null;
  private waiting: (() => void)[] = [];
  private off: (() => void) | null = null;
  private lastTimeEmit = 0;
  private lastT = -1;
  private counts = new Map<string, number>();
  private noticeSeen = 0;
  private readyFired = false;

  constructor(private readonly emit: Emit) {}

  /** The lab is running: hook its store and answer the calls that waited. */
  attach(store: LabStore, hooks: WidgetHooks): void {
    this.store = store;
    this.hooks = hooks;
    this.off?.();
    this.off = store.subscribe((s, prev) => this.watch(s, prev));
    const st = store.getState();
    if (st.info && st.snap) this.fireReady();
  }

  detach(): void {
    this.off?.();
    this.off = null;
    this.store = null;
  }

  lessonStep(info: LessonInfo): void {
    this.emit('lesson-step', info);
  }

  private fireReady() {
    if (this.readyFired || !this.store) return;
    this.readyFired = true;
    const s = this.store.getState();
    this.emit('ready', { scenario: s.info?.name ?? '', preset: s.presetId, seed: s.info?.seed ?? 0, engine: s.engine, lang: s.lang });
    for (const w of this.waiting.splice(0)) w();
  }

  private watch(s: ReturnType<LabStore['getState']>, prev: ReturnType<LabStore['getState']>) {
    if (!this.readyFired && s.info && s.snap) this.fireReady();
    const t = s.snap?.t ?? 0;
    const now = performance.now();
    // At most four time events a second while playing, and always the moment playing stops.
    if (t !== this.lastT && (now - this.lastTimeEmit > 250 || !s.playing) || (prev.playing && !s.playing)) {
      this.lastT = t;
      this.lastTimeEmit = now;
      this.emit('time', { t, playing: s.playing, horizon: s.horizon });
    }
    const sum = s.snap?.summary;
    if (sum && sum !== prev.snap?.summary) {
      for (const [kind, count] of ANOMALIES) {
        const n = count(sum);
        const was = this.counts.get(kind) ?? 0;
        if (n > was) this.emit('anomaly', { kind, count: n, t });
        this.counts.set(kind, n);
      }
    }
    if (s.notices !== prev.notices) {
      for (const n of s.notices) {
        if (n.id <= this.noticeSeen) continue;
        this.noticeSeen = n.id;
        if (n.tone !== 'error') continue;
        const generic = n.key === 'error.generic' && n.vars;
        const reason = n.problem ? problemText(s.lang, n.problem.code, n.problem.args, String(n.vars?.reason ?? '')) : String(n.vars?.reason ?? '');
        this.emit('error', { message: generic ? `${String(n.vars?.where ?? '')}: ${reason}` : translate(s.lang, n.key, n.vars) });
      }
    }
  }

  private ready(): Promise<LabStore> {
    if (this.readyFired && this.store) return Promise.resolve(this.store);
    return new Promise((resolve) => this.waiting.push(() => resolve(this.store!)));
  }

  /** Runs one validated request; resolves with its answer (undefined for commands). */
  async call(r: Request): Promise<unknown> {
    const store = await this.ready();
    const st = store.getState();
    switch (r.method) {
      case 'play':
        return void this.hooks?.play();
      case 'pause':
        return void st.send({ type: 'pause' });
      case 'step':
        return void st.send({ type: 'step' });
      case 'seek':
        return void st.send({ type: 'seek', t: r.args.t });
      case 'load':
        return this.hooks?.load(r.args.scenario);
      case 'setConfig':
        return void st.send({ type: 'config', change: r.args as ConfigChange });
      case 'fault':
        return void st.send({ type: 'fault', fault: r.args as LiveFault });
      case 'getFates':
        return st.snap ? JSON.parse(JSON.stringify(st.snap.summary)) : null;
      case 'getState':
        return this.state();
    }
  }

  private state() {
    const s = this.store!.getState();
    const snap = s.snap;
    return {
      t: snap?.t ?? 0,
      horizon: s.horizon,
      playing: s.playing,
      speed: s.speed,
      scenario: s.info?.name ?? '',
      preset: s.presetId,
      seed: s.info?.seed ?? 0,
      lang: s.lang,
      engine: s.engine,
      brokers: snap?.brokers.map((b) => ({ id: b.id, status: b.status })) ?? [],
      partitions: snap?.partitions.map((p) => ({ name: p.name, leader: p.leader, leaderEpoch: p.leaderEpoch, isr: p.isr, hw: p.hw })) ?? [],
      lesson: this.hooks?.lesson() ?? null,
    };
  }
}
