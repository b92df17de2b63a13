/**
 * Determinism fingerprint of the engine, for speed work: hashes of the trace,
 * the fates and the stories of every example in public/scenarios, the busy
 * preset (2 simulated minutes), both bench workloads (100,000 messages) and
 * 200 lesson-size what-if runs with random fault schedules. Run it before and
 * after a change to the engine's hot paths and diff the output:
 *   npx tsx test/bench/traceHashes.ts > before.txt
 * Also prints the events each workload dispatched (not part of the hash).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { parseScenario } from '../../src/engine/scenario/scenario.ts';
import { Simulation } from '../../src/engine/sim/simulation.ts';
import { check } from '../../src/engine/checker/checker.ts';
import { BUSY } from '../../src/state/defaultScenario.ts';
import { consumerGroupWorkload } from './consumerWorkload.ts';
import { planMatrix } from '../../src/whatif/matrix.ts';
import { DEFAULT_MODEL } from '../../src/whatif/faultModel.ts';
import { traceEvents } from '../../src/engine/core/traceLog.ts';

const h = (x: unknown) => createHash('sha256').update(JSON.stringify(x)).digest('hex').slice(0, 12);

function fingerprint(raw: unknown): { line: string; events: number } {
  const scenario = parseScenario(raw);
  const sim = new Simulation(scenario);
  let events = 0;
  for (let t = sim.nextEventTime(); t !== undefined && t <= scenario.until; t = sim.nextEventTime()) {
    sim.step();
    events++;
  }
  const { summary, anomalies, fates } = check(sim.ctx, { stories: true, fates: true, maxAnomalies: 200 });
  return { line: `trace ${h(traceEvents(sim.ctx.trace))} fates ${h(fates)} stories ${h(anomalies)} summary ${h(summary)}`, events };
}

const only = process.argv[2];
const workloads: [string, unknown][] = [];
const dir = new URL('../../public/scenarios/', import.meta.url).pathname;
for (const f of readdirSync(dir).sort()) workloads.push([f, JSON.parse(readFileSync(dir + f, 'utf8'))]);
workloads.push(['busy preset, 120 s', { ...BUSY, until: 120_000 }]);
const producer = {
  seed: 42, until: 60_000,
  cluster: { brokers: 3, config: { 'min.insync.replicas': 2 }, lab: { detail: false } },
  topics: [{ name: 'events', partitions: 6, 'replication.factor': 3 }],
  producers: [{ name: 'p1', topic: 'events', rate: 100_000, count: 100_000, keys: 1000, messageBytes: 100 }],
  faults: [{ at: 3000, type: 'crash', broker: { leaderOf: 'events-0' } }, { at: 6000, type: 'restart', broker: 1 }],
};
workloads.push(['bench producer, 100k', producer]);
workloads.push(['bench consumer group, 100k', consumerGroupWorkload(100_000)]);
const lessonSize = {
  name: 'what-if bench', seed: 1, until: 20_000,
  cluster: { brokers: 3, config: { 'min.insync.replicas': 2 }, lab: { detail: false } },
  topics: [{ name: 'orders', partitions: 1, 'replication.factor': 3 }],
  producers: [{ name: 'p1', topic: 'orders', rate: 200, count: 2000, keys: 4 }],
};
const model = { ...DEFAULT_MODEL, kinds: ['crash', 'restart', 'shutdown', 'power-loss'] as ('crash' | 'restart' | 'shutdown' | 'power-loss')[], maxFaults: 4 };
const { jobs } = planMatrix({ scenario: lessonSize, vary: [{ key: 'acks', values: [1, 'all'] }], faults: { mode: 'random', model }, runs: 100, seed: 1 });

let total = 0;
for (const [name, raw] of workloads) {
  if (only && !name.includes(only)) continue;
  const r = fingerprint(raw);
  console.log(`${name.padEnd(44)} ${r.line}  (events ${r.events})`);
}
if (!only || 'what-if'.includes(only)) {
  const lines: string[] = [];
  let events = 0;
  for (const j of jobs) {
    const r = fingerprint({ ...(j.raw as object), seed: j.seed, faults: j.faults });
    lines.push(r.line);
    events += r.events;
  }
  total = events / jobs.length;
  console.log(`${`what-if, ${jobs.length} lesson-size runs`.padEnd(44)} all ${h(lines)}  (events per run ${total.toFixed(0)})`);
}
