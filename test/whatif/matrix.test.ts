import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { aggregate, planMatrix } from '../../src/whatif/matrix.ts';
import { applySetting, parseVary, scopeOf } from '../../src/whatif/settings.ts';
import { randomSchedule, recovery, DEFAULT_MODEL } from '../../src/whatif/faultModel.ts';
import { wilson } from '../../src/whatif/stats.ts';
import { parseScenario } from '../../src/engine/scenario/scenario.ts';
import { inProcess } from './helpers.ts';

const failover = JSON.parse(readFileSync('public/scenarios/acks1-failover.json', 'utf8')) as Record<string, unknown>;

describe('what-if matrix', () => {
  it('on the acks=1 failover, the acks=1 cell loses acknowledged records and the acks=all cell loses none', async () => {
    const { cells, jobs } = planMatrix({ scenario: failover, vary: [parseVary('acks=1,all')], faults: { mode: 'scenario' }, runs: 6, seed: 3 });
    const result = aggregate(cells, jobs, await inProcess(jobs));
    expect(result.map((c) => c.settings)).toEqual([{ acks: 1 }, { acks: 'all' }]);
    expect(result[0].rates.lostAcked.runs).toBeGreaterThan(0);
    expect(result[0].worst).not.toBeNull();
    expect(result[1].rates.lostAcked.runs).toBe(0);
    expect(result[1].rates.lostAcked.high).toBeGreaterThan(0); // 0 of 6 still allows a rate above 0
    expect(result[0].throughput).toBeGreaterThan(0);
  });

  it('uses the same seeds and fault schedules in every cell, so cells differ only by the setting', () => {
    const { jobs } = planMatrix({ scenario: failover, vary: [parseVary('acks=1,all'), parseVary('min.insync.replicas=1,2')], faults: { mode: 'random', model: { ...DEFAULT_MODEL, kinds: ['crash', 'restart', 'power-loss'] } }, runs: 5, seed: 9 });
    const byCell = [0, 1, 2, 3].map((c) => jobs.filter((j) => j.cell === c).map((j) => JSON.stringify([j.seed, j.faults])));
    for (const c of byCell) expect(c).toEqual(byCell[0]);
    expect(new Set(byCell[0]).size).toBe(5);
  });

  it('puts each setting where the scenario format keeps it, and the parser then applies it', () => {
    const s = (raw: Record<string, unknown>) => parseScenario(raw);
    expect(s(applySetting(failover, 'acks', 'all')).producers[0].config.acks).toBe('all');
    expect(s(applySetting(failover, 'min.insync.replicas', 2)).topics[0].config['min.insync.replicas']).toBe(2);
    expect(s(applySetting(failover, 'lab.truncation', 'high-watermark')).lab.truncation).toBe('high-watermark');
    expect(scopeOf('enable.auto.commit')).toBe('consumer');
    expect(() => parseVary('acks.typo=1')).toThrow(/"acks.typo" is not a setting/);
    expect(() => parseVary('acks')).toThrow(/KEY=V1,V2/);
  });

  it('a value Kafka refuses is refused before anything runs, with Kafka\'s reason', () => {
    expect(() => planMatrix({ scenario: failover, vary: [parseVary('acks=2')], faults: { mode: 'scenario' }, runs: 1, seed: 1 })).toThrow(/acks/);
  });

  it('random schedules are deterministic per seed and respect the broker limit', () => {
    const shape = { brokers: 3, partitions: ['orders-0'], producers: ['p1'], consumers: [], until: 30_000 };
    const model = { ...DEFAULT_MODEL, kinds: ['crash' as const, 'power-loss' as const, 'restart' as const], maxFaults: 6, rate: 20, maxDown: 1 };
    for (let seed = 0; seed < 50; seed++) {
      const a = randomSchedule(seed, model, shape);
      expect(randomSchedule(seed, model, shape)).toEqual(a);
      let down = 0;
      for (const f of a) {
        down += f.type === 'restart' ? -1 : 1;
        expect(down).toBeLessThanOrEqual(1);
      }
    }
    expect(recovery(shape).filter((f) => f.type === 'restart')).toHaveLength(3);
  });

  it('gives an honest interval: 0 of 200 runs allows up to about 1.9%', () => {
    const [low, high] = wilson(0, 200);
    expect(low).toBe(0);
    expect(high).toBeCloseTo(0.0188, 3);
    const [l2, h2] = wilson(100, 200);
    expect(l2).toBeLessThan(0.5);
    expect(h2).toBeGreaterThan(0.5);
  });
});
