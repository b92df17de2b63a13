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

/**
 * Runs per batch: the first batch small, so an easy counterexample comes
 * quickly; then doubling, so the pool rarely waits at a batch's end for its
 * slowest worker. The answer does not depend on it: the first failing run in
 * seed order wins whatever the batch sizes.
 */
const FIRST_BATCH = 64;
const MAX_BATCH = 512;

/**
 * `width`: how many candidates shrinking tries at once (the pool's size).
 * The shrunk schedule and its run count are the same for every width.
 */
export async function searchCounterexample(req: SearchRequest, runBatch: RunBatch, onProgress?: (done: number) => void, width = 1): Promise<SearchResult> {
  const shape = shapeOf(parseScenario(req.scenario));
  const seeds = seedList(req.seed, req.runs);
  const fails = (o: RunOutcome) => o.counts[req.guarantee] > 0;
  const job = (seed: number, faults: RawFault[], run: number): Job => ({ cell: 0, run, raw: req.scenario, seed, faults: [...faults, ...recovery(shape)] });
  for (let start = 0, size = FIRST_BATCH; start < seeds.length; start += size, size = Math.min(MAX_BATCH, size * 2)) {
    const batch = seeds.slice(start, start + size).map((s, i) => ({ s, faults: randomSchedule(s.schedule, req.model, shape), run: start + i }));
    const outcomes = await runBatch(batch.map((b) => job(b.s.seed, b.faults, b.run)));
    onProgress?.(Math.min(seeds.length, start + size));
    const hit = outcomes.findIndex(fails);
    if (hit >= 0) {
      const seed = batch[hit].s.seed;
      const stillFail = async (cands: RawFault[][]): Promise<(RunOutcome | null)[]> => (await runBatch(cands.map((c) => job(seed, c, -1)))).map((o) => (fails(o) ? o : null));
      const shrunk = await shrink(batch[hit].faults, outcomes[hit], stillFail, width);
      return {
        guarantee: req.guarantee,
        found: true,
        runsTried: batch[hit].run + 1,
        shrinkRuns: shrunk.runs,
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

/** Runs candidate schedules; for each, its outcome if it still breaks the guarantee, else null. */
type Check = (candidates: RawFault[][]) => Promise<(RunOutcome | null)[]>;
type Best = { faults: RawFault[]; outcome: RunOutcome };

/**
 * Greedy passes until none helps: drop faults, merge brokers, pull times
 * earlier and round them. Each step tries candidates made from the current
 * best in a fixed order and takes the first that still fails. With `width`
 * above 1 the next few candidates run at once; those after the first success
 * are thrown away, as a one-at-a-time search would never have run them, so
 * the result (and `runs`, which counts the candidates a one-at-a-time search
 * runs) is the same for every width.
 */
export async function shrink(faults: RawFault[], outcome: RunOutcome, stillFails: Check, width = 1): Promise<Best & { runs: number }> {
  let best: Best = { faults, outcome };
  let runs = 0;
  /** Tries `cands` (made from the current best) in order; on the first success, makes it the best and returns its index. */
  const firstSuccess = async (cands: RawFault[][]): Promise<number> => {
    for (let from = 0; from < cands.length; from += width) {
      const group = cands.slice(from, from + width);
      const outs = await stillFails(group);
      const j = outs.findIndex((o) => o !== null);
      if (j >= 0) {
        runs += j + 1;
        best = { faults: group[j], outcome: outs[j]! };
        return from + j;
      }
      runs += group.length;
    }
    return -1;
  };
  for (let pass = 0; pass < 8; pass++) {
    let changed = false;
    // Fewest faults: drop each fault, last first; after a success, go on before the dropped one.
    for (let i = best.faults.length - 1; i >= 0; ) {
      const b = best.faults;
      const j = await firstSuccess(Array.from({ length: i + 1 }, (_, k) => b.filter((_, x) => x !== i - k)));
      if (j < 0) break;
      changed = true;
      i = i - j - 1;
    }
    // Fewest brokers: send every fault on broker x to broker y instead.
    const used = brokersOf(best.faults);
    for (const x of [...used].sort((a, b) => b - a)) {
      if (!brokersOf(best.faults).has(x)) continue;
      const ys = [...used].sort((a, b) => a - b).filter((y) => y !== x);
      if ((await firstSuccess(ys.map((y) => best.faults.map((f) => retarget(f, x, y))))) >= 0) changed = true;
    }
    // Earliest and roundest times, keeping the faults' order.
    for (let i = 0; i < best.faults.length; i++) {
      const b = best.faults;
      const f = b[i];
      const floor = i > 0 ? b[i - 1].at : 0;
      const times = roundings(f.at).filter((t) => t < f.at && t >= floor);
      if ((await firstSuccess(times.map((t) => b.map((g, j) => (j === i ? { ...g, at: t } : g))))) >= 0) changed = true;
    }
    if (!changed) break;
  }
  return { ...best, runs };
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

