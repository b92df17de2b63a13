/**
 * npm run bench: the engine's throughput on a fixed workload, checker included.
 * 3 brokers, 6 partitions, RF 3, one million messages, a leader crash and a
 * restart along the way. Prints simulated messages per second of wall time and
 * peak heap. Figures, not a test: nothing here fails on a slow machine.
 */
import { parseScenario } from '../../src/engine/scenario.ts';
import { Simulation } from '../../src/engine/simulation.ts';
import { check } from '../../src/engine/checker.ts';

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 1_000_000);

export const producerWorkload = {
  name: 'bench: 3 brokers, 6 partitions, RF 3, 1M messages, crash + restart',
  seed: 42,
  until: 60_000,
  cluster: { brokers: 3, config: { 'min.insync.replicas': 2 }, lab: { detail: false } },
  topics: [{ name: 'events', partitions: 6, 'replication.factor': 3 }],
  producers: [{ name: 'p1', topic: 'events', rate: 100_000, count: MESSAGES, keys: 1000, messageBytes: 100 }],
  faults: [
    { at: 3000, type: 'crash', broker: { leaderOf: 'events-0' } },
    { at: 6000, type: 'restart', broker: 1 },
  ],
};

function measure(label: string, raw: unknown): void {
  const scenario = parseScenario(raw);
  let peak = process.memoryUsage().heapUsed;
  const t0 = process.hrtime.bigint();
  const sim = new Simulation(scenario);
  let events = 0;
  while (sim.step()) {
    if (sim.now > scenario.until) break;
    if ((++events & 0xffff) === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
  }
  const t1 = process.hrtime.bigint();
  const result = check(sim.ctx, { stories: true, maxAnomalies: 1000 });
  const t2 = process.hrtime.bigint();
  peak = Math.max(peak, process.memoryUsage().heapUsed);
  const simMs = Number(t1 - t0) / 1e6;
  const checkMs = Number(t2 - t1) / 1e6;
  const n = result.summary.produced;
  const s = result.summary;
  console.log(`\n${label}`);
  console.log(`  messages            ${n.toLocaleString('en')}  (acked ${s.acked}, lost ${s.lostAcked}, duplicated ${s.duplicated}, pending ${s.pending})`);
  console.log(`  events              ${events.toLocaleString('en')}  (simulated ${sim.now} ms)`);
  console.log(`  wall time           ${(simMs + checkMs).toFixed(0)} ms  (engine ${simMs.toFixed(0)} ms, checker ${checkMs.toFixed(0)} ms)`);
  console.log(`  throughput          ${Math.round(n / ((simMs + checkMs) / 1000)).toLocaleString('en')} messages/s of wall time`);
  console.log(`  peak heap           ${(peak / 1024 / 1024).toFixed(0)} MiB`);
}

measure(producerWorkload.name, producerWorkload);
