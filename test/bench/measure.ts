/** Runs one workload to its end, checker included, and measures wall time, events and peak heap. */
import { parseScenario } from '../../src/engine/scenario/scenario.ts';
import { Simulation } from '../../src/engine/sim/simulation.ts';
import { check, type Summary } from '../../src/engine/checker/checker.ts';

export interface BenchResult {
  summary: Summary;
  events: number;
  simulatedMs: number;
  engineMs: number;
  checkerMs: number;
  messagesPerSecond: number;
  peakHeapMiB: number;
}

const heap = () => process.memoryUsage().heapUsed;

export function measure(raw: unknown): BenchResult {
  (globalThis as { gc?: () => void }).gc?.();
  const scenario = parseScenario(raw);
  let peak = heap();
  const t0 = process.hrtime.bigint();
  const sim = new Simulation(scenario);
  let events = 0;
  while (sim.step()) {
    if (sim.now > scenario.until) break;
    if ((++events & 0xffff) === 0) peak = Math.max(peak, heap());
  }
  const t1 = process.hrtime.bigint();
  const { summary } = check(sim.ctx, { stories: true, maxAnomalies: 1000 });
  const t2 = process.hrtime.bigint();
  peak = Math.max(peak, heap());
  const engineMs = Number(t1 - t0) / 1e6;
  const checkerMs = Number(t2 - t1) / 1e6;
  return { summary, events, simulatedMs: sim.now, engineMs, checkerMs, messagesPerSecond: Math.round(summary.produced / ((engineMs + checkerMs) / 1000)), peakHeapMiB: Math.round(peak / 1024 / 1024) };
}

export function print(label: string, r: BenchResult): void {
  const s = r.summary;
  console.log(`\n${label}`);
  console.log(`  messages            ${s.produced.toLocaleString('en')}  (acked ${s.acked}, lost ${s.lostAcked}, duplicated ${s.duplicated}, pending ${s.pending})`);
  if (s.consumerGroups.length > 0) console.log(`  consumed            processed ${s.processed}, twice ${s.processedTwice}, never ${s.lostAfterBroker}`);
  console.log(`  events              ${r.events.toLocaleString('en')}  (simulated ${r.simulatedMs} ms)`);
  console.log(`  wall time           ${(r.engineMs + r.checkerMs).toFixed(0)} ms  (engine ${r.engineMs.toFixed(0)} ms, checker ${r.checkerMs.toFixed(0)} ms)`);
  console.log(`  throughput          ${r.messagesPerSecond.toLocaleString('en')} messages/s of wall time`);
  console.log(`  peak heap           ${r.peakHeapMiB} MiB`);
}
