/**
 * Checkpoint policy of a timeline: one every CHECKPOINT_MS of simulated time
 * (a seek restores the nearest at or before its target and replays at most
 * that much), within a count and a memory cap: past either, every other
 * checkpoint goes (t=0 stays, so they thin out evenly over a long run).
 * A checkpoint also records the command log's cursor and the configuration
 * in force, so a restore puts the whole timeline back, not only the engine.
 */
import { restoreCheckpoint, takeCheckpoint, type Checkpoint } from '../engine/checkpoint.ts';
import type { Simulation } from '../engine/simulation.ts';
import type { RawScenario } from '../engine/liveConfig.ts';
import type { TraceEvent } from '../engine/trace.ts';

export const CHECKPOINT_MS = 2000;
const MAX_CHECKPOINTS = 160;
/** Roughly what all checkpoints of a timeline may hold (typed-array copies dominate). */
const MAX_CHECKPOINT_BYTES = 160 * 1024 * 1024;

export interface Kept {
  cp: Checkpoint;
  applied: number;
  raw: RawScenario;
}

export class Checkpoints {
  private kept: Kept[] = [];
  private bytes = 0;
  /** The longest trace of this timeline: what a restore takes its trace prefix from. */
  private longest: TraceEvent[] = [];

  constructor(private readonly limits = { count: MAX_CHECKPOINTS, bytes: MAX_CHECKPOINT_BYTES }) {}

  clear(sim: Simulation): void {
    this.kept = [];
    this.bytes = 0;
    this.longest = sim.ctx.trace;
  }

  get size(): number {
    return this.kept.length;
  }

  /** Is `t` a moment the policy keeps (the timeline calls take() there)? */
  due(t: number): boolean {
    return t % CHECKPOINT_MS === 0;
  }

  /** Keeps the state at this moment, once per moment of this timeline. */
  take(sim: Simulation, applied: number, raw: RawScenario): void {
    const last = this.kept[this.kept.length - 1];
    if (last && last.cp.t >= sim.now) return;
    this.note(sim);
    const cp = takeCheckpoint(sim);
    this.kept.push({ cp, applied, raw });
    this.bytes += cp.bytes;
    while (this.kept.length > 2 && (this.kept.length > this.limits.count || this.bytes > this.limits.bytes)) this.thin();
  }

  /** Every other checkpoint goes; the first and the newest stay. */
  private thin(): void {
    const n = this.kept.length;
    this.kept = this.kept.filter((_, i) => i % 2 === 0 || i === n - 1);
    this.bytes = this.kept.reduce((s, k) => s + k.cp.bytes, 0);
  }

  /** The nearest checkpoint at or before `t`. */
  nearest(t: number): Kept | undefined {
    let lo = 0;
    let hi = this.kept.length - 1;
    let best: Kept | undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.kept[mid].cp.t <= t) {
        best = this.kept[mid];
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return best;
  }

  restore(sim: Simulation, k: Kept): void {
    this.note(sim);
    restoreCheckpoint(sim, k.cp, this.longest);
  }

  /** The future forks at `t`: checkpoints after it, and the trace beyond it, belong to the old one. */
  forkAt(sim: Simulation, t: number): void {
    this.kept = this.kept.filter((k) => k.cp.t <= t);
    this.bytes = this.kept.reduce((s, k) => s + k.cp.bytes, 0);
    this.longest = sim.ctx.trace;
  }

  private note(sim: Simulation): void {
    if (sim.ctx.trace.length > this.longest.length) this.longest = sim.ctx.trace;
  }
}
