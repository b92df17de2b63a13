/**
 * The lab's host without a browser: a LabHost (timeline plus observer) driven
 * as the page drives it (play at maximum speed, one 'frame' after another,
 * each answered by a batched update), against the bare engine on the same
 * scenario. Also the seek times after a long run. Figures, not tests.
 */
import { performance } from 'node:perf_hooks';
import { parseScenario } from '../../src/engine/scenario/scenario.ts';
import { Simulation } from '../../src/engine/sim/simulation.ts';
import { LabHost } from '../../src/timeline/host.ts';
import { MAX_SPEED, type HostEvent, type Update } from '../../src/timeline/protocol.ts';

export function bareMs(raw: unknown, until: number): number {
  const t0 = performance.now();
  const sim = new Simulation(parseScenario({ ...(raw as object), until }));
  sim.runUntil(until);
  return performance.now() - t0;
}

/** A host that has played `raw` to `until` at maximum speed, and the wall ms it took. */
export function hostRun(raw: unknown, until: number): { host: LabHost; ms: number; last: () => Update | null } {
  let last: Update | null = null;
  const host = new LabHost((e: HostEvent) => {
    if (e.type === 'update') last = e;
    if (e.type === 'error') throw new Error(`${e.where}: ${e.reason}`);
  }, () => performance.now());
  const t0 = performance.now();
  host.handle({ type: 'load', scenario: { ...(raw as object), until } });
  host.handle({ type: 'speed', speed: MAX_SPEED });
  host.handle({ type: 'play' });
  for (let wall = 0; last!.playing; wall += 16) host.handle({ type: 'frame', wallMs: wall });
  return { host, ms: performance.now() - t0, last: () => last };
}

/** Seeks to `n` spread-out times (a fixed pseudo-random order), each timed from command to update. */
export function seekTimes(host: LabHost, horizon: number, n: number): number[] {
  const out: number[] = [];
  let x = 12345;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    const t = Math.round((x / 2 ** 31) * horizon);
    const t0 = performance.now();
    host.handle({ type: 'seek', t });
    out.push(performance.now() - t0);
  }
  return out.sort((a, b) => a - b);
}
