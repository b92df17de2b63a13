/**
 * The checkpoints' memory budget (src/timeline/checkpoints.ts): the newest
 * checkpoint's own copy of the run comes out of the budget first, and what
 * the others hold beyond it is thinned to what is left (at least a floor).
 * A run whose state alone is over the budget still keeps checkpoints spread
 * over it, and each of them still restores the run as it was.
 */
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { Checkpoints } from '../../src/timeline/checkpoints.ts';
import { Simulation } from '../../src/engine/sim/simulation.ts';
import { parseScenario } from '../../src/engine/scenario/scenario.ts';
import { stateOf } from '../../src/engine/sim/checkpoint.ts';
import { BUSY } from '../../src/state/defaultScenario.ts';
import type { RawScenario } from '../../src/engine/config/liveConfig.ts';

const raw = { ...(BUSY as unknown as RawScenario), until: 60_000 };
const digest = (sim: Simulation) => createHash('sha256').update(JSON.stringify([sim.now, sim.ctx.trace.length, sim.ctx.msgs.size, [...sim.ctx.msgs.status.subarray(0, sim.ctx.msgs.size)]])).digest('hex');

/** A busy run to 60 s with a checkpoint every simulated second under `limits`; the digests of the run at each second. */
function run(limits: { count: number; bytes: number; spread: number }) {
  const sim = new Simulation(parseScenario(raw));
  const cps = new Checkpoints(limits);
  cps.clear(sim);
  const want = new Map<number, string>();
  for (let t = 0; t <= 60_000; t += 1000) {
    sim.runUntil(t);
    cps.take(sim, 0, raw);
    want.set(t, digest(sim));
  }
  return { sim, cps, want };
}

describe('the checkpoint budget', () => {
  let unthinned = { bytes: 0, newest: 0 };

  it('within the budget nothing is thinned: a checkpoint every second', () => {
    const { cps } = run({ count: 400, bytes: 1 << 30, spread: 1 << 30 });
    expect(cps.size).toBe(61);
    unthinned = cps.held;
  });

  it("a run whose newest checkpoint alone is over the budget keeps checkpoints spread over it within the floor beyond that copy, and each restores the run as it was", () => {
    // A quarter of what the 60 checkpoints before the newest held beyond its copy.
    const spread = Math.round((unthinned.bytes - unthinned.newest) / 4);
    expect(spread).toBeGreaterThan(0);
    const { sim, cps, want } = run({ count: 400, bytes: 1, spread });
    const { bytes, newest } = cps.held;
    expect(newest).toBeGreaterThan(1);
    expect(bytes).toBeLessThanOrEqual(newest + spread);
    // Not collapsed to t=0 and now: thinned evenly, t=0 kept.
    expect(cps.size).toBeGreaterThan(4);
    expect(cps.size).toBeLessThan(61);
    expect(cps.nearest(0)!.cp.t).toBe(0);
    const times: number[] = [];
    for (let t = 0; t <= 60_000; t += 1000) {
      const k = cps.nearest(t)!;
      if (times[times.length - 1] !== k.cp.t) times.push(k.cp.t);
    }
    // No hole a seek would have to replay across: no gap over twice the average (the old rule, every other
    // one by index, left none between 0 and 40 s of a 60 s run).
    const gaps = times.slice(1).map((t, i) => t - times[i]);
    expect(Math.max(...gaps), times.join(' ')).toBeLessThanOrEqual((2 * 60_000) / gaps.length);
    for (const t of times) {
      cps.restore(sim, cps.nearest(t)!);
      expect(sim.now).toBe(t);
      expect(digest(sim), `restored at ${t}`).toBe(want.get(t));
    }
    expect(Object.keys(stateOf(sim.ctx)).length).toBeGreaterThan(0);
  });

  it('once the budget thins them, a new checkpoint is due no closer to the last than the mean spacing of those kept, however much the engine worked', () => {
    const spread = Math.round((unthinned.bytes - unthinned.newest) / 4);
    const { cps } = run({ count: 400, bytes: 1, spread });
    const last = cps.nearest(60_000)!.cp.t;
    const mean = last / (cps.size - 1);
    expect(mean).toBeGreaterThan(1000);
    cps.worked(10_000);
    expect(cps.due(last + 1000, true)).toBe(false);
    expect(cps.due(last + Math.ceil(mean / 250) * 250, true)).toBe(true);
    // Within the budget, the work alone makes one due a second later.
    const roomy = run({ count: 400, bytes: 1 << 30, spread: 1 << 30 }).cps;
    roomy.worked(10_000);
    expect(roomy.due(61_000, true)).toBe(true);
  });
});
