/**
 * The runs of a what-if cell start from a shared fault-free run where that is
 * the run exactly (whatif/prefix.ts). The oracle is each run on its own from
 * t=0: the same trace, event for event, and the same fates, for a batch of
 * runs with random schedules of every fault kind, under settings that lose,
 * duplicate and keep records, in every Kafka version; and with consumers
 * (whose clients draw from the RNG). Failures print fast-check's seed.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { parseScenario, type Scenario } from '../../src/engine/scenario/scenario.ts';
import { Simulation } from '../../src/engine/sim/simulation.ts';
import { check } from '../../src/engine/checker/checker.ts';
import { newBatchHistory } from '../../src/engine/broker/batchHistory.ts';
import { FAULT_KINDS, randomSchedule, recovery } from '../../src/whatif/faultModel.ts';
import { runScenarioJson, shapeOf } from '../../src/whatif/runOne.ts';
import { runCell } from '../../src/whatif/prefix.ts';
import { propertyRuns } from '../engine/propertyRuns.ts';
import { PROPERTY_BASE, lessonScenario, propertyCell, propertySettings } from './helpers.ts';
import { traceEvents } from '../../src/engine/core/traceLog.ts';

const RUNS = propertyRuns('what-if shared starts', 3000);
const numRuns = process.env.KAFKA_LAB_PROPERTY_RUNS ? RUNS.numRuns : 6;

/** What a run handled and what the checker makes of it, run to its `until`. */
function fingerprint(sim: Simulation, s: Scenario) {
  sim.runUntil(s.until);
  const { summary, fates } = check(sim.ctx, { fates: true });
  return { trace: JSON.stringify(traceEvents(sim.ctx.trace)), fates: JSON.stringify(fates), summary };
}

/** The run on its own from t=0, as a what-if run is set up (runOne.ts). */
function alone(s: Scenario) {
  const sim = new Simulation(s);
  sim.ctx.history = newBatchHistory({ entries: false });
  sim.ctx.queue.horizon = s.until;
  return fingerprint(sim, s);
}

/** Each run of the batch through runCell, and how many started from a shared prefix. */
function batch(cellRaw: Record<string, unknown>, runs: { seed: number; faults: Record<string, unknown>[] }[]) {
  const off = (s: Scenario): Scenario => ({ ...s, lab: { ...s.lab, detail: false } });
  const cell = off(parseScenario(cellRaw));
  const scenarios = runs.map((r) => off(parseScenario(runScenarioJson(cellRaw, r.seed, r.faults as never))));
  let shared = 0;
  const got = runCell(cell, scenarios, (sim, s, fromPrefix) => {
    if (fromPrefix) shared++;
    return fingerprint(sim, s);
  });
  return { got, want: scenarios.map(alone), shared };
}

const base = PROPERTY_BASE;

describe('what-if runs that start from a shared fault-free run', () => {
  it(`handle the events of each run on its own, under random schedules of every fault kind (${numRuns} batches of 12)`, () => {
    let shared = 0;
    fc.assert(
      fc.property(propertySettings, fc.array(fc.tuple(fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.integer({ min: 1, max: 2 ** 31 - 2 })), { minLength: 12, maxLength: 12 }), fc.subarray([...FAULT_KINDS], { minLength: 1 }), (set, seeds, kinds) => {
        const cell = propertyCell(set);
        const shape = shapeOf(parseScenario(cell));
        const runs = seeds.map(([schedule, seed]) => ({ seed, faults: [...randomSchedule(schedule, { kinds, rate: 6, maxFaults: 4, maxDown: Infinity }, shape), ...recovery(shape)] }));
        const r = batch(cell, runs);
        expect(r.got).toEqual(r.want);
        shared += r.shared;
      }),
      { numRuns, seed: RUNS.seed, verbose: 1 },
    );
    // Most runs start from a prefix: a producer's first metadata request picks one of three brokers.
    expect(shared).toBeGreaterThan(numRuns * 6);
  }, RUNS.timeoutMs);

  it('put a fault before whatever else happens at its millisecond, as the run\'s own construction does', () => {
    // A leader crashes at the very millisecond a produce request reaches it: on its own, the run handles the
    // crash first (queued at construction), so the batch is never appended there.
    const s = parseScenario({ ...base, seed: 1 });
    const sim = new Simulation(s);
    sim.runUntil(s.until);
    const append = traceEvents(sim.ctx.trace).find((e) => e.type === 'appended' && e.t >= 3000) as { t: number; broker: number };
    const shape = shapeOf(s);
    const runs = [1, 2, 3, 4, 5, 6, 7, 8].map((seed) => ({ seed, faults: [{ at: append.t, type: 'crash', broker: append.broker }, ...recovery(shape)] }));
    const r = batch(base, runs);
    expect(r.shared).toBeGreaterThan(0);
    expect(r.got).toEqual(r.want);
  });

  it('start from the beginning where the shared run skipped idle time the run itself would have spent', () => {
    // Nothing happens before the producer starts at 25 s: on its own a run skips ahead only to its crash at 14 s,
    // a fault-free run skips to the producer's start.
    const late = { ...base, until: 40_000, producers: [{ ...(lessonScenario({}).producers as object[])[0], startAt: 25_000 }] };
    const runs = [1, 2, 3, 4, 5, 6].map((seed) => ({ seed, faults: [{ at: 14_000, type: 'crash', broker: 2 }, { at: 30_000, type: 'restart', broker: 2 }] }));
    const r = batch(late, runs);
    expect(r.shared).toBe(0);
    expect(r.got).toEqual(r.want);
  });

  it('handle the events of each run on its own with a consumer group whose processing times are drawn (processingJitter), a crash and other seeds', () => {
    const raw = JSON.parse(readFileSync('public/scenarios/consumer-thread-pool-reorder.json', 'utf8')) as Record<string, unknown>;
    const faults = [{ at: 9000, type: 'crash', broker: 2 }, { at: 12_000, type: 'restart', broker: 2 }];
    const runs = [3, 5, 8, 13].map((seed) => ({ seed, faults }));
    const r = batch(raw, runs);
    expect(r.got).toEqual(r.want);
    expect(r.shared).toBeGreaterThan(0);
  });
});
