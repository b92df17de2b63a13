/**
 * npm run bench: the engine's throughput on fixed workloads, checker included.
 * 3 brokers, 6 partitions, RF 3, one million messages, a leader crash and a
 * restart along the way; then the same with a consumer group of 3 members.
 * Prints simulated messages per second of wall time and peak heap, first with
 * the engine bundled as the lab runs it (bundled.ts), then through tsx as
 * `npm run sim` runs it, each a cold run of freshly loaded code; then the
 * lab's host against the bare engine on the busy scenario (10 simulated
 * minutes, fastest of three each), seek times after that run, and the peak RSS of one simulated hour
 * (a child process). Figures, not a test: nothing here fails on a slow machine.
 */
import { availableParallelism, loadavg } from 'node:os';
import { execFileSync } from 'node:child_process';
import { BUSY } from '../../src/state/defaultScenario.ts';
import { bareMs, hostRun, seekTimes } from './hostRun.ts';
import { consumerGroupWorkload } from './consumerWorkload.ts';
import { measure, print } from './measure.ts';
import { importBundled } from './bundled.ts';

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 1_000_000);

export const producerWorkload = {
  name: `bench: 3 brokers, 6 partitions, RF 3, ${MESSAGES.toLocaleString('en')} messages, leader crash + restart`,
  seed: 42,
  until: 60_000,
  cluster: { brokers: 3, config: { 'min.insync.replicas': 2 }, lab: { detail: false } },
  topics: [{ name: 'events', partitions: 6, 'replication.factor': 3 }],
  producers: [{ name: 'p1', topic: 'events', rate: 100_000, count: MESSAGES, keys: 1000, messageBytes: 100 }],
  faults: [
    { at: 3000, type: 'crash', broker: { leaderOf: 'events-0' } },
    { at: 6000, type: 'restart', broker: 1 },
  ],
};

console.log(`node ${process.version}, ${availableParallelism()} cores, load average ${loadavg()[0].toFixed(1)} (a busy machine slows every figure)`);
const consumers = consumerGroupWorkload(MESSAGES);
const bundled = await importBundled<typeof import('./measure.ts')>(new URL('./measure.ts', import.meta.url));
if (bundled) {
  print(`${producerWorkload.name} [bundled, as in the lab]`, bundled.measure(producerWorkload));
  print(`${consumers.name} [bundled, as in the lab]`, bundled.measure(consumers));
}
print(`${producerWorkload.name} [through tsx, as npm run sim]`, measure(producerWorkload));
print(`${consumers.name} [through tsx, as npm run sim]`, measure(consumers));

// The lab's host (timeline plus observer, no browser) against the bare engine, on the busy scenario.
const TEN_MINUTES = 600_000;
// Three of each, alternating, and the fastest of each: on a shared machine one
// pair can differ by 30% from the next (another tenant takes the core), and
// interference only ever slows a run down.
const bares: number[] = [];
const hosts: number[] = [];
let hosted!: ReturnType<typeof hostRun>;
for (let i = 0; i < 3; i++) {
  bares.push(bareMs(BUSY, TEN_MINUTES));
  hosted = hostRun(BUSY, TEN_MINUTES);
  hosts.push(hosted.ms);
}
const bare = Math.min(...bares);
const host = Math.min(...hosts);
const ms = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(' / ');
console.log(`\nbusy scenario, 10 simulated minutes, three runs each (the ratio takes the fastest of each): bare engine ${ms(bares)} ms, lab host ${ms(hosts)} ms`);
console.log(`host/bare ratio: ${(host / bare).toFixed(2)}`);
const seeks = seekTimes(hosted.host, TEN_MINUTES, 40);
console.log(`seek after a 10-minute run: median ${seeks[seeks.length >> 1].toFixed(0)} ms, worst ${seeks[seeks.length - 1].toFixed(0)} ms`);
// In a child process, so the peak is that run's own.
const out = execFileSync(process.execPath, ['--import', 'tsx', new URL('./hostHour.ts', import.meta.url).pathname], { encoding: 'utf8', maxBuffer: 1 << 20 });
console.log(`peak RSS, 1 simulated hour: ${out.trim().split('\n').pop()} MB`);
