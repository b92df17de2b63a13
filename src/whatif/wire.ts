/**
 * How what-if runs cross to a worker and back, the same for worker threads
 * (CLI, bench) and Web Workers (lab). A run costs milliseconds, so what
 * crosses must cost next to nothing: each cell's scenario goes over once per
 * batch of jobs and is parsed once per worker; a run is then only its cell,
 * seed and fault schedule (none when it keeps the cell's own faults), and its
 * outcome comes back as ROW numbers in a Float64Array moved, not copied.
 */
import { parseScenario, type Scenario } from '../engine/scenario/scenario.ts';
import type { RawScenario } from '../engine/config/liveConfig.ts';
import type { RawFault } from './faultModel.ts';
import type { Job } from './matrix.ts';
import { GUARANTEES, runParsed, runScenarioJson, type Guarantee, type RunOutcome } from './runOne.ts';
import { MIN_SHARED_RUNS, runCell, type Prefix } from './prefix.ts';

/** One run as it crosses: `faults` null means the cell's own faults (the scenario fault model). */
export interface WireRun {
  cell: number;
  seed: number;
  faults: RawFault[] | null;
}

/** A batch's scenarios (one per cell) and its runs: `runs[i]` is job `order[i]`. */
export interface WireJobs {
  cells: RawScenario[];
  runs: WireRun[];
  order: number[];
}

/** Numbers per outcome: the six guarantee counts, produced, acked, throughput, latency p50 and p99. */
export const ROW = GUARANTEES.length + 5;

const firstFaultAt = (faults: RawFault[]): number => faults.reduce((t, f) => Math.min(t, f.at), Infinity);

/**
 * The jobs' distinct scenarios (by identity: planMatrix and the search share
 * one object per cell) and their runs, cell by cell, each cell's in order of
 * their first fault: the chunks a worker is given then come in that order
 * too, and its shared starts only move forward (prefix.ts).
 */
export function packJobs(jobs: Job[]): WireJobs {
  const index = new Map<RawScenario, number>();
  const cells: RawScenario[] = [];
  const runs = jobs.map((j): WireRun => {
    let cell = index.get(j.raw);
    if (cell === undefined) {
      cell = cells.push(j.raw) - 1;
      index.set(j.raw, cell);
    }
    const own = j.faults === j.raw.faults || (j.faults.length === 0 && j.raw.faults === undefined);
    return { cell, seed: j.seed, faults: own ? null : j.faults };
  });
  const at = jobs.map((j) => firstFaultAt(j.faults));
  const order = runs.map((_, i) => i).sort((a, b) => runs[a].cell - runs[b].cell || at[a] - at[b] || a - b);
  return { cells, runs: order.map((i) => runs[i]), order };
}

interface Kept {
  parsed: Scenario | undefined;
  prefixes: Prefix[];
}

/**
 * A worker's side: the cells of the current batch, each parsed once, then run
 * after run. Each cell's shared starts (prefix.ts) live as long as the cell:
 * the next chunk of its runs, in this batch or the next, goes on from where
 * the last one left them.
 */
export class WireRunner {
  private cells: RawScenario[] = [];
  /** Each cell's parse (done at its first run) and shared starts. */
  private of: Kept[] = [];
  /** The last batch's cells by their JSON: a batch of the same cell (the search's next batch) keeps its parse and prefixes. */
  private kept = new Map<string, Kept>();

  setCells(cells: RawScenario[]): void {
    const kept = new Map<string, Kept>();
    this.cells = cells;
    this.of = cells.map((c) => {
      const json = JSON.stringify(c);
      const k = kept.get(json) ?? this.kept.get(json) ?? { parsed: undefined, prefixes: [] };
      kept.set(json, k);
      return k;
    });
    this.kept = kept;
  }

  /** Runs `runs` into `out` from row `at` on. The runs of a cell share their start where they can (prefix.ts). */
  run(runs: WireRun[], out: Float64Array<ArrayBuffer> = new Float64Array(runs.length * ROW), at = 0): Float64Array<ArrayBuffer> {
    const byCell = new Map<number, number[]>();
    runs.forEach((r, i) => {
      const list = byCell.get(r.cell);
      if (list) list.push(i);
      else byCell.set(r.cell, [i]);
    });
    for (const [cell, list] of byCell) {
      const scenarios = list.map((i) => this.scenarioOf(runs[i]));
      const prefixes = this.of[cell].prefixes;
      // A few runs alone share too little to pay for starting prefixes; once started, they serve any chunk.
      const outcomes = list.length >= MIN_SHARED_RUNS || prefixes.length > 0 ? runCell(this.cellScenario(cell), scenarios, undefined, prefixes) : scenarios.map(runParsed);
      list.forEach((i, k) => writeRow(outcomes[k], out, (at + i) * ROW));
    }
    return out;
  }

  /** The cell's scenario, parsed once (plain data the runs only read). */
  private cellScenario(cell: number): Scenario {
    return (this.of[cell].parsed ??= parseScenario(this.cells[cell]));
  }

  private scenarioOf(r: WireRun): Scenario {
    // The cell's own faults: only the seed changes.
    return r.faults ? parseScenario(runScenarioJson(this.cells[r.cell], r.seed, r.faults)) : { ...this.cellScenario(r.cell), seed: r.seed };
  }
}

function writeRow(o: RunOutcome, out: Float64Array, i: number): void {
  GUARANTEES.forEach((g, k) => (out[i + k] = o.counts[g]));
  const n = GUARANTEES.length;
  out[i + n] = o.produced;
  out[i + n + 1] = o.acked;
  out[i + n + 2] = o.throughput;
  out[i + n + 3] = o.latencyP50;
  out[i + n + 4] = o.latencyP99;
}

/** Outcome `row` of `rows`, for the run with this seed. */
export function readRow(rows: Float64Array, row: number, seed: number): RunOutcome {
  const i = row * ROW;
  const n = GUARANTEES.length;
  const counts = {} as Record<Guarantee, number>;
  GUARANTEES.forEach((g, k) => (counts[g] = rows[i + k]));
  return { seed, counts, produced: rows[i + n], acked: rows[i + n + 1], throughput: rows[i + n + 2], latencyP50: rows[i + n + 3], latencyP99: rows[i + n + 4] };
}

/**
 * Runs per message: large enough that messages cost nothing and a cell's runs
 * share their starts (prefix.ts: a few fault-free runs per chunk), small
 * enough that every worker stays busy to the end.
 */
export function chunkSize(remaining: number, workers: number): number {
  return Math.max(1, Math.min(128, Math.floor(remaining / (workers * 4))));
}
