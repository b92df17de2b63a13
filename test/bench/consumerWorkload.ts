/**
 * The consumer-group bench workload: the producer workload's cluster plus a
 * group of 3 members on 6 partitions (range: two partitions each), inline
 * processing, auto-commit, a member killed and restarted along the way.
 * engine.bench.ts measures it after the producer-only workload.
 */

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
