/**
 * Runs of one cell share their start. Two runs of a cell differ only by seed
 * and fault schedule, and until its first fault a run draws almost nothing
 * from its RNG (a producer picks which broker to ask for metadata first). So
 * a fault-free run of the cell (a prefix) that made the same draws as a run's
 * seed would have made is, up to just before that run's first fault, the run
 * itself: same events, same order, same state. The run starts from a copy of
 * the prefix's state there, with its own RNG state and its faults, instead of
 * from t=0. The runs of a batch go in order of their first fault, so a few
 * prefixes move forward once through the batch (one per outcome of the early
 * draws: which broker a producer asked first).
 *
 * A run is started from a prefix only where that is the run exactly:
 * - the prefix's draws so far (its RNG writes them down, core/rng.ts) come
 *   out the same from the run's seed; a plain float draw never does;
 * - the prefix skipped no idle time: the run's first fault would have bounded
 *   the skip, the prefix's later events do not (idleSkip.ts);
 * - the faults go into the queue where the run's own construction put them:
 *   after every event built before them, before everything after (their
 *   sequence numbers fall between).
 * Otherwise the run is run from the start. test/whatif/prefix.test.ts holds
 * the outcomes equal to whole runs'.
 */
import { Simulation } from '../engine/sim/simulation.ts';
import { plainCopy, restoreCheckpoint, restoreCopy, stateOf, takeCheckpoint, type Checkpoint, type CheckpointState } from '../engine/sim/checkpoint.ts';
import type { TraceEvent } from '../engine/core/trace.ts';
import type { ContextState } from '../engine/core/contextOps.ts';
import { insertEvent, sealEvents } from '../engine/core/eventQueue.ts';
import { nextRandom, rngState, type RngState } from '../engine/core/rng.ts';
import type { Scenario } from '../engine/scenario/scenario.ts';
import type { SimEvent } from '../engine/core/context.ts';
import { newBatchHistory } from '../engine/broker/batchHistory.ts';
import { runUntilSettled } from './settled.ts';
import { outcomeOf, type RunOutcome } from './runOne.ts';
import { tracePrefix, type Trace } from '../engine/core/traceLog.ts';

/** A fault-free run of the cell and where its construction would have queued faults. */
export interface Prefix {
  sim: Simulation;
  /** The sequence number the first fault gets in a run's own construction (the next event built takes the one after the last fault). */
  faultSeq: number;
  /**
   * Its state every SNAP_MS (sim/checkpoint.ts: chunks shared between them),
   * by time, from t=0: the next batch of runs starts early again, and later
   * the prefix jumps ahead over what it already ran instead of running it again.
   */
  snaps: Checkpoint[];
  /** The longest trace it had (a snapshot keeps only its length). */
  trace: Trace;
}

/** Simulated ms between a prefix's snapshots: about what a run's start copy costs to simulate, many times over. */
const SNAP_MS = 2000;

/** Jumping to a snapshot costs about a copy: less than simulating this long. */
const JUMP_MS = 250;

/** More prefixes than outcomes of the early draws only cost: beyond this, a run that fits none runs from the start. */
const MAX_PREFIXES = 4;

/** Fewer runs than this in a batch share too little to pay for a prefix. */
export const MIN_SHARED_RUNS = 6;

/** A what-if run as runOne.ts prepares it: no detail events, removals kept only as which batches. */
function prepared(sim: Simulation): Simulation {
  sim.ctx.history = newBatchHistory({ entries: false });
  sim.ctx.queue.horizon = sim.scenario.until;
  return sim;
}

function newPrefix(cell: Scenario, seed: number): Prefix | null {
  const sim = prepared(new Simulation({ ...cell, seed, faults: [] }));
  // Construction drew nothing (the draws are written down only from here).
  if (sim.ctx.random.a !== rngState(seed).a) return null;
  sim.ctx.random.draws = [];
  // The last event construction queues comes right after the faults (Simulation's constructor).
  return { sim, faultSeq: sim.ctx.queue.nextSeq - 1, snaps: [takeCheckpoint(sim)], trace: sim.ctx.trace };
}

/**
 * Moves the prefix to `t` (every event at or before it handled), from its
 * latest snapshot at or before `t` where it is past `t` or the snapshot is
 * well ahead of it. A snapshot is taken at each SNAP_MS it reaches for the
 * first time, until it skips idle time (no run starts from it after that).
 */
