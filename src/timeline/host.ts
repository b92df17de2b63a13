/**
 * The engine host: answers the view's Commands with HostEvents. It drives a
 * Timeline (command log, checkpoints, seek, fork, pause-at), keeps an
 * incremental Observer in step with it (counts, fates, chart samples: no
 * checker rerun while playing), and sends patches (patch.ts). The same class
 * runs inside the Web Worker and, where workers are unavailable or one died,
 * on the main thread. The clock is injected (performance.now in a page).
 */
import { ScenarioError } from '../engine/core/scenarioError.ts';
import { planChange, type ConfigChange, type RawScenario } from '../engine/config/liveConfig.ts';
import type { Simulation } from '../engine/sim/simulation.ts';
import { Timeline, type RunRecord } from './timeline.ts';
import { Observer } from './observer.ts';
import { Sampler } from './samples.ts';
import { PatchSender, SLOT_COUNTS, SLOT_TRACE } from './patch.ts';
import { PlayClock } from './budget.ts';
import { pauseRule, type PauseRule, type Stopped } from './pauseAt.ts';
import { scenarioInfo, storyEvent } from './tellings.ts';
import { plainCopy, restoreCopy } from '../engine/sim/checkpoint.ts';
import type { ObserverState } from './observerState.ts';
import { compactSettledBatches, type LogCursor } from '../engine/broker/logRetention.ts';
import type { Command, HostEvent } from './protocol.ts';
import { traceSlice } from '../engine/core/traceLog.ts';

const MAX_TRACE_PER_UPDATE = 4000;
/** Simulated ms one step of a maximum-speed frame covers before the budget is read again. */
const MAX_SPEED_STEP_MS = 20;

/**
 * How far one step at maximum speed goes: MAX_SPEED_STEP_MS, or straight to the
 * next moment anything happens when that is further (an idle stretch, which the
 * engine skips too, idleSkip.ts, costs one step, not one per 20 ms), but not
 * past the scenario's end, where playing pauses.
 */
export function maxSpeedStep(now: number, next: number | undefined, until: number): number {
  const to = Math.max(now + MAX_SPEED_STEP_MS, next ?? now);
  return now < until ? Math.min(to, until) : to;
}

export class LabHost {
  private tl!: Timeline;
  private obs!: Observer;
  /** When the observer last read the run: the simulated time, and the engine's count of handled events (several can happen at one instant: at t=0 the first sends). */
  private observed = -1;
  private observedEvents = -1;
  private readonly sampler = new Sampler();
  private readonly sender = new PatchSender();
  private readonly clock: PlayClock;
  private playing = false;
  private sentTrace = 0;
  /** The trace's length when the observer last read it (it reads consumers' polls, detail events). */
  private observedTrace = 0;
  private infoDirty = false;
  private runDirty = false;
  private stop: PauseRule | null = null;
  private stopped: Stopped | null = null;
  /** How far each replica's log has been compacted (logRetention.ts). */
  private logs: LogCursor = new Map();
  /** Commands that came before the first run was loaded (Play pressed while the scenario is still being fetched): applied once it is. */
  private early: Command[] = [];
  /** The user's command being handled, until the first update answers it (Update.answers). */
  private answering: Command['type'] | null = null;

  constructor(
    private readonly post: (e: HostEvent) => void,
    private readonly now: () => number,
  ) {
    this.clock = new PlayClock(now);
  }

  handle(c: Command): void {
    this.answering = c.type === 'frame' ? null : c.type;
    try {
      this.dispatch(c);
    } catch (e) {
      const err = e instanceof ScenarioError ? { where: e.path, reason: e.problem, code: e.code, args: e.args } : { where: 'engine', reason: e instanceof Error ? e.message : String(e) };
      // A run that cannot go on (e.g. stopped for not making progress) stays paused where it stopped.
      if (this.playing && this.tl) {
        this.playing = false;
        this.update();
      }
      this.post({ type: 'error', ...err, command: c.type });
    } finally {
      // A command answered without an update (a story) leaves no flag for the next frame's.
      this.answering = null;
    }
  }

