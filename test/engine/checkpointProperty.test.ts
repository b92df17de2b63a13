/**
 * A checkpoint taken at any moment of any example, restored after the run has
 * gone on past it, gives the uninterrupted run: the same trace and the same
 * report (the CLI's --json report), byte for byte. Every file in
 * public/scenarios, at a random moment of its first HORIZON ms (its whole run
 * when shorter: the longest examples would take minutes on a shared machine).
 * The seed is printed; FC_SEED=<n> replays a failure.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { parseScenario, type Scenario } from '../../src/engine/scenario/scenario.ts';
import { Simulation } from '../../src/engine/sim/simulation.ts';
import { buildReport } from '../../src/engine/checker/report.ts';
import { restoreCheckpoint, takeCheckpoint } from '../../src/engine/sim/checkpoint.ts';

const HORIZON = 20_000;
const dir = new URL('../../public/scenarios/', import.meta.url);
const examples = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort();

const parsed = new Map<string, Scenario>();
const scenarioOf = (file: string): Scenario => {
  let s = parsed.get(file);
  if (!s) {
    const raw = JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as Record<string, unknown>;
    s = parseScenario({ ...raw, until: Math.min(Number(raw.until ?? HORIZON), HORIZON) });
    parsed.set(file, s);
  }
  return s;
};

const digest = (sim: Simulation, s: Scenario): string => JSON.stringify({ trace: sim.ctx.trace, report: buildReport(sim.ctx, { name: s.name, seed: s.seed, until: s.until }) });

const straight = new Map<string, string>();
const uninterrupted = (file: string): string => {
  let d = straight.get(file);
  if (d === undefined) {
    const s = scenarioOf(file);
    const sim = new Simulation(s);
    sim.runUntil(s.until);
    d = digest(sim, s);
    straight.set(file, d);
  }
  return d;
};

const seed = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);

console.log(`checkpoint property: fast-check seed ${seed} (FC_SEED=${seed} replays it)`);

describe('checkpoint restore over every example', () => {
  it.each(examples)('%s: restoring a checkpoint taken at a random moment, after running on past it, gives the uninterrupted run byte for byte (trace and report)', (file) => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), (point) => {
        const s = scenarioOf(file);
        const at = Math.floor(point * s.until);
        const sim = new Simulation(s);
        sim.runUntil(at);
        const cp = takeCheckpoint(sim);
        sim.runUntil(s.until);
        const longest = sim.ctx.trace;
        restoreCheckpoint(sim, cp, longest);
        expect(sim.now).toBe(at);
        sim.runUntil(s.until);
        expect(digest(sim, s), `restored at ${at} ms`).toBe(uninterrupted(file));
      }),
      { seed, numRuns: 1 },
    );
  }, 180_000);
});
