/**
 * The producer bench workload: 3 brokers, 6 partitions, RF 3, a million
 * messages, a leader crash and a restart along the way. engine.bench.ts
 * measures it first, then the consumer-group workload (consumerWorkload.ts).
 */

export function producerWorkload(messages = Number(process.env.BENCH_MESSAGES ?? 1_000_000)) {
  return {
    name: `bench: 3 brokers, 6 partitions, RF 3, ${messages.toLocaleString('en')} messages, leader crash + restart`,
    seed: 42,
    until: 60_000,
    cluster: { brokers: 3, config: { 'min.insync.replicas': 2 }, lab: { detail: false } },
    topics: [{ name: 'events', partitions: 6, 'replication.factor': 3 }],
    producers: [{ name: 'p1', topic: 'events', rate: 100_000, count: messages, keys: 1000, messageBytes: 100 }],
    faults: [
      { at: 3000, type: 'crash', broker: { leaderOf: 'events-0' } },
      { at: 6000, type: 'restart', broker: 1 },
    ],
  };
}