  private dispatch(c: Command): void {
    if (!this.tl && c.type !== 'load' && c.type !== 'restore') {
      // Frames carry no intent; anything else waits for the run (bounded: a page cannot queue without end).
      if (c.type !== 'frame' && this.early.length < 100) this.early.push(c);
      return;
    }
    switch (c.type) {
      case 'load':
        return this.load(c.scenario as RawScenario);
      case 'restore':
        this.load(c.run.raw, c.run);
        this.clock.setSpeed(c.speed);
        this.tl.advanceTo(Math.max(0, Math.round(c.t)));
        return this.update();
      case 'play':
        this.playing = true;
        this.clock.restart();
        return this.update();
      case 'pause':
        this.playing = false;
        return this.update();
      case 'speed':
        this.clock.setSpeed(c.speed);
        return this.update();
      case 'frame':
        return this.frame(c.wallMs);
      case 'step':
        this.playing = false;
        this.tl.step();
        return this.update();
      case 'seek':
        this.playing = false;
        this.tl.seek(c.t);
        return this.update();
      case 'goto': {
        this.playing = false;
        const t = Math.max(0, Math.round(c.t));
        if (t <= this.tl.horizon) this.tl.seek(t);
        else this.tl.advanceTo(t);
        return this.update();
      }
      case 'fault':
        this.act({ fault: c.fault });
        return this.update();
      case 'config':
        return this.config(c.change);
      case 'reset':
        return this.load({ ...this.tl.raw, seed: c.seed === 'same' ? this.tl.scenario.seed : c.seed });
      case 'story':
        return this.post(storyEvent(this.tl.sim.ctx, c.message, c.kind, c.group));
      case 'pause-at':
        this.stop = pauseRule(c.t, c.event, c.after);
        return this.update();
    }
  }

  /** A new timeline (validated first: an invalid scenario leaves the running lab as it is). */
  private load(raw: RawScenario, run?: RunRecord): void {
    const tl = new Timeline(
      raw,
      {
        sample: (sim) => this.sample(sim),
        // The observer as it was at the checkpoint (a copy: the checkpoint stays reusable), or a fresh one that reads the run once.
        rewound: (_sim, kept) => {
          this.obs = kept ? new Observer(this.tl.sim.ctx, restoreCopy(kept as ObserverState, this.obs.s)) : new Observer(this.tl.sim.ctx);
          this.observed = -1;
          this.observedTrace = 0;
        },
        keep: () => {
          this.observe();
          return plainCopy(this.obs.s, true);
        },
        configChanged: () => (this.infoDirty = true),
        now: this.now,
      },
      run?.log,
    );
    this.tl = tl;
    this.obs = new Observer(tl.sim.ctx);
    this.observed = -1;
    this.observedTrace = 0;
    this.sentTrace = 0;
    this.logs = new Map();
    this.sampler.reset();
    this.sender.reset();
    this.playing = false;
    this.stop = null;
    this.stopped = null;
    this.runDirty = true;
    this.sample(tl.sim);
    this.post({ type: 'loaded', info: scenarioInfo(tl.raw) });
    this.update();
    const early = this.early;
    this.early = [];
    for (const c of early) this.handle(c);
  }

  /** Brings the observer to now (a fresh one after a rewind: it reads the run once). */
  private observe(): void {
    this.obs.observe();
    this.observed = this.tl.sim.now;
    this.observedEvents = this.tl.sim.dispatched;
    this.observedTrace = this.tl.sim.ctx.trace.length;
  }

  private sample(sim: Simulation): void {
    // A replay after a seek passes boundaries already sampled: the observer catches up once, when the view asks.
    if (!this.sampler.wants(sim.now)) return;
    this.observe();
    this.sampler.take(sim, this.obs.summary());
  }

  private act(c: { fault?: import('./protocol.ts').LiveFault; change?: ConfigChange; raw?: RawScenario }): void {
    if (this.tl.act(c)) {
      const now = this.tl.now;
      this.sentTrace = Math.min(this.sentTrace, this.tl.sim.ctx.trace.length);
      this.sampler.forkAt(now);
    }
    this.runDirty = true;
  }