function advance(p: Prefix, t: number): void {
  let snap: Checkpoint | undefined;
  for (const c of p.snaps) if (c.t <= t) snap = c;
  const sim = p.sim;
  if (snap && (sim.now > t || snap.t > sim.now + JUMP_MS)) {
    if (sim.ctx.trace.length > p.trace.length) p.trace = sim.ctx.trace;
    restoreCheckpoint(sim, snap, p.trace);
    sim.skippedMs = 0; // snapshots are taken before any skip
  }
  const last = p.snaps[p.snaps.length - 1].t;
  for (let b = (Math.floor(Math.max(sim.now, last) / SNAP_MS) + 1) * SNAP_MS; b <= t && sim.skippedMs === 0; b += SNAP_MS) {
    sim.runUntil(b);
    if (sim.skippedMs === 0) p.snaps.push(takeCheckpoint(sim));
  }
  sim.runUntil(t);
}

/** The run's RNG state after the prefix's draws, if its seed draws the same; else null. */
function replay(draws: readonly number[], seed: number): RngState | null {
  const s = rngState(seed);
  for (let i = 0; i < draws.length; i += 2) {
    const n = draws[i];
    const v = nextRandom(s);
    if (n === 0 ? v !== draws[i + 1] : Math.floor(v * n) !== draws[i + 1]) return null;
  }
  return s;
}

/**
 * The run, from the prefix's state just before its first fault at `at`; null
 * if the prefix is not that run, 'past' if it is already past `at`.
 */
function startFrom(p: Prefix, run: Scenario, at: number, spare: CheckpointState | undefined): Simulation | null | 'past' {
  const from = p.sim;
  advance(p, at - 1);
  if (from.now > at - 1) return 'past';
  // Kept: no run after the skip starts from it (a new prefix would skip the same idle time), an earlier one may.
  if (from.skippedMs > 0) return null;
  const random = replay(from.ctx.random.draws ?? [], run.seed);
  if (!random) return null;
  sealEvents(from.ctx.queue); // queued events are shared with the copy, never changed
  // Written into the typed columns of a finished run's state where they fit: no new ones for each run.
  const state = (spare ? restoreCopy(stateOf(from.ctx), spare) : plainCopy(stateOf(from.ctx)).value) as ContextState;
  state.random = random;
  state.trace = tracePrefix(from.ctx.trace, from.ctx.trace.length);
  const sim = new Simulation(run, state);
  const n = run.faults.length;
  run.faults.forEach((fault, k) => insertEvent<SimEvent>(sim.ctx.queue, { k: 'fault', t: fault.at, seq: p.faultSeq - 1 + (k + 1) / (n + 1), fault }));
  return sim;
}

const firstFault = (s: Scenario): number => s.faults.reduce((t, f) => Math.min(t, f.at), s.until + 1);

/** A what-if run's end: to `until` or until settled, reduced to its outcome. */
function settle(sim: Simulation, run: Scenario): RunOutcome {
  runUntilSettled(sim, run.until);
  return outcomeOf(sim.ctx, run.seed, run.until);
}

/**
 * The outcomes of runs of one cell (each its parsed scenario: the cell's with
 * its seed and faults), in their order. `cell` is the cell's parsed scenario.
 * `finish` takes each run on from where it starts (`shared`: from a prefix)
 * and keeps nothing of its simulation: the next run's arrays may be written
 * into it.
 * `prefixes` may be kept by the caller from one call to the next (a worker
 * given a cell's runs chunk after chunk, in order of their first fault, batch
 * after batch): they move on from where the last call left them, or from a
 * snapshot.
 */
export function runCell<T = RunOutcome>(cell: Scenario, runs: Scenario[], finish: (sim: Simulation, run: Scenario, shared: boolean) => T = settle as never, prefixes: Prefix[] = []): T[] {
  const out: T[] = new Array(runs.length);
  const base: Scenario = cell.lab.detail ? { ...cell, lab: { ...cell.lab, detail: false } } : cell;
  const order = runs.map((_, i) => i).sort((a, b) => firstFault(runs[a]) - firstFault(runs[b]) || a - b);
  let spare: CheckpointState | undefined;
  for (const i of order) {
    const run = base === cell ? runs[i] : { ...runs[i], lab: base.lab };
    const at = firstFault(run);
    let sim: Simulation | null = null;
    if (at >= 1 && at <= run.until) {
      for (let k = 0; k < prefixes.length && !sim; k++) {
        const got = startFrom(prefixes[k], run, at, spare);
        if (got === 'past') prefixes.splice(k--, 1);
        else sim = got;
      }
      if (!sim && prefixes.length < MAX_PREFIXES) {
        const p = newPrefix(base, run.seed);
        if (p) {
          prefixes.push(p);
          const got = startFrom(p, run, at, spare); // at 0 it is past no fault (at >= 1)
          sim = got === 'past' ? null : got;
        }
      }
    }
    out[i] = sim ? finish(sim, run, true) : finish(prepared(new Simulation(run)), run, false);
    // The run is over (finish keeps nothing of it): the next run's start is written into its typed columns.
    if (sim) spare = stateOf(sim.ctx);
  }
  return out;
}
