/**
 * Checkpoints (src/engine/checkpoint.ts): restoring one and running on gives
 * exactly the run that never stopped: the same trace, byte for byte, and the
 * same checker result; the checkpoint can be restored again and again.
 */
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/engine/scenario.ts';
import { Simulation } from '../../src/engine/simulation.ts';
import { check } from '../../src/engine/checker.ts';
import { restoreCheckpoint, takeCheckpoint } from '../../src/engine/checkpoint.ts';
import { BUSY } from '../../src/state/defaultScenario.ts';
import { readFileSync } from 'node:fs';

const example = (name: string) => JSON.parse(readFileSync(new URL(`../../public/scenarios/${name}`, import.meta.url), 'utf8')) as unknown;

const digest = (sim: Simulation) => JSON.stringify({ trace: sim.ctx.trace, summary: check(sim.ctx, { stories: false, maxAnomalies: 50 }) });

describe('checkpoints', () => {
  for (const [name, raw, at, end] of [
    ['busy cluster with a consumer group', BUSY, 6000, 15000],
    ['consumer-autocommit-crash.json', example('consumer-autocommit-crash.json'), 13000, 40000],
    ['kip101-hw-truncation.json', example('kip101-hw-truncation.json'), 2000, 30000],
  ] as const) {
    it(`${name}: restoring a checkpoint taken at ${at} ms and running to ${end} ms gives the uninterrupted run`, () => {
      const straight = new Simulation(parseScenario(raw));
      straight.runUntil(end);
      const want = digest(straight);

      const sim = new Simulation(parseScenario(raw));
      sim.runUntil(at);
      const cp = takeCheckpoint(sim);
      sim.runUntil(end);
      expect(digest(sim)).toBe(want);
      const longest = sim.ctx.trace;
      // Back to the checkpoint from the end, twice: the checkpoint is not used up.
      for (let i = 0; i < 2; i++) {
        restoreCheckpoint(sim, cp, longest);
        expect(sim.now).toBe(at);
        sim.runUntil(end);
        expect(digest(sim)).toBe(want);
      }
    });
  }
});
