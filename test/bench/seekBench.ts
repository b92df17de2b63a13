/**
 * The seek and checkpoint figures alone (npm run bench prints them too, after
 * the long throughput runs): the lab's host plays the busy scenario for
 * `argv[2]` simulated ms (10 minutes by default), then seeks 40 times.
 * Run with: node --expose-gc --import tsx test/bench/seekBench.ts [ms]
 */
import { loadavg } from 'node:os';
import { BUSY } from '../../src/state/defaultScenario.ts';
import { hostRun, seekTimes } from './hostRun.ts';

const until = Number(process.argv[2] ?? 600_000);
const hosted = hostRun(BUSY, until);
const cps = (hosted.host as unknown as { tl: { checkpoints: { size: number; bytes: number } } }).tl.checkpoints;
console.log(`load average ${loadavg()[0].toFixed(1)}; busy scenario to ${until} ms: lab host ${hosted.ms.toFixed(0)} ms; ${cps.size} checkpoints, ${((cps as unknown as { bytes: number }).bytes / 2 ** 20).toFixed(1)} MB counted`);
const seeks = seekTimes(hosted.host, until, 40);
console.log(`seek after a ${until / 60_000}-minute run: median ${seeks[seeks.length >> 1].toFixed(0)} ms, worst ${seeks[seeks.length - 1].toFixed(0)} ms`);
