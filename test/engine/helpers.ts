/** Small builders for engine tests: a scenario from overrides, run to the end, check. */
import { expect } from 'vitest';
import { parseScenario } from '../../src/engine/scenario/scenario.ts';
import { Simulation } from '../../src/engine/sim/simulation.ts';
import { check, type CheckResult } from '../../src/engine/checker/checker.ts';
import type { TraceEvent } from '../../src/engine/core/trace.ts';
import { ScenarioError } from '../../src/engine/core/scenarioError.ts';
import { traceEvents } from '../../src/engine/core/traceLog.ts';

export type Raw = Record<string, unknown>;

/** Three brokers, one partition with RF 3, one producer at 100 msg/s, 20 s. */
export function scenario(over: Raw = {}, producer: Raw = {}): Raw {
  return {
    seed: 1,
    until: 20_000,
    cluster: { brokers: 3 },
    topics: [{ name: 'orders', partitions: 1, 'replication.factor': 3 }],
    producers: [{ name: 'p1', topic: 'orders', rate: 100, count: 500, keys: 4, ...producer }],
    faults: [],
    ...over,
  };
}

export interface Run {
  sim: Simulation;
  result: CheckResult;
  trace: TraceEvent[];
  of<T extends TraceEvent['type']>(type: T): Extract<TraceEvent, { type: T }>[];
}

export function run(raw: Raw, until?: number): Run {
  const s = parseScenario(raw);
  const sim = new Simulation(s);
  sim.runUntil(until ?? s.until);
  const result = check(sim.ctx);
  const trace = traceEvents(sim.ctx.trace);
  return { sim, result, trace, of: (type) => trace.filter((e) => e.type === type) as never };
}

export const replica = (sim: Simulation, broker: number, partition = 0) => sim.ctx.brokers[broker - 1].replicas.get(partition)!;
export const controllerState = (sim: Simulation, partition = 0) => sim.ctx.controller.partitions[partition];

/** The message parseScenario refuses `raw` with (the test fails if it accepts it, or throws anything but a ScenarioError). */
export function errorOf(raw: unknown): string {
  try {
    parseScenario(raw);
  } catch (e) {
    expect(e).toBeInstanceOf(ScenarioError);
    return (e as Error).message;
  }
  throw new Error('expected a ScenarioError');
}
