/**
 * The command log of one timeline: every user action (a fault, a live config
 * change) at the simulated time it was given. Replay re-applies them at their
 * times, so a seek reaches exactly the state the user saw; acting after a seek
 * back cuts the log there (the old future is forgotten: a fork).
 */
import type { ConfigChange, RawScenario } from '../engine/config/liveConfig.ts';
import type { LiveFault } from './protocol.ts';

export interface Logged {
  t: number;
  fault?: LiveFault;
  change?: ConfigChange;
  /** The scenario JSON after a config change (what applyChange reads). */
  raw?: RawScenario;
}

export class CommandLog {
  private entries: Logged[] = [];
  /** How many entries the run has applied (the replay cursor). */
  applied = 0;

  constructor(entries: Logged[] = []) {
    this.entries = entries.map((e) => ({ ...e }));
  }

  get length(): number {
    return this.entries.length;
  }

  /** Time of the next entry to apply, if any. */
  nextTime(): number | undefined {
    return this.applied < this.entries.length ? this.entries[this.applied].t : undefined;
  }

  /** The next entry if it is due at or before `t` (and moves the cursor past it). */
  takeDue(t: number): Logged | undefined {
    if (this.applied < this.entries.length && this.entries[this.applied].t <= t) return this.entries[this.applied++];
    return undefined;
  }

  /** Some entries lie ahead of the cursor (the timeline was scrubbed back). */
  hasFuture(): boolean {
    return this.applied < this.entries.length;
  }

  /** Forgets the entries after the cursor: the future forks here. */
  fork(): void {
    this.entries.length = this.applied;
  }

  /** Appends an action given now, already counted as applied. */
  push(c: Logged): void {
    this.entries.push(c);
    this.applied = this.entries.length;
  }

  times(): number[] {
    return this.entries.map((c) => c.t);
  }

  /** A plain copy (JSON-safe): what a supervisor rebuilds a lost run from. */
  toJSON(): Logged[] {
    return this.entries.map((e) => ({ ...e }));
  }
}
