/**
 * npm run bench: the engine's throughput on fixed workloads, checker included.
 * 3 brokers, 6 partitions, RF 3, one million messages, a leader crash and a
 * restart along the way; then the same with a consumer group of 3 members.
 * Prints simulated messages per second of wall time and peak heap. Figures,
 * not a test: nothing here fails on a slow machine.
 */
import { availableParallelism, loadavg } from 'node:os';
import { consumerGroupWorkload } from './consumerWorkload.ts';
import { measure, print } from './measure.ts';

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 1_000_000);

export const producerWorkload = {
  name: `bench: 3 brokers, 6 partitions, RF 3, ${MESSAGES.toLocaleString('en')} messages, leader crash + restart`,
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

console.log(`node ${process.version}, ${availableParallelism()} cores, load average ${loadavg()[0].toFixed(1)} (a busy machine slows every figure)`);
print(producerWorkload.name, measure(producerWorkload));
const consumers = consumerGroupWorkload(MESSAGES);
print(consumers.name, measure(consumers));
