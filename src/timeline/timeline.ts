/**
 * A timeline: one scenario, its command log and its checkpoints, and the
 * Simulation at some moment of it. Framework-free (no DOM, no Worker, no
 * clock): the host in the Web Worker drives it, and so do tests in Node.
 *
 * Seek is deterministic replay (RaftScope's state.js): the nearest checkpoint
 * at or before the target is restored, then the run re-applies the logged
 * commands at their simulated times up to the target. Acting after scrubbing
 * back forks a new future (the log is cut at now). Commands are applied only
 * when every event at or before `now` has run, so replay reaches exactly the
 * same state.
 */
import { Simulation } from '../engine/sim/simulation.ts';
import { parseScenario, type Scenario } from '../engine/scenario/scenario.ts';
import { describe } from '../engine/core/scenarioError.ts';
import { applyChange, withSpareMembers, type RawScenario } from '../engine/config/liveConfig.ts';
import type { Fault } from '../engine/core/faults.ts';
import { CommandLog, type Logged } from './commandLog.ts';
import { Checkpoints } from './checkpoints.ts';
import { findStop, type PauseRule, type Stopped } from './pauseAt.ts';
import { problem } from '../engine/core/scenarioProblems.ts';
import { MAX_FAULTS } from '../engine/scenario/scenarioSchema.ts';

/** Actions (faults, config changes) one run takes from the lab: as many as a scenario may schedule; each is replayed on every seek. */
export const MAX_ACTIONS = MAX_FAULTS;

/** Simulated ms between two observations (chart samples, counts). */
export const SAMPLE_MS = 250;

/** What a timeline tells whoever watches it (the observer, the host). */
export interface TimelineHooks {
  /** The run reached a sample boundary (every SAMPLE_MS), moving forward. */
  sample?(sim: Simulation): void;
  /** The run jumped back to a checkpoint: watchers take back what they kept with it (see keep), or start over. */
  rewound?(sim: Simulation, kept: unknown): void;
  /** What a watcher keeps beside a checkpoint (a copy of its state), handed back by rewound. */
  keep?(): { value: unknown; bytes: number; chunks?: readonly object[] };
  /** The configuration in force changed (a config command applied or undone). */
  configChanged?(): void;
  /** A wall clock (ms), to space checkpoints by the engine's work; without one, by simulated time. */
  now?(): number;
}

/** A run as plain data: enough to rebuild it anywhere (a new worker, the main thread). */
export interface RunRecord {
  raw: RawScenario;
  log: Logged[];
}

/**
 * A timeline rehearses a restore while it plays, at 10 s of simulated time,
 * then 40 s, 160 s, 640 s, … (Timeline.rehearse). Why: a restore writes the
 * saved state into the live state's own objects (sim/sameShape.ts), and the
 * first write into a field the engine only ever set once (a batch's id, a
 * work item's offsets) turns that field, for every object of its hidden
 * class, from constant to mutable in V8, which throws away all optimised
 * code that relied on it. The first seek of a 10-minute busy run threw away
 * 45 engine functions that way, and it and the next few seeks replayed 4 to
 * 5 times slower than the later ones while V8 optimised them again. Rehearsed
 * while playing, those first writes come early, when most of the engine is
 * not optimised yet, and the run optimises it again as it plays: the first
 * seek threw away 6 to 11. Each rehearsal costs two restores.
 */
const REHEARSE_FIRST_MS = 10_000;
const REHEARSE_FACTOR = 4;

export class Timeline {
  readonly scenario: Scenario;
  readonly base: RawScenario;
  sim: Simulation;
  raw: RawScenario;
  readonly log: CommandLog;
  readonly checkpoints = new Checkpoints();
  /** Furthest simulated time of this timeline (the end of the scrubber). */
  horizon = 0;
  /** When the next rehearsal of a restore is due (rehearse). */
  private rehearseAt = REHEARSE_FIRST_MS;

  /** Parses (and so validates) `raw` first: an invalid scenario throws a ScenarioError and nothing is built. */
  constructor(raw: RawScenario, private readonly hooks: TimelineHooks = {}, log: Logged[] = []) {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw problem('scenario', 'not-object', { got: describe(raw) });
    parseScenario(raw); // names the user's own field, before spare members are added
    raw = withSpareMembers(raw);
    this.scenario = parseScenario(raw);
    this.base = JSON.parse(JSON.stringify(raw)) as RawScenario;
    this.raw = this.base;
    this.log = new CommandLog(log);
    this.sim = new Simulation(this.scenario);
    this.checkpoints.clear(this.sim);
    this.checkpoints.take(this.sim, 0, this.raw);
  }

  get now(): number {
    return this.sim.now;
  }

  record(): RunRecord {
    return { raw: this.base, log: this.log.toJSON() };
  }

  /** The next simulated moment with something to do: an event or a logged command. */
  nextMoment(): number | undefined {
    const e = this.sim.nextEventTime();
    const c = this.log.nextTime();
    if (e === undefined) return c;
    return c === undefined ? e : Math.min(e, c);
  }

  /** Nothing left to happen: no event queued, no logged command ahead. */
  get ended(): boolean {
    return this.nextMoment() === undefined;
  }