  private config(change: ConfigChange): void {
    const plan = planChange(this.tl.raw, change);
    if (!plan.ok) return this.post({ type: 'error', where: plan.where, reason: plan.reason, command: 'config', code: plan.code, args: plan.args });
    if (plan.mode === 'new-run') this.load(plan.raw);
    else {
      this.act({ change, raw: plan.raw });
      this.update();
    }
    this.post({ type: 'config-applied', mode: plan.mode, key: change.key, value: String(change.value), ...(plan.note ? { note: plan.note } : {}) });
  }

  private frame(wallMs: number): void {
    if (this.playing) {
      const tl = this.tl;
      const until = tl.scenario.until;
      const before = tl.now;
      const worth = this.clock.advance(wallMs);
      if (this.clock.maxSpeed) {
        const budget = this.clock.budget();
        while (this.playing && budget.left() && !tl.ended && (before >= until || tl.now < until)) this.playOn(maxSpeedStep(tl.now, tl.nextMoment(), until));
      } else if (worth > 0) this.playOn(before < until ? Math.min(before + worth, until) : before + worth);
      // Reaching the scenario's end pauses once, exactly there at every speed (a frame at 100× is worth up to 10 s); play again to go on.
      if (before < until && tl.now >= until) this.playing = false;
      if (tl.ended) this.playing = false;
    }
    this.update();
  }

  private playOn(to: number): void {
    const s = this.tl.playTo(to, this.stop);
    if (s) {
      this.playing = false;
      this.stop = null;
      this.stopped = s;
      this.clock.restart();
    }
  }

  private update(): void {
    const tl = this.tl;
    const answers = this.answering;
    this.answering = null;
    // An answer to the user carries everything (as when paused); frames while playing take turns.
    const due = this.sender.turn(this.playing && !answers);
    const trace = tl.sim.ctx.trace;
    let from = this.sentTrace;
    const traceTurn = due(SLOT_TRACE);
    if (traceTurn && trace.length - from > MAX_TRACE_PER_UPDATE) from = trace.length - MAX_TRACE_PER_UPDATE;
    const events = traceTurn && trace.length > from ? traceSlice(trace, from) : [];
    if (traceTurn) this.sentTrace = Math.max(this.sentTrace, trace.length);
    const { samplesFrom, samples } = traceTurn ? this.sampler.drain() : { samplesFrom: Number.MAX_SAFE_INTEGER, samples: [] };
    // The counts cross in their turn (patch.ts): only then are they read, and built into the snapshot.
    const countsTurn = due(SLOT_COUNTS);
    if ((countsTurn || traceTurn) && (this.observed !== tl.now || this.observedEvents !== tl.sim.dispatched)) this.observe();
    if (traceTurn) {
      // The view and the observer have these events: detail ones far behind need not stay in memory; nor the slack of settled log batches.
      tl.checkpoints.retainDetail(tl.sim, Math.min(this.sentTrace, this.observedTrace));
      compactSettledBatches(tl.sim.ctx, this.logs);
    }
    const counts = countsTurn ? { summary: this.obs.summary(), anomalies: this.obs.anomalies(), producers: this.obs.producers.map((p) => ({ ...p })) } : undefined;
    const info = this.infoDirty ? scenarioInfo(tl.raw) : undefined;
    this.infoDirty = false;
    const run = this.runDirty ? tl.record() : undefined;
    this.runDirty = false;
    const stopped = this.stopped;
    this.stopped = null;
    this.post({
      type: 'update',
      playing: this.playing,
      speed: this.clock.speed,
      horizon: tl.horizon,
      snapshot: this.sender.patch(tl.sim, counts ? { counts } : { keepCounts: true }, due),
      traceFrom: from,
      events,
      samplesFrom,
      samples,
      commands: tl.log.times(),
      ...(info ? { info } : {}),
      ...(run ? { run } : {}),
      ...(stopped ? { stopped } : {}),
      ...(answers ? { answers } : {}),
    });
  }
}
