/**
 * A what-if run queues nothing scheduled after its `until` (the queue's
 * horizon, core/eventQueue.ts): most timeouts of a 20-second run fall after
 * it. Such an event would never be handled, so the run must be the lab's run
 * exactly: the same trace, event for event, and the same fates, under random
 * schedules of every fault kind, with the lab's detail events on. Failures
 * print fast-check's seed.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { parseScenario } from '../../src/engine/scenario/scenario.ts';
import { Simulation } from '../../src/engine/sim/simulation.ts';
import { check } from '../../src/engine/checker/checker.ts';
import { FAULT_KINDS, randomSchedule, recovery } from '../../src/whatif/faultModel.ts';
import { runScenarioJson, shapeOf } from '../../src/whatif/runOne.ts';
import { applySettings } from '../../src/whatif/settings.ts';
import { propertyRuns } from '../engine/propertyRuns.ts';
import { lessonScenario } from './helpers.ts';
import { traceEvents } from '../../src/engine/core/traceLog.ts';

const RUNS = propertyRuns('what-if horizon', 400);
const numRuns = process.env.KAFKA_LAB_PROPERTY_RUNS ? RUNS.numRuns : 30;

/** The trace and fates of a run to `until`, with or without the horizon. */
function run(raw: Record<string, unknown>, horizon: boolean) {
  const s = parseScenario(raw);
  const sim = new Simulation(s);
  if (horizon) sim.ctx.queue.horizon = s.until;
  sim.runUntil(s.until);
  const { summary, fates } = check(sim.ctx, { fates: true });
  return { trace: JSON.stringify(traceEvents(sim.ctx.trace)), summary, fates: JSON.stringify(fates) };
}

const base = { ...lessonScenario({}), cluster: { brokers: 3, config: {} } }; // detail on: the richest trace

describe('a run whose queue stops at its horizon', () => {
  it(`handles the same events as the whole run, under random schedules of every fault kind (${numRuns} cases)`, () => {
    fc.assert(
      fc.property(fc.constantFrom<unknown>(0, 1, 'all'), fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.integer({ min: 1, max: 2 ** 31 - 2 }), fc.subarray([...FAULT_KINDS], { minLength: 1 }), (acks, schedule, seed, kinds) => {
        const cell = applySettings(base, acks === 'all' ? { acks } : { acks: acks as 0 | 1, 'enable.idempotence': false });
        const shape = shapeOf(parseScenario(cell));
        const faults = [...randomSchedule(schedule, { kinds, rate: 6, maxFaults: 4, maxDown: Infinity }, shape), ...recovery(shape)];
        const raw = runScenarioJson(cell, seed, faults);
        expect(run(raw, true)).toEqual(run(raw, false));
      }),
      { numRuns, seed: RUNS.seed, verbose: 1 },
    );
  }, RUNS.timeoutMs);

  it('handles the same events as the whole run with a consumer group', () => {
    const raw = JSON.parse(readFileSync('public/scenarios/consumer-autocommit-crash.json', 'utf8')) as Record<string, unknown>;
    expect(run(raw, true)).toEqual(run(raw, false));
  });
});
