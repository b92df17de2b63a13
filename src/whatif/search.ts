/**
 * Counterexample search: random fault schedules until one breaks a guarantee,
 * then shrinking to a smallest schedule that still breaks it: fewest faults,
 * then fewest brokers involved, then the earliest and roundest times
 * (QuickCheck's shrinking, done over fault schedules). Deterministic for a
 * search seed: runs go in fixed batches and the first failing index wins,
 * whatever order the pool finishes them in.
 */
import { parseScenario } from '../engine/scenario/scenario.ts';
import type { RawScenario } from '../engine/config/liveConfig.ts';
import { randomSchedule, recovery, type FaultModel, type RawFault } from './faultModel.ts';
import { shapeOf, type Guarantee, type RunOutcome } from './runOne.ts';
import { seedList, type Job } from './matrix.ts';

export interface SearchRequest {
  scenario: RawScenario;
  model: FaultModel;
  guarantee: Guarantee;
  runs: number;
  seed: number;
}

export interface SearchResult {
  guarantee: Guarantee;
  found: boolean;
  runsTried: number;
  /** Runs spent shrinking. */
  shrinkRuns: number;
  /** The shrunk scenario (seed and faults, recovery included), ready to open in the lab or `npm run sim`. */
  counterexample: RawScenario | null;
  /** The faults before the recovery, after shrinking. */
  faults: RawFault[];
  counts: Record<Guarantee, number> | null;
}

export type RunBatch = (jobs: Job[]) => Promise<RunOutcome[]>;

const BATCH = 64;

export async function searchCounterexample(req: SearchRequest, runBatch: RunBatch, onProgress?: (done: number) => void): Promise<SearchResult> {
  const shape = shapeOf(parseScenario(req.scenario));
  const seeds = seedList(req.seed, req.runs);
  const fails = (o: RunOutcome) => o.counts[req.guarantee] > 0;
  const job = (seed: number, faults: RawFault[], run: number): Job => ({ cell: 0, run, raw: req.scenario, seed, faults: [...faults, ...recovery(shape)] });
  for (let start = 0; start < seeds.length; start += BATCH) {
    const batch = seeds.slice(start, start + BATCH).map((s, i) => ({ s, faults: randomSchedule(s.schedule, req.model, shape), run: start + i }));
    const outcomes = await runBatch(batch.map((b) => job(b.s.seed, b.faults, b.run)));
    onProgress?.(Math.min(seeds.length, start + BATCH));
    const hit = outcomes.findIndex(fails);
    if (hit >= 0) {
      const seed = batch[hit].s.seed;
      let shrinkRuns = 0;
      const stillFails = async (faults: RawFault[]): Promise<RunOutcome | null> => {
        shrinkRuns++;
        const [o] = await runBatch([job(seed, faults, -1)]);
        return fails(o) ? o : null;
      };
      const shrunk = await shrink(batch[hit].faults, outcomes[hit], stillFails);
      return {
        guarantee: req.guarantee,
        found: true,
        runsTried: batch[hit].run + 1,
        shrinkRuns,
        counterexample: counterexampleOf(req, seed, [...shrunk.faults, ...recovery(shape)]),
        faults: shrunk.faults,
        counts: shrunk.outcome.counts,
      };
    }
  }
  return { guarantee: req.guarantee, found: false, runsTried: seeds.length, shrinkRuns: 0, counterexample: null, faults: [], counts: null };
}

/**
 * The scenario that breaks the guarantee: its seed and faults, and an
 * expectation that says so (`npm run sim` then reports it as met). The
 * scenario's own expectations and description told of the configuration
 * holding, which this run disproves, so they are dropped.
 */
function counterexampleOf(req: SearchRequest, seed: number, faults: RawFault[]): RawScenario {
  const { description: _description, expect: _expect, ...rest } = req.scenario;
  return { ...rest, seed, faults, expect: { [req.guarantee]: '>0' } };
}

type Check = (faults: RawFault[]) => Promise<RunOutcome | null>;

/** Greedy passes until none helps: drop faults, merge brokers, pull times earlier and round them. */
export async function shrink(faults: RawFault[], outcome: RunOutcome, stillFails: Check): Promise<{ faults: RawFault[]; outcome: RunOutcome }> {
  let best = { faults, outcome };
  const tryIt = async (cand: RawFault[]): Promise<boolean> => {
    const o = await stillFails(cand);
    if (o) best = { faults: cand, outcome: o };
    return o !== null;
  };
  for (let pass = 0; pass < 8; pass++) {
    let changed = false;
    // Fewest faults.
    for (let i = best.faults.length - 1; i >= 0; i--) {
      if (await tryIt(best.faults.filter((_, j) => j !== i))) changed = true;
    }
    // Fewest brokers: send every fault on broker x to broker y instead.
    const used = brokersOf(best.faults);
    for (const x of [...used].sort((a, b) => b - a)) {
      for (const y of [...used].sort((a, b) => a - b)) {
        if (y === x || !brokersOf(best.faults).has(x)) continue;
        if (await tryIt(best.faults.map((f) => retarget(f, x, y)))) {
          changed = true;
          break;
        }
      }
    }
    // Earliest and roundest times, keeping the faults' order.
    for (let i = 0; i < best.faults.length; i++) {
      const f = best.faults[i];
      const floor = i > 0 ? best.faults[i - 1].at : 0;
      for (const t of roundings(f.at)) {
        if (t >= f.at || t < floor) continue;
        if (await tryIt(best.faults.map((g, j) => (j === i ? { ...g, at: t } : g)))) {
          changed = true;
          break;
        }
      }
    }
    if (!changed) break;
  }
  return best;
}

/** Candidate times for `at`, roundest first: multiples of 10 s, 5 s, 1 s, 500 ms, 100 ms below it. */
export function roundings(at: number): number[] {
  const out: number[] = [];
  for (const step of [10_000, 5000, 1000, 500, 100]) {
    const t = Math.floor(at / step) * step;
    if (t > 0 && !out.includes(t)) out.push(t);
  }
  return out;
}

/** The brokers a schedule names (broker ids, power-loss lists, bN in partition groups). */
export function brokersOf(faults: RawFault[]): Set<number> {
  const out = new Set<number>();
  const add = (v: unknown) => {
    if (typeof v === 'number') out.add(v);
    else if (typeof v === 'string' && /^b\d+$/.test(v)) out.add(Number(v.slice(1)));
  };
  for (const f of faults) {
    add(f.broker);
    if (Array.isArray(f.brokers)) f.brokers.forEach(add);
    if (Array.isArray(f.groups)) for (const g of f.groups as unknown[][]) g.forEach(add);
  }
  return out;
}

function retarget(f: RawFault, x: number, y: number): RawFault {
  const map = (v: unknown): unknown => (v === x ? y : v === `b${x}` ? `b${y}` : v);
  const out: RawFault = { ...f };
  if ('broker' in f) out.broker = map(f.broker);
  if (Array.isArray(f.brokers)) out.brokers = [...new Set(f.brokers.map(map))];
  if (Array.isArray(f.groups)) {
    const groups = (f.groups as unknown[][]).map((g) => [...new Set(g.map(map))]);
    // A node may stand in one group only: a partition that would put y on both sides is left as it was.
    const all = groups.flat();
    if (new Set(all).size !== all.length) return f;
    out.groups = groups;
  }
  return out;
}

