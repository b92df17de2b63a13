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
  /** CPU time of the process over engine and checker (every thread: the collector's and the compiler's too); a busy machine inflates it far less than wall time. */
  cpuMs: number;
  messagesPerSecond: number;
  peakHeapMiB: number;
}

const heap = () => process.memoryUsage().heapUsed;

/** Events between two samples of the heap. */
const SAMPLE_EVERY = 0x10000;

/**
 * Handles up to `n` events, none past `until`: how many it handled. The heap
 * is sampled between calls, not in this loop: a branch taken every 65,536th
 * event was first taken after the loop had been compiled (with the engine's
 * step inlined), had no type feedback, and taking it threw that code away
 * in the middle of the run.
 */
function runEvents(sim: Simulation, until: number, n: number): number {
  for (let i = 0; i < n; i++) if (!sim.step() || sim.now > until) return i;
  return n;
}

export function measure(raw: unknown): BenchResult {
  (globalThis as { gc?: () => void }).gc?.();
  const scenario = parseScenario(raw);
  let peak = heap();
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const sim = new Simulation(scenario);
  let events = 0;
  for (;;) {
    const handled = runEvents(sim, scenario.until, SAMPLE_EVERY);
    events += handled;
    peak = Math.max(peak, heap());
    if (handled < SAMPLE_EVERY) break;
  }
  const t1 = process.hrtime.bigint();
  const { summary } = check(sim.ctx, { stories: true, maxAnomalies: 1000 });
  const t2 = process.hrtime.bigint();
  const cpu = process.cpuUsage(cpu0);
  peak = Math.max(peak, heap());
  const engineMs = Number(t1 - t0) / 1e6;
  const checkerMs = Number(t2 - t1) / 1e6;
  return { summary, events, simulatedMs: sim.now, engineMs, checkerMs, cpuMs: (cpu.user + cpu.system) / 1000, messagesPerSecond: Math.round(summary.produced / ((engineMs + checkerMs) / 1000)), peakHeapMiB: Math.round(peak / 1024 / 1024) };
}

export function print(label: string, r: BenchResult): void {
  const s = r.summary;
  console.log(`\n${label}`);
  console.log(`  messages            ${s.produced.toLocaleString('en')}  (acked ${s.acked}, lost ${s.lostAcked}, duplicated ${s.duplicated}, pending ${s.pending})`);
  if (s.consumerGroups.length > 0) console.log(`  consumed            processed ${s.processed}, twice ${s.processedTwice}, never ${s.lostAfterBroker}`);
  console.log(`  events              ${r.events.toLocaleString('en')}  (simulated ${r.simulatedMs} ms)`);
  console.log(`  wall time           ${(r.engineMs + r.checkerMs).toFixed(0)} ms  (engine ${r.engineMs.toFixed(0)} ms, checker ${r.checkerMs.toFixed(0)} ms; CPU ${r.cpuMs.toFixed(0)} ms)`);
  console.log(`  throughput          ${r.messagesPerSecond.toLocaleString('en')} messages/s of wall time`);
  console.log(`  peak heap           ${r.peakHeapMiB} MiB`);
}
