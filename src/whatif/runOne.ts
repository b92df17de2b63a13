/**
 * One what-if run: a scenario's JSON with its settings applied, a seed and a
 * fault schedule, run headless to its end and reduced to the counts a cell
 * aggregates. Pure and deterministic, so it runs the same in a worker thread,
 * a Web Worker or a test.
 */
import { parseScenario, type Scenario } from '../engine/scenario/scenario.ts';
import { Simulation } from '../engine/sim/simulation.ts';
import { check } from '../engine/checker/checker.ts';
import { SendStatus } from '../engine/core/messages.ts';
import { newBatchHistory } from '../engine/broker/batchHistory.ts';
import type { RawScenario } from '../engine/config/liveConfig.ts';
import type { SimContext } from '../engine/core/context.ts';
import { runUntilSettled } from './settled.ts';
import { select } from './stats.ts';
import type { RawFault, Shape } from './faultModel.ts';

/** The guarantees a run can break, by the report's summary names. */
export const GUARANTEES = ['lostAcked', 'lostUnacked', 'duplicated', 'reordered', 'processedTwice', 'lostAfterBroker'] as const;
export type Guarantee = (typeof GUARANTEES)[number];

export interface RunOutcome {
  seed: number;
  /** Records of each anomaly kind in this run. */
  counts: Record<Guarantee, number>;
  produced: number;
  acked: number;
  /** Acknowledged records per simulated second. */
  throughput: number;
  /** Send-to-acknowledgement latency of acknowledged records, simulated ms. */
  latencyP50: number;
  latencyP99: number;
}

/** The scenario with this run's seed and faults (what "open in the lab" loads). */
export function runScenarioJson(raw: RawScenario, seed: number, faults: RawFault[]): RawScenario {
  return { ...raw, seed, faults };
}

export function shapeOf(s: Scenario): Shape {
  const partitions: string[] = [];
  for (const t of s.topics) for (let i = 0; i < t.partitions; i++) partitions.push(`${t.name}-${i}`);
  return { brokers: s.brokers, partitions, producers: s.producers.map((p) => p.name), consumers: s.consumers.map((c) => c.name), until: s.until };
}

export function runOne(raw: RawScenario, seed: number, faults: RawFault[]): RunOutcome {
  return runParsed(parseScenario(runScenarioJson(raw, seed, faults)));
}

/**
 * One run of a parsed scenario, to its end or to the moment nothing can
 * change its outcome any more (settled.ts). Nobody reads this run's trace
 * details or stories: the lab's detail events are off and the batch history
 * keeps only which batches were removed (batchHistory.ts). Neither changes
 * what happens, only what is written down, so the worst run opened in the lab
 * with the scenario's own settings replays the same history.
 */
export function runParsed(parsed: Scenario): RunOutcome {
  const scenario = parsed.lab.detail ? { ...parsed, lab: { ...parsed.lab, detail: false } } : parsed;
  const { seed, until } = scenario;
  const sim = new Simulation(scenario);
  sim.ctx.history = newBatchHistory({ entries: false });
  // The run stops at `until`: what is scheduled later (most timeouts of a 20-second run) is never queued.
  sim.ctx.queue.horizon = until;
  runUntilSettled(sim, until);
  return outcomeOf(sim.ctx, seed, until);
}

/** The counts the checker gives a finished run, its throughput and its acknowledgement latency. */
export function outcomeOf(ctx: SimContext, seed: number, until: number): RunOutcome {
  // Counts only: no anomaly is listed (each would be an object with its offsets), no story, no fates.
  const { summary } = check(ctx, { stories: false, fates: false, maxAnomalies: 0 });
  const m = ctx.msgs;
  const lat = new Float64Array(m.size);
  let n = 0;
  for (let i = 0; i < m.size; i++) if (m.status[i] === SendStatus.Acked) lat[n++] = m.ackedAt[i] - m.sentAt[i];
  const q = (p: number) => (n ? select(lat, n, Math.min(n - 1, Math.floor(p * n))) : 0);
  return {
    seed,
    counts: Object.fromEntries(GUARANTEES.map((g) => [g, summary[g]])) as Record<Guarantee, number>,
    produced: summary.produced,
    acked: summary.acked,
    throughput: summary.acked / (until / 1000),
    latencyP50: q(0.5),
    latencyP99: q(0.99),
  };
}
