/**
 * Where Kafka's idempotent producer does not keep order, found by the
 * 10,000-case hunt of idempotentOrder.property.test.ts (fast-check seed
 * 1129002). Every step is Kafka's rule:
 * - the client drains a new batch of a partition to the new leader while the
 *   earlier ones are still in flight to the old, unreachable one
 *   (RecordAccumulator.shouldStopDrainBatchesForPartition only waits for an
 *   older epoch or an unresolved sequence);
 * - a leader that holds no state for the producer (none of its records in the
 *   log) accepts that batch at any sequence (ProducerAppendInfo.checkSequence:
 *   "If there is no current producer epoch ... accept writes with any sequence
 *   number");
 * - the earlier batches, retried to the new leader, get
 *   OUT_OF_ORDER_SEQUENCE_NUMBER while being the next expected sequence, so the
 *   client bumps its epoch and rewrites their sequences from 0
 *   (TransactionManager.canRetry, bumpIdempotentProducerEpoch): they are
 *   written after the later batch, which is also written a second time.
 */
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/engine/scenario/scenario.ts';
import { Simulation } from '../../src/engine/sim/simulation.ts';
import { committedReplica } from '../../src/engine/broker/committedLog.ts';
import { scenario } from './helpers.ts';

describe('idempotence without producer state on the new leader (ProducerAppendInfo.checkSequence, TransactionManager.canRetry)', () => {
  it('a new leader with no state for the producer takes a later batch first at a non-zero sequence, and the epoch bump writes the earlier batches after it', () => {
    // b1 leads orders-0 but is cut off from everyone from the start, so nothing of p1 is written
    // until b2 takes over; b3 restarts at once and rejoins late, which keeps acks=all waiting.
    const raw = scenario(
      {
        seed: 0,
        faults: [
          { at: 0, type: 'partition', groups: [['b1'], ['b2', 'b3', 'controller', 'p1']] },
          { at: 2002, type: 'crash', broker: 3 },
          { at: 2002, type: 'restart', broker: 3 },
        ],
        topics: [{ name: 'orders', partitions: 2, 'replication.factor': 3 }],
        cluster: { brokers: 3, config: { 'min.insync.replicas': 2, 'replica.lag.time.max.ms': 4000 }, lab: { detail: false } },
      },
      { count: 600, rate: 60, keys: 4, config: { 'request.timeout.ms': 2000, 'delivery.timeout.ms': 8000, 'max.in.flight.requests.per.connection': 5, 'linger.ms': 20 } },
    );
    const sim = new Simulation(parseScenario(raw));
    sim.runUntil(20_000);
    const log = committedReplica(sim.ctx, 0)!.log;
    const [first, second] = log;
    // The producer's first batch in the log does not start at sequence 0: the leader had no state for it.
    expect(first.pb.baseSeq).toBeGreaterThan(0);
    // The next batch comes from a bumped epoch, from sequence 0, and holds records sent earlier.
    expect(second.pb.producerEpoch).toBeGreaterThan(first.pb.producerEpoch);
    expect(second.pb.baseSeq).toBe(0);
    expect(second.pb.msgs[0]).toBeLessThan(first.pb.msgs[0]);
    // The overtaking record is written twice: once without state, once rewritten under the new epoch.
    const copies = log.flatMap((b) => b.pb.msgs).filter((m) => m === first.pb.msgs[0]);
    expect(copies.length).toBe(2);
  });
});
