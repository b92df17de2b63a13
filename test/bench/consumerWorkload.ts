/**
 * The consumer-group bench workload: the producer workload's cluster plus a
 * group of 3 members on 6 partitions (range: two partitions each), inline
 * processing, auto-commit, a member killed and restarted along the way.
 * `runConsumerBench()` measures it like engine.bench.ts does; run alone with
 * `npx tsx test/bench/consumerWorkload.ts`. Figures, not a test.
 */
import { parseScenario } from '../../src/engine/scenario.ts';
import { Simulation } from '../../src/engine/simulation.ts';
import { check } from '../../src/engine/checker.ts';

export function consumerGroupWorkload(messages = Number(process.env.BENCH_MESSAGES ?? 1_000_000)) {
  const member = (name: string) => ({ name, group: 'analytics', topic: 'events', config: { 'auto.offset.reset': 'earliest', 'session.timeout.ms': 10_000 }, processing: 'inline', processingMs: 0 });
  return {
    name: `bench: 3 brokers, 6 partitions, RF 3, ${messages.toLocaleString('en')} messages, consumer group of 3 (one killed and restarted)`,
    seed: 42,
    until: 60_000,
    cluster: { brokers: 3, config: { 'min.insync.replicas': 2 }, lab: { detail: false } },
    topics: [{ name: 'events', partitions: 6, 'replication.factor': 3 }],
    producers: [{ name: 'p1', topic: 'events', rate: 100_000, count: messages, keys: 1000, messageBytes: 100 }],
    consumers: [member('c1'), member('c2'), member('c3')],
    faults: [
      { at: 4000, type: 'consumer-crash', consumer: 'c2' },
      { at: 5000, type: 'consumer-restart', consumer: 'c2' },
    ],
  };
}

export interface ConsumerBenchResult {
  messages: number;
  processed: number;
  processedTwice: number;
  lostAfterBroker: number;
  events: number;
  simMs: number;
  checkMs: number;
  messagesPerSecond: number;
  peakHeapMiB: number;
}

export function runConsumerBench(raw: unknown = consumerGroupWorkload()): ConsumerBenchResult {
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
  const s = result.summary;
  return { messages: s.produced, processed: s.processed, processedTwice: s.processedTwice, lostAfterBroker: s.lostAfterBroker, events, simMs, checkMs, messagesPerSecond: Math.round(s.produced / ((simMs + checkMs) / 1000)), peakHeapMiB: Math.round(peak / 1024 / 1024) };
}

export function printConsumerBench(r: ConsumerBenchResult, label = consumerGroupWorkload().name): void {
  console.log(`\n${label}`);
  console.log(`  messages            ${r.messages.toLocaleString('en')}  (processed ${r.processed}, twice ${r.processedTwice}, lost after broker ${r.lostAfterBroker})`);
  console.log(`  events              ${r.events.toLocaleString('en')}`);
  console.log(`  wall time           ${(r.simMs + r.checkMs).toFixed(0)} ms  (engine ${r.simMs.toFixed(0)} ms, checker ${r.checkMs.toFixed(0)} ms)`);
  console.log(`  throughput          ${r.messagesPerSecond.toLocaleString('en')} messages/s of wall time`);
  console.log(`  peak heap           ${r.peakHeapMiB} MiB`);
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\//, ''))) printConsumerBench(runConsumerBench());