  /** Runs to `t`, applying logged commands at their times, sampling and checkpointing at the boundaries (not when `replay`: see seek). */
  advanceTo(t: number, replay = false): void {
    const sim = this.sim;
    const clock = this.hooks.now;
    while (sim.now < t) {
      // Boundaries with no event or command before them change nothing: go straight to the last one
      // (a quiet stretch the engine skipped, idleSkip.ts, would otherwise cost a sample every 250 ms).
      const next = Math.min(sim.nextEventTime() ?? Infinity, this.log.nextTime() ?? Infinity);
      const quiet = Math.floor(Math.min(next, t) / SAMPLE_MS) * SAMPLE_MS;
      const boundary = Math.min(t, Math.max((Math.floor(sim.now / SAMPLE_MS) + 1) * SAMPLE_MS, quiet));
      const t0 = clock?.() ?? 0;
      this.runTo(boundary);
      if (boundary % SAMPLE_MS === 0 && boundary === sim.now) {
        this.hooks.sample?.(sim);
        if (clock) this.checkpoints.worked(clock() - t0);
        if (!replay && this.checkpoints.due(boundary, !!clock)) {
          this.checkpoints.take(sim, this.log.applied, this.raw, clock, this.hooks.keep);
          this.rehearse();
        }
      }
    }
    this.runTo(t);
    if (t > this.horizon) this.horizon = t;
  }

  /**
   * After a checkpoint at a rehearsal time (REHEARSE_FIRST_MS, then each
   * REHEARSE_FACTOR times later): restores one from about a quarter of the run
   * back, then the one just taken, which puts this very moment back (a
   * restore is exact: the seek tests), watchers included.
   */
  private rehearse(): void {
    const now = this.sim.now;
    if (now < this.rehearseAt) return;
    this.rehearseAt = now * REHEARSE_FACTOR;
    const newest = this.checkpoints.nearest(now);
    const back = this.checkpoints.nearest(now - Math.max(REHEARSE_FIRST_MS / 4, now / 4));
    if (!newest || !back || newest.cp.t !== now || back === newest) return;
    for (const k of [back, newest]) {
      this.checkpoints.restore(this.sim, k);
      this.hooks.rewound?.(this.sim, k.extra?.value);
    }
  }

  /** Runs every event of the next moment that has one. */
  step(): void {
    const next = this.nextMoment();
    if (next !== undefined) this.advanceTo(next);
  }

  private runTo(t: number): void {
    for (let c = this.log.takeDue(t); c; c = this.log.takeDue(t)) {
      this.sim.runUntil(c.t);
      this.apply(c);
    }
    this.sim.runUntil(t);
  }

  private apply(c: Logged): void {
    if (c.fault) this.sim.inject(c.fault as Fault);
    if (c.change && c.raw) {
      applyChange(this.sim.ctx, c.change, c.raw);
      this.raw = c.raw;
      this.hooks.configChanged?.();
    }
    // Let the command and whatever it triggers at this instant happen now.
    this.sim.runUntil(c.t);
  }

  /** A user action now. Returns true when it forked the future (the timeline had been scrubbed back). */
  act(c: Omit<Logged, 't'>): boolean {
    this.sim.runUntil(this.sim.now);
    const now = this.sim.now;
    const forked = this.log.hasFuture() || this.horizon > now;
    const kept = forked ? this.log.applied : this.log.length;
    if (kept >= MAX_ACTIONS) throw problem(c.fault ? 'fault' : 'config', 'too-many-actions', { got: kept, max: MAX_ACTIONS });
    if (forked) {
      this.log.fork();
      this.horizon = now;
      this.checkpoints.forkAt(this.sim, now);
    }
    const entry = { ...c, t: now };
    this.log.push(entry);
    this.apply(entry);
    return forked;
  }

  /** Moves to `t` (clamped to what has been simulated). */
  seek(t: number): void {
    t = Math.max(0, Math.min(this.horizon, Math.round(t)));
    const wasRaw = this.raw;
    // The nearest checkpoint at or before t, when going back or when it saves running forward.
    const best = this.checkpoints.nearest(t);
    if (best && (t < this.sim.now || best.cp.t > this.sim.now)) {
      this.checkpoints.restore(this.sim, best);
      // Only when they move: a store, even of the same value, made the cursor a mutable field at the first seek (the replay loop's code thrown away).
      if (this.log.applied !== best.applied) this.log.applied = best.applied;
      if (this.raw !== best.raw) this.raw = best.raw;
      this.hooks.rewound?.(this.sim, best.extra?.value);
    }
    // A seek replays what was already run: no checkpoint is taken on the way (one past the newest would cost
    // the seek a copy of the whole state, and the observer's; playing on from here takes the next one).
    this.advanceTo(t, true);
    if (this.raw !== wasRaw) this.hooks.configChanged?.();
  }

  /**
   * Plays on towards `to`, stopping early where `rule` asks: at its time, or
   * right after the moment of its matching trace event. Returns where it stopped,
   * or null when it reached `to` without a stop.
   */
  playTo(to: number, rule: PauseRule | null): Stopped | null {
    if (!rule) {
      this.advanceTo(to);
      return null;
    }
    if (rule.t !== null) to = Math.max(this.sim.now, Math.min(to, rule.t));
    if (!rule.event) {
      this.advanceTo(to);
      return rule.t !== null && this.sim.now >= rule.t ? { t: this.sim.now, reason: 'time' } : null;
    }
    // Moment by moment, so the run stops right after the event, at its time.
    let seen = this.sim.ctx.trace.length;
    while (this.sim.now < to) {
      const n = this.nextMoment();
      this.advanceTo(n === undefined ? to : Math.min(to, Math.max(n, this.sim.now + 1)));
      const trace = this.sim.ctx.trace;
      const hit = findStop(rule, trace, seen);
      if (hit >= 0) return { t: this.sim.now, reason: 'event', index: hit };
      seen = trace.length;
    }
    return rule.t !== null && this.sim.now >= rule.t ? { t: this.sim.now, reason: 'time' } : null;
  }
}
