/**
 * Part of npm run bench: how many what-if runs a second this machine does,
 * using every core, on lesson-size runs (3 brokers, 1 partition, RF 3, 2,000
 * records, a random schedule of up to 4 faults), and the same for the
 * counterexample search. Figures, not a test. Beside runs/s it prints the CPU
 * time a run took (all threads of the process): on a machine others load,
 * that figure moves less than the wall clock.
 */
import { availableParallelism, loadavg } from 'node:os';
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

/** Wall seconds and CPU ms per run of `f`, which does `runs` runs. */
async function measure<T>(runs: () => number, f: () => Promise<T>): Promise<{ value: T; s: number; cpuMs: number }> {
  const c = process.cpuUsage();
  const t = performance.now();
  const value = await f();
  const s = (performance.now() - t) / 1000;
  const u = process.cpuUsage(c);
  return { value, s, cpuMs: (u.user + u.system) / 1000 / runs() };
}

let t = performance.now();
const pool = createPool();
// Warm the workers (module loading, JIT) before timing: a few chunks each, so the shared-start path (prefix.ts) is compiled too.
const warm = planMatrix({ scenario: lessonSize, vary: [{ key: 'acks', values: ['all'] }], faults: { mode: 'random', model: { ...model, kinds: [...model.kinds] } }, runs: pool.size * 64, seed: 99 });
await pool.run(warm.jobs);
const startup = performance.now() - t;

const { cells, jobs } = planMatrix({ scenario: lessonSize, vary: [{ key: 'acks', values: [1, 'all'] }], faults: { mode: 'random', model: { ...model, kinds: [...model.kinds] } }, runs: RUNS / 2, seed: 1 });
const m = await measure(() => jobs.length, () => pool.run(jobs));
const res = aggregate(cells, jobs, m.value);
const load = loadavg().map((x) => x.toFixed(2)).join(' ');
console.log(`what-if: ${Math.round(jobs.length / m.s)} runs/s (${jobs.length} lesson-size runs in ${m.s.toFixed(1)} s on ${pool.size} of ${availableParallelism()} cores, ${m.cpuMs.toFixed(1)} ms of CPU a run, pool ready in ${Math.round(startup)} ms; load average ${load}; acked loss in ${(res[0].rates.lostAcked.rate * 100).toFixed(0)}% of acks=1 runs, ${(res[1].rates.lostAcked.rate * 100).toFixed(0)}% of acks=all runs)`);

// Every run the pool did, those of a batch beyond the first failing run and shrinking's thrown-away candidates included.
let ran = 0;
const s = await measure(() => ran, () => searchCounterexample({ scenario: lessonSize, model: { ...model, kinds: ['crash', 'restart', 'shutdown'], maxDown: 1 }, guarantee: 'lostAcked', runs: RUNS / 2, seed: 5 }, (j) => pool.run(j, (n) => (ran += n)), undefined, pool.size));
const found = s.value;
console.log(`search: ${Math.round(ran / s.s)} runs/s (${found.found ? `found after ${found.runsTried} runs, shrunk in ${found.shrinkRuns}` : `not found in ${found.runsTried} runs`}, ${s.s.toFixed(1)} s, ${s.cpuMs.toFixed(1)} ms of CPU a run)`);
await pool.close();
