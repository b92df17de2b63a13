/**
 * Runs a scenario and returns its full trace and report as one string, for the
 * test that the engine gives the same bytes in Node and in Chromium.
 */
import { parseScenario } from '../../src/engine/scenario/scenario.ts';
import { runScenario } from '../../src/engine/sim/runScenario.ts';
import { buildReport } from '../../src/engine/checker/report.ts';
import { traceEvents } from '../../src/engine/core/traceLog.ts';

export function runDigest(raw: unknown): string {
  const s = parseScenario(raw);
  const sim = runScenario(s);
  return JSON.stringify(traceEvents(sim.ctx.trace)) + '\n' + JSON.stringify(buildReport(sim.ctx, { name: s.name, seed: s.seed, until: s.until, expect: s.expect }));
}
