/**
 * The scenario a newcomer sees first: three brokers, one partition with three
 * replicas, a producer sending ten records a second, a network slowed to 100 ms per hop
 * so messages can be seen travelling, and one follower with a
 * slow disk that fetches a second late. Kafka's defaults otherwise, except one:
 * the producer sends one request at a time (max.in.flight.requests.per.connection=1).
 * With the default 5, acks=all requests queue behind the slow follower (a broker
 * handles one request per connection at a time), so after the learner sets
 * acks=1 the old producer's close() drains that queue for 7-8 s before a single
 * acks=1 record is written, and a crash in that time loses nothing: the guide
 * would not keep its promise. With one request in flight the switch takes about
 * one fetch round (~1.2 s), and the Guide says to wait for it.
 */
export const FIRST_LOOK = {
  name: 'First look: a leader, two followers, one of them slow',
  description: 'Broker 1 leads orders-0; brokers 2 and 3 copy its log. Broker 2 has a slow disk and fetches 1 s late. p1 sends one request at a time (max.in.flight.requests.per.connection=1). Set acks=1, then crash the leader, and watch what happens to acknowledged records.',
  seed: 1,
  until: 600000,
  cluster: { brokers: 3, lab: { detail: true, 'network.latency.ms': 100 } },
  topics: [{ name: 'orders', partitions: 1, 'replication.factor': 3 }],
  producers: [{ name: 'p1', topic: 'orders', rate: 10, count: 100000, keys: 4, config: { 'max.in.flight.requests.per.connection': 1 } }],
  faults: [{ at: 0, type: 'slow-follower', broker: 2, delayMs: 1000 }],
};

/** A busy cluster for the UI benchmark: 5 brokers, 6 partitions, RF 3, 200 records/s, a consumer group of 3, faults firing. */
export const BUSY = {
  name: 'Busy cluster (benchmark)',
  description: '5 brokers, 6 partitions, RF 3, 200 records/s, a consumer group of 3 (auto-commit), a crash, a partition, a member killed and restarted, power loss.',
  seed: 11,
  until: 600000,
  cluster: { brokers: 5, config: { 'min.insync.replicas': 2 }, lab: { detail: true, 'network.latency.ms': 10 } },
  topics: [{ name: 'orders', partitions: 6, 'replication.factor': 3 }],
  producers: [{ name: 'p1', topic: 'orders', rate: 200, count: 1000000, keys: 16, config: { acks: 1 } }],
  consumers: ['c1', 'c2', 'c3'].map((name) => ({ name, group: 'analytics', topic: 'orders', config: { 'auto.offset.reset': 'earliest', 'session.timeout.ms': 10000 }, processing: 'inline', processingMs: 1 })),
  faults: [
    { at: 3000, type: 'slow-follower', broker: 3, delayMs: 800 },
    { at: 5000, type: 'crash', broker: { leaderOf: 'orders-0' } },
    { at: 7000, type: 'consumer-crash', consumer: 'c2' },
    { at: 9000, type: 'isolate', node: 'b4' },
    { at: 11000, type: 'consumer-restart', consumer: 'c2' },
    { at: 13000, type: 'heal' },
    { at: 14000, type: 'restart', broker: 1 },
    { at: 16000, type: 'power-loss', brokers: [2] },
    { at: 19000, type: 'restart', broker: 2 },
  ],
};
