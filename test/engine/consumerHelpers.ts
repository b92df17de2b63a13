/** Builders for consumer tests: a cluster, one producer, consumers; run and check. */
import { parseScenario } from '../../src/engine/scenario/scenario.ts';
import { Simulation } from '../../src/engine/sim/simulation.ts';
import { check, type CheckResult } from '../../src/engine/checker/checker.ts';
import type { GroupSummary } from '../../src/engine/checker/consumerChecker.ts';
import type { TraceEvent } from '../../src/engine/core/trace.ts';
import { traceEvents } from '../../src/engine/core/traceLog.ts';

export type Raw = Record<string, unknown>;

export function consumerScenario(consumers: Raw[], over: Raw = {}, producer: Raw = {}): Raw {
  return {
    seed: 1,
    until: 60_000,
    cluster: { brokers: 3 },
    topics: [{ name: 'orders', partitions: 2, 'replication.factor': 3 }],
    producers: [{ name: 'p1', topic: 'orders', rate: 200, count: 4000, keys: 8, ...producer }],
    consumers: consumers.map((c, i) => ({ name: `c${i + 1}`, group: 'g1', topic: 'orders', ...c })),
    faults: [],
    ...over,
  };
}

export interface ConsumerRun {
  sim: Simulation;
  result: CheckResult;
  group: GroupSummary;
  events(what: string, consumer?: string): Extract<TraceEvent, { type: 'consumer' }>[];
}

export function runConsumers(raw: Raw, until?: number): ConsumerRun {
  const s = parseScenario(raw);
  const sim = new Simulation(s);
  sim.runUntil(until ?? s.until);
  const result = check(sim.ctx);
  const cons = traceEvents(sim.ctx.trace).filter((e) => e.type === 'consumer') as Extract<TraceEvent, { type: 'consumer' }>[];
  return {
    sim,
    result,
    group: result.summary.consumerGroups[0],
    events: (what, consumer) => cons.filter((e) => e.what === what && (consumer === undefined || e.consumer === consumer)),
  };
}
