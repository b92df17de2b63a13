import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { planMatrix } from '../../src/whatif/matrix.ts';
import { parseVary } from '../../src/whatif/settings.ts';
import { DEFAULT_MODEL } from '../../src/whatif/faultModel.ts';
import { packJobs, readRow, WireRunner } from '../../src/whatif/wire.ts';
import { inProcess } from './helpers.ts';

const failover = JSON.parse(readFileSync('public/scenarios/acks1-failover.json', 'utf8')) as Record<string, unknown>;

describe('what-if runs as they cross to a worker', () => {
  it.each([
    ['the scenario\'s own faults', { mode: 'scenario' as const }],
    ['random schedules', { mode: 'random' as const, model: { ...DEFAULT_MODEL, kinds: ['crash' as const, 'restart' as const, 'power-loss' as const] } }],
  ])('give the same outcome per seed as a run of the whole scenario (%s)', async (_, faults) => {
    const { jobs } = planMatrix({ scenario: failover, vary: [parseVary('acks=1,all')], faults, runs: 3, seed: 4 });
    const wire = packJobs(jobs);
    // Each cell's scenario crosses once, not once per run.
    expect(wire.cells).toHaveLength(2);
    expect(wire.runs.every((r) => (faults.mode === 'scenario' ? r.faults === null : r.faults !== null))).toBe(true);
    const runner = new WireRunner();
    runner.setCells(structuredClone(wire.cells));
    const rows = runner.run(structuredClone(wire.runs));
    const outcomes = jobs.map((j, i) => readRow(rows, i, j.seed));
    expect(outcomes).toEqual(await inProcess(jobs));
    expect(outcomes.every((o) => o.produced > 0)).toBe(true);
  });
});
