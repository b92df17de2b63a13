/** Runs a parsed scenario headless to its `until` and returns the simulation. */
import type { Scenario } from '../scenario/scenario.ts';
import type { TraceEvent } from '../core/trace.ts';
import { Simulation } from './simulation.ts';
import { retainDetail } from './traceRetention.ts';
import { compactSettledBatches, type LogCursor } from '../broker/logRetention.ts';
import { traceSlice } from '../core/traceLog.ts';

/** Simulated ms run between two hand-overs of the trace (a chunk). */
const CHUNK_MS = 10_000;
/** Detail events are omitted in passes of at least this many (traceRetention.ts). */
const DETAIL_CHUNK = 50_000;

export interface RunOptions {
  /** Takes each new stretch of the trace, in order, as the run goes (the CLI's --trace file). */
  traceSink?: (events: TraceEvent[]) => void;
  /**
   * Keep memory bounded on a long run: omit detail events once handed to the
   * sink (or at once without one), so memory does not grow with them (what
   * the report, the checker and the stories read stays: traceRetention.ts),
   * and compact settled log batches (logRetention.ts). The trace is then not
   * for byte-for-byte comparison; the report is the same.
   */
  bounded?: boolean;
}

export function runScenario(s: Scenario, opts: RunOptions = {}): Simulation {
  const sim = new Simulation(s);
  if (!opts.traceSink && !opts.bounded) {
    sim.runUntil(s.until);
    return sim;
  }
  // In chunks: running to t then on to `until` handles exactly the events of one runUntil(until).
  let handed = 0;
  const logs: LogCursor = new Map();
  for (let t = 0; t < s.until; ) {
    t = Math.min(s.until, t + CHUNK_MS);
    sim.runUntil(t);
    const trace = sim.ctx.trace;
    if (opts.traceSink && trace.length > handed) {
      opts.traceSink(traceSlice(trace, handed));
      handed = trace.length;
    }
    if (opts.bounded) {
      retainDetail(trace, opts.traceSink ? handed : trace.length, 0, t < s.until ? DETAIL_CHUNK : 0);
      compactSettledBatches(sim.ctx, logs);
    }
  }
  return sim;
}
