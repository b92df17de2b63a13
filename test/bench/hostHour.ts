/**
 * Child process of npm run bench: the lab's host plays the busy scenario for
 * one simulated hour at maximum speed, then prints its own peak RSS (MB) on
 * the last line, so the figure is this run's alone.
 */
import { BUSY } from '../../src/state/defaultScenario.ts';
import { hostRun } from './hostRun.ts';

const until = Number(process.argv[2] ?? 3_600_000);
const { last } = hostRun(BUSY, until);
console.log(`simulated ${last()?.snapshot.t} ms`);
console.log(Math.round(process.resourceUsage().maxRSS / 1024));
