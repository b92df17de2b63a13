import { describe, expect, it } from 'vitest';
import { searchCounterexample, roundings, brokersOf } from '../../src/whatif/search.ts';
import { DEFAULT_MODEL, type FaultModel } from '../../src/whatif/faultModel.ts';
import { runOne } from '../../src/whatif/runOne.ts';
import { inProcess, lessonScenario, SAFE } from './helpers.ts';

const model = (kinds: FaultModel['kinds'], over: Partial<FaultModel> = {}): FaultModel => ({ ...DEFAULT_MODEL, kinds, ...over });

describe('counterexample search', () => {
  it('acks=1: finds acknowledged loss and shrinks it to at most 2 faults that still lose records', async () => {
    const acks1 = lessonScenario({ acks: 1 });
    const r = await searchCounterexample({ scenario: acks1, model: model(['crash', 'restart', 'slow-follower'], { rate: 12 }), guarantee: 'lostAcked', runs: 500, seed: 1 }, inProcess);
    expect(r.found).toBe(true);
    expect(r.faults.length).toBeLessThanOrEqual(2);
    // The shrunk scenario, run as a user would open it, still shows the loss.
    const ce = r.counterexample!;
    expect(runOne(ce, ce.seed as number, ce.faults as never).counts.lostAcked).toBeGreaterThan(0);
  });

  it('the same search seed gives the same counterexample', async () => {
    const acks1 = lessonScenario({ acks: 1 });
    const req = { scenario: acks1, model: model(['crash', 'restart', 'power-loss']), guarantee: 'lostAcked' as const, runs: 300, seed: 42 };
    const a = await searchCounterexample(req, inProcess);
    const b = await searchCounterexample(req, inProcess);
    expect(a.found).toBe(true);
    expect(JSON.stringify(b.counterexample)).toBe(JSON.stringify(a.counterexample));
  });

  it('gives the same counterexample, shrunk in as many runs, when shrinking tries several candidates at once', async () => {
    const acks1 = lessonScenario({ acks: 1 });
    const req = { scenario: acks1, model: model(['crash', 'restart', 'power-loss', 'slow-follower'], { rate: 12 }), guarantee: 'lostAcked' as const, runs: 300, seed: 8 };
    let batches = 0;
    const counting = (jobs: Parameters<typeof inProcess>[0]) => ((batches += jobs.length > 1 ? 1 : 0), inProcess(jobs));
    const one = await searchCounterexample(req, inProcess);
    const four = await searchCounterexample(req, counting, undefined, 4);
    expect(one.found).toBe(true);
    expect(one.shrinkRuns).toBeGreaterThan(1);
    expect(JSON.stringify(four)).toBe(JSON.stringify(one));
    expect(batches).toBeGreaterThan(1); // the search batch, then shrinking's candidates several at a time
  });

  it('the safe configuration with power loss of every broker allowed: found, and shrunk to at most 2 faults', async () => {
    const r = await searchCounterexample({ scenario: SAFE, model: model(['power-loss-all', 'crash', 'restart']), guarantee: 'lostAcked', runs: 500, seed: 7 }, inProcess);
    expect(r.found).toBe(true);
    expect(r.faults.length).toBeLessThanOrEqual(2);
    expect(r.faults.some((f) => f.type === 'power-loss')).toBe(true);
  });

  it('the safe configuration under single-broker crashes and restarts: not found in 2,000 runs', async () => {
    const r = await searchCounterexample({ scenario: SAFE, model: model(['crash', 'restart', 'shutdown'], { maxDown: 1, rate: 8 }), guarantee: 'lostAcked', runs: 2000, seed: 11 }, inProcess);
    expect(r.found).toBe(false);
    expect(r.runsTried).toBe(2000);
    expect(r.counterexample).toBeNull();
  }, 240_000);

  it('shrinking rounds times down, roundest first, and counts the brokers a schedule names', () => {
    expect(roundings(12_345)).toEqual([10_000, 12_000, 12_300]);
    expect(brokersOf([{ at: 1, type: 'crash', broker: 2 }, { at: 2, type: 'power-loss', brokers: [1, 2] }, { at: 3, type: 'partition', groups: [['b3'], ['controller']] }])).toEqual(new Set([1, 2, 3]));
  });
});
