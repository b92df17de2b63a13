/**
 * The incremental observer (src/timeline/observer.ts) against its oracle, the
 * full checker: at random points of random runs (broker faults, acks, unclean
 * elections, power loss, consumer groups with every commit and processing
 * style, consumer crashes and stalls), the counts, per-group verdicts, every
 * message's fate and the listed producer-side anomalies are the same.
 * fast-check prints the seed and the shrunk case on a failure.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseScenario } from '../../src/engine/scenario/scenario.ts';
import { Simulation } from '../../src/engine/sim/simulation.ts';
import { check } from '../../src/engine/checker/checker.ts';
import { Observer } from '../../src/timeline/observer.ts';

type Raw = Record<string, unknown>;

const brokerFault = fc.oneof(
  fc.record({ type: fc.constantFrom('crash', 'shutdown', 'restart'), broker: fc.oneof(fc.integer({ min: 1, max: 3 }), fc.constant({ leaderOf: 'orders-0' })) }),
  fc.record({ type: fc.constant('power-loss'), brokers: fc.uniqueArray(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 3 }) }),
  fc.record({ type: fc.constant('isolate'), node: fc.constantFrom('b1', 'b2', 'b3', 'p1') }),
  fc.record({ type: fc.constant('heal') }),
  fc.record({ type: fc.constant('slow-follower'), broker: fc.integer({ min: 1, max: 3 }), delayMs: fc.constantFrom(300, 3000) }),
  fc.record({ type: fc.constant('producer-restart'), producer: fc.constant('p1') }),
);
const consumerFault = fc.oneof(
  fc.record({ type: fc.constantFrom('consumer-crash', 'consumer-restart', 'consumer-close', 'consumer-add'), consumer: fc.constantFrom('c1', 'c2', 'c3') }),
  fc.record({ type: fc.constant('consumer-stall'), consumer: fc.constantFrom('c1', 'c2', 'c3'), ms: fc.constantFrom(500, 12_000) }),
);
const schedule = (withConsumers: boolean) =>
  fc.array(fc.tuple(fc.integer({ min: 0, max: 20_000 }), withConsumers ? fc.oneof(brokerFault, consumerFault) : brokerFault), { maxLength: 8 }).map((fs) => fs.map(([at, f]) => ({ at, ...f })));

const member = fc.record({
  commit: fc.constantFrom('auto', 'after-process', 'before-process'),
  processing: fc.constantFrom('inline', 'thread-pool', 'per-key-queue'),
  processingMs: fc.constantFrom(1, 5, 40),
  autoCommit: fc.boolean(),
});

const anyRun = fc.boolean().chain((consumers) =>
  fc.record({
    seed: fc.integer({ min: 0, max: 2 ** 31 }),
    acks: fc.constantFrom(0, 1, 'all'),
    idempotent: fc.boolean(),
    unclean: fc.boolean(),
    inFlight: fc.constantFrom(1, 5),
    partitions: fc.integer({ min: 1, max: 3 }),
    faults: schedule(consumers),
    members: consumers ? fc.array(member, { minLength: 3, maxLength: 3 }) : fc.constant([]),
    /** Simulated ms between two looks of the observer, and between two comparisons. */
    looks: fc.array(fc.integer({ min: 1, max: 3000 }), { minLength: 3, maxLength: 12 }),
  }),
);

function scenarioOf(r: Raw): Raw {
  const acks = r.acks as number | string;
  return {
    seed: r.seed,
    until: 120_000,
    cluster: { brokers: 3, config: { 'unclean.leader.election.enable': r.unclean, 'replica.lag.time.max.ms': 4000 } },
    topics: [{ name: 'orders', partitions: r.partitions, 'replication.factor': 3 }],
    producers: [{ name: 'p1', topic: 'orders', rate: 150, count: 2500, keys: 6, config: { acks, 'enable.idempotence': r.idempotent && acks === 'all', 'max.in.flight.requests.per.connection': r.inFlight, 'request.timeout.ms': 3000, 'delivery.timeout.ms': 10000, retries: 5 } }],
    consumers: (r.members as { commit: string; processing: string; processingMs: number; autoCommit: boolean }[]).map((m, i) => ({
      name: `c${i + 1}`,
      group: 'g1',
      topic: 'orders',
      config: { 'auto.offset.reset': 'earliest', 'enable.auto.commit': m.commit === 'auto' || m.autoCommit, 'session.timeout.ms': 6000, 'heartbeat.interval.ms': 1000, 'max.poll.interval.ms': 8000, 'max.poll.records': 50 },
      commit: m.commit,
      processing: m.processing,
      processingMs: m.processingMs,
      // The third member joins only through a consumer-add or -restart fault.
      ...(i === 2 ? { startAt: null } : {}),
    })),
    faults: r.faults,
  };
}

const withoutLag = (s: ReturnType<typeof check>['summary']) => ({ ...s, consumerGroups: s.consumerGroups.map((g) => ({ ...g, lagOverTime: [] })) });

describe('the incremental observer', () => {
  it('equals the full checker (counts, group verdicts, fates, listed anomalies) at random points of random runs', () => {
    fc.assert(
      fc.property(anyRun, (r) => {
        const raw = scenarioOf(r as Raw);
        const sim = new Simulation(parseScenario(raw));
        const obs = new Observer(sim.ctx);
        let t = 0;
        for (let round = 0; round < 3; round++) {
          for (const gap of r.looks) {
            t += gap;
            sim.runUntil(t);
            obs.observe();
          }
          const want = check(sim.ctx, { stories: false, fates: true, maxPerKind: 12 });
          const at = `t=${sim.now}`;
          expect([at, withoutLag(obs.summary())]).toEqual([at, withoutLag(want.summary)]);
          expect([at, obs.fates()]).toEqual([at, want.fates]);
          const producerSide = (a: { kind: string; group?: string }) => a.group === undefined;
          expect([at, obs.anomalies().filter(producerSide)]).toEqual([at, want.anomalies.filter(producerSide).map(({ kind, message, key, partition, offsets }) => ({ kind, message, key, partition, offsets }))]);
        }
      }),
      { numRuns: Number(process.env.OBSERVER_RUNS ?? 60) },
    );
  });
});
