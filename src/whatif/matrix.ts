/**
 * The what-if matrix: N seeded runs per combination of settings, the same
 * seeds and fault schedules in every cell, so two cells differ only by the
 * setting. Planning and aggregation are pure; running the jobs is left to a
 * pool the caller gives (worker threads in the CLI, Web Workers in the lab,
 * a plain loop in tests).
 */
import { createRng } from '../engine/core/rng.ts';
import { parseScenario } from '../engine/scenario/scenario.ts';
import type { RawScenario } from '../engine/config/liveConfig.ts';
import { applySettings, cellsOf, type SettingValue, type Vary } from './settings.ts';
import { randomSchedule, recovery, type FaultModel, type RawFault } from './faultModel.ts';
import { GUARANTEES, shapeOf, type Guarantee, type RunOutcome } from './runOne.ts';
import { wilson } from './stats.ts';

/** Faults: the scenario's own (only the seed varies), or random schedules from a model. */
export type Faults = { mode: 'scenario' } | { mode: 'random'; model: FaultModel };

export interface MatrixRequest {
  scenario: RawScenario;
  vary: Vary[];
  faults: Faults;
  runs: number;
  seed: number;
}

/** One run to do: serializable, so it can cross to a worker. */
export interface Job {
  cell: number;
  run: number;
  raw: RawScenario;
  seed: number;
  faults: RawFault[];
}

export interface Rate {
  /** Runs that showed the anomaly at least once. */
  runs: number;
  rate: number;
  /** 95% Wilson score interval of the rate. */
  low: number;
  high: number;
  /** Mean records per run with this anomaly. */
  meanRecords: number;
}

export interface CellResult {
  settings: Record<string, SettingValue>;
  runs: number;
  rates: Record<Guarantee, Rate>;
  throughput: number;
  latencyP50: number;
  latencyP99: number;
  /** The run that went worst (most acknowledged records lost, then the other kinds), to open in the lab. */
  worst: { run: number; seed: number; faults: RawFault[]; counts: Record<Guarantee, number> } | null;
}

/** Each run's seed and schedule seed, the same for every cell. */
export function seedList(seed: number, runs: number): { seed: number; schedule: number }[] {
  const rng = createRng(seed);
  return Array.from({ length: runs }, () => ({ seed: 1 + rng.int(2 ** 31 - 2), schedule: rng.int(2 ** 31) }));
}

/** Every job of the matrix, cell by cell. Throws a ScenarioError for a setting the scenario refuses. */
export function planMatrix(req: MatrixRequest): { cells: Record<string, SettingValue>[]; jobs: Job[] } {
  const cells = cellsOf(req.vary);
  const seeds = seedList(req.seed, req.runs);
  const jobs: Job[] = [];
  cells.forEach((settings, cell) => {
    const raw = applySettings(req.scenario, settings);
    const scenario = parseScenario(raw); // refuse a bad combination before anything runs
    const shape = shapeOf(scenario);
    const own = Array.isArray(raw.faults) ? (raw.faults as RawFault[]) : [];
    seeds.forEach((s, run) => {
      const faults = req.faults.mode === 'scenario' ? own : [...randomSchedule(s.schedule, req.faults.model, shape), ...recovery(shape)];
      jobs.push({ cell, run, raw, seed: s.seed, faults });
    });
  });
  return { cells, jobs };
}

/** Orders runs from worst to best: acknowledged loss first, then loss after the broker, then the rest. */
export function worseThan(a: Record<Guarantee, number>, b: Record<Guarantee, number>): boolean {
  for (const g of ['lostAcked', 'lostAfterBroker', 'processedTwice', 'duplicated', 'reordered', 'lostUnacked'] as const) {
    if (a[g] !== b[g]) return a[g] > b[g];
  }
  return false;
}

export function aggregate(cells: Record<string, SettingValue>[], jobs: Job[], outcomes: (RunOutcome | undefined)[]): CellResult[] {
  return cells.map((settings, cell) => {
    const mine: { job: Job; o: RunOutcome }[] = [];
    jobs.forEach((job, i) => {
      const o = outcomes[i];
      if (job.cell === cell && o) mine.push({ job, o });
    });
    const n = mine.length;
    const rates = Object.fromEntries(
      GUARANTEES.map((g) => {
        const hit = mine.filter((x) => x.o.counts[g] > 0).length;
        const [low, high] = wilson(hit, n);
        const records = mine.reduce((s, x) => s + x.o.counts[g], 0);
        return [g, { runs: hit, rate: n ? hit / n : 0, low, high, meanRecords: n ? records / n : 0 }];
      }),
    ) as Record<Guarantee, Rate>;
    let worst: CellResult['worst'] = null;
    for (const { job, o } of mine) {
      const bad = GUARANTEES.some((g) => o.counts[g] > 0);
      if (bad && (!worst || worseThan(o.counts, worst.counts))) worst = { run: job.run, seed: job.seed, faults: job.faults, counts: o.counts };
    }
    const mean = (f: (o: RunOutcome) => number) => (n ? mine.reduce((s, x) => s + f(x.o), 0) / n : 0);
    return { settings, runs: n, rates, throughput: mean((o) => o.throughput), latencyP50: mean((o) => o.latencyP50), latencyP99: mean((o) => o.latencyP99), worst };
  });
}
