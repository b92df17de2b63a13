/**
 * npm run bench: the engine's throughput on fixed workloads, checker included.
 * 3 brokers, 6 partitions, RF 3, one million messages, a leader crash and a
 * restart along the way; then the same with a consumer group of 3 members.
 * Prints simulated messages per second of wall time and peak heap, first with
 * the engine bundled as the lab runs it (bundled.ts), then through tsx as
 * `npm run sim` runs it, each a cold run of freshly loaded code in a fresh
 * child process (throughputRun.ts); then the
 * lab's host against the bare engine on the busy scenario (10 simulated
 * minutes, fastest of three each), bundled as the lab's worker runs it and
 * then through tsx; seek times after the bundled run; and the peak RSS of one
 * simulated hour (a child process each, bundled and through tsx). Figures,
 * not a test: nothing here fails on a slow machine.
 */
import { availableParallelism, loadavg } from 'node:os';
import { execFileSync } from 'node:child_process';
import { BUSY } from '../../src/state/defaultScenario.ts';
import { bareMs, hostRun, seekTimes } from './hostRun.ts';
import { consumerGroupWorkload } from './consumerWorkload.ts';
import { print, type BenchResult } from './measure.ts';
import { producerWorkload } from './producerWorkload.ts';
import { bundleFile, importBundled } from './bundled.ts';

const producer = producerWorkload();
const consumers = consumerGroupWorkload();
console.log(`node ${process.version}, ${availableParallelism()} cores, load average ${loadavg()[0].toFixed(1)} (a busy machine slows every figure)`);

// Each workload in a fresh child process (throughputRun.ts), bundled then
// through tsx: every run is the first of its process, as in a lab worker just started.
const runEntry = new URL('./throughputRun.ts', import.meta.url);
const runBundle = bundleFile(runEntry);
const lastLine = (out: string) => out.trim().split('\n').pop() ?? '';
const throughput = (args: string[], which: string): BenchResult => JSON.parse(lastLine(execFileSync(process.execPath, ['--expose-gc', ...args, which], { encoding: 'utf8', maxBuffer: 1 << 20 })));
for (const [how, args] of [
  ...(runBundle ? [['bundled, as in the lab', [runBundle]] as const] : []),
  ['through tsx, as npm run sim', ['--import', 'tsx', runEntry.pathname]] as const,
]) {
  print(`${producer.name} [${how}]`, throughput([...args], 'producer'));
  print(`${consumers.name} [${how}]`, throughput([...args], 'consumer'));
}

// The lab's host (timeline plus observer, no browser) against the bare engine,
// on the busy scenario: bundled, as the lab's worker runs both, then through
// tsx for comparison (its loader taxes every call across modules, and the host
// makes more of those than the engine alone: see bundled.ts).
const TEN_MINUTES = 600_000;
const hostModule = (await importBundled<typeof import('./hostRun.ts')>(new URL('./hostRun.ts', import.meta.url))) ?? { bareMs, hostRun, seekTimes };
const ms = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(' / ');

// Three of each, alternating, and the fastest of each: on a shared machine one
// pair can differ by 30% from the next (another tenant takes the core), and
// interference only ever slows a run down.
function hostAgainstBare(m: typeof hostModule, how: string): { hosted: ReturnType<typeof hostRun>; ratio: number } {
  const bares: number[] = [];
  const hosts: number[] = [];
  let hosted!: ReturnType<typeof hostRun>;
  for (let i = 0; i < 3; i++) {
    bares.push(m.bareMs(BUSY, TEN_MINUTES));
    hosted = m.hostRun(BUSY, TEN_MINUTES);
    hosts.push(hosted.ms);
  }
  console.log(`\nbusy scenario, 10 simulated minutes, ${how}, three runs each (the ratio takes the fastest of each): bare engine ${ms(bares)} ms, lab host ${ms(hosts)} ms`);
  return { hosted, ratio: Math.min(...hosts) / Math.min(...bares) };
}
const lab = hostAgainstBare(hostModule, hostModule.hostRun === hostRun ? 'through tsx (no bundler at hand)' : 'bundled as in the lab');
console.log(`host/bare ratio: ${lab.ratio.toFixed(2)}`);
const seeks = hostModule.seekTimes(lab.hosted.host, TEN_MINUTES, 40);
console.log(`seek after a 10-minute run: median ${seeks[seeks.length >> 1].toFixed(0)} ms, worst ${seeks[seeks.length - 1].toFixed(0)} ms`);
if (hostModule.hostRun !== hostRun) {
  console.log(`host/bare ratio through tsx: ${hostAgainstBare({ bareMs, hostRun, seekTimes }, 'through tsx, as npm run sim').ratio.toFixed(2)}`);
}

// Each in a child process of its own, so the peak is that run's alone: the
// bundle as the lab's worker would hold it, then through tsx (whose loader and
// compiled modules add their own tens of MB).
const hourEntry = new URL('./hostHour.ts', import.meta.url);
const hourBundle = bundleFile(hourEntry);
const peak = (args: string[]) => execFileSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 20 }).trim().split('\n').pop();
if (hourBundle) console.log(`peak RSS, 1 simulated hour: ${peak([hourBundle])} MB`);
console.log(`peak RSS, 1 simulated hour${hourBundle ? ' through tsx' : ''}: ${peak(['--import', 'tsx', hourEntry.pathname])} MB`);
