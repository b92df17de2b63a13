/**
 * Part of npm run bench: how many what-if runs a second this machine does,
 * using every core, on lesson-size runs (3 brokers, 1 partition, RF 3, 2,000
 * records, a random schedule of up to 4 faults), and the same for the
 * counterexample search. Figures, not a test.
 */
import { availableParallelism } from 'node:os';
import { createPool } from '../../src/cli/whatifPool.ts';
import { aggregate, planMatrix } from '../../src/whatif/matrix.ts';
import { searchCounterexample } from '../../src/whatif/search.ts';
import { DEFAULT_MODEL } from '../../src/whatif/faultModel.ts';

const RUNS = Number(process.env.BENCH_WHATIF_RUNS ?? 2000);

const lessonSize = {
  name: 'what-if bench',
  seed: 1,
  until: 20_000,
  cluster: { brokers: 3, config: { 'min.insync.replicas': 2 }, lab: { detail: false } },
  topics: [{ name: 'orders', partitions: 1, 'replication.factor': 3 }],
  producers: [{ name: 'p1', topic: 'orders', rate: 200, count: 2000, keys: 4 }],
};
const model = { ...DEFAULT_MODEL, kinds: ['crash', 'restart', 'shutdown', 'power-loss'] as const, maxFaults: 4 };

const pool = createPool();
// Warm the workers (module loading, JIT) before timing.
const warm = planMatrix({ scenario: lessonSize, vary: [{ key: 'acks', values: ['all'] }], faults: { mode: 'random', model: { ...model, kinds: [...model.kinds] } }, runs: pool.size * 4, seed: 99 });
await pool.run(warm.jobs);

const { cells, jobs } = planMatrix({ scenario: lessonSize, vary: [{ key: 'acks', values: [1, 'all'] }], faults: { mode: 'random', model: { ...model, kinds: [...model.kinds] } }, runs: RUNS / 2, seed: 1 });
let t = performance.now();
const outcomes = await pool.run(jobs);
let s = (performance.now() - t) / 1000;
const res = aggregate(cells, jobs, outcomes);
console.log(`what-if: ${Math.round(jobs.length / s)} runs/s (${jobs.length} lesson-size runs in ${s.toFixed(1)} s on ${pool.size} of ${availableParallelism()} cores; acked loss in ${(res[0].rates.lostAcked.rate * 100).toFixed(0)}% of acks=1 runs, ${(res[1].rates.lostAcked.rate * 100).toFixed(0)}% of acks=all runs)`);

t = performance.now();
const found = await searchCounterexample({ scenario: lessonSize, model: { ...model, kinds: ['crash', 'restart', 'shutdown'], maxDown: 1 }, guarantee: 'lostAcked', runs: RUNS / 2, seed: 5 }, (j) => pool.run(j));
s = (performance.now() - t) / 1000;
console.log(`search: ${Math.round((found.runsTried + found.shrinkRuns) / s)} runs/s (${found.found ? `found after ${found.runsTried} runs, shrunk in ${found.shrinkRuns}` : `not found in ${found.runsTried} runs`}, ${s.toFixed(1)} s)`);
await pool.close();
