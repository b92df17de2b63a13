import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { planMatrix } from '../../src/whatif/matrix.ts';
import { parseVary } from '../../src/whatif/settings.ts';
import { DEFAULT_MODEL } from '../../src/whatif/faultModel.ts';
import { packJobs, readRow, ROW, WireRunner } from '../../src/whatif/wire.ts';
import { inProcess, lessonScenario } from './helpers.ts';

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
    const outcomes = new Array(jobs.length);
    wire.order.forEach((j, i) => (outcomes[j] = readRow(rows, i, jobs[j].seed)));
    expect(outcomes).toEqual(await inProcess(jobs));
    expect(outcomes.every((o) => o.produced > 0)).toBe(true);
  });

  it('give the same outcomes when a worker gets a cell\'s runs chunk after chunk, its shared starts kept between chunks, then earlier runs again, then the next batch of the same cells', async () => {
    const { jobs } = planMatrix({ scenario: lessonScenario({ acks: 1 }), vary: [parseVary('acks=1,all')], faults: { mode: 'random', model: { ...DEFAULT_MODEL, kinds: ['crash', 'restart', 'power-loss'] } }, runs: 24, seed: 9 });
    const wire = packJobs(jobs);
    // Cell by cell, each cell's runs by first fault: the order in which the chunks reach a worker.
    const at = (i: number) => Math.min(...jobs[i].faults.map((f) => f.at));
    wire.order.forEach((j, i) => i > 0 && jobs[wire.order[i - 1]].cell === jobs[j].cell && expect(at(j)).toBeGreaterThanOrEqual(at(wire.order[i - 1])));
    const runner = new WireRunner();
    runner.setCells(wire.cells);
    const outcomes = new Array(jobs.length);
    // Chunks of 7 (a chunk may hold runs of two cells), then the first chunk again: its runs lie before the kept starts.
    const chunks = [...Array.from({ length: Math.ceil(wire.runs.length / 7) }, (_, k) => k * 7), 0];
    // Then a next batch of the same cells: the starts go back to their snapshots, and jump ahead over them.
    const again = chunks.slice(0, -1);
    for (const first of [...chunks, -1, ...again]) {
      if (first < 0) {
        runner.setCells(structuredClone(wire.cells));
        continue;
      }
      const rows = runner.run(wire.runs.slice(first, first + 7));
      for (let i = 0; i < rows.length / ROW; i++) {
        const j = wire.order[first + i];
        const o = readRow(rows, i, jobs[j].seed);
        if (outcomes[j]) expect(o).toEqual(outcomes[j]);
        outcomes[j] = o;
      }
    }
    expect(outcomes).toEqual(await inProcess(jobs));
  });
});
