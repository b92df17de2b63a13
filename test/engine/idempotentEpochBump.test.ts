/**
 * KIP-360 (Kafka 2.5): an idempotent producer that can no longer trust a
 * partition's sequence (a batch expired after a retry and was never
 * acknowledged) bumps its epoch for that partition and carries on under the
 * same producer id. Before 2.5 it dropped its producer id and asked for a new
 * one, and every partition's sequences started again from 0.
 * Kafka: TransactionManager.handleFailedBatch / maybeResolveSequences /
 * bumpIdempotentProducerEpoch at the 2.5.0 tag; Sender.run
 * (shouldResetProducerStateAfterResolvingSequences → resetProducerId) and
 * TransactionManager.canRetry at the 2.4.0 tag.
 */
import { describe, expect, it } from 'vitest';
import { committedReplica } from '../../src/engine/broker/committedLog.ts';
import { run, scenario } from './helpers.ts';
import { orderViolations } from './orderCheck.ts';
import { batchesOf } from '../../src/engine/broker/log.ts';

/** b1 (the leader) loses power at 2 s: batches retried to it expire, their sequences unresolved. */
const raw = (kafkaVersion: string) =>
  scenario(
    { until: 40_000, cluster: { brokers: 3, kafkaVersion, config: { 'min.insync.replicas': 2 } }, faults: [{ at: 2000, type: 'power-loss', brokers: [1] }] },
    { count: 3000, config: { acks: 'all', 'enable.idempotence': true, 'request.timeout.ms': 2000, 'delivery.timeout.ms': 8000 } },
  );

/** The producer ids and epochs of p1's batches in the committed log of orders-0, in log order. */
function writers(kafkaVersion: string) {
  const r = run(raw(kafkaVersion));
  const log = batchesOf(committedReplica(r.sim.ctx, 0)!, r.sim.ctx.batches);
  const ids = [...new Set(log.map((b) => `${b.pb.pid}/${b.pb.producerEpoch}`))];
  return { r, ids, pids: new Set(log.map((b) => b.pb.pid)) };
}

describe('an unresolved sequence of the idempotent producer', () => {
  it.each(['2.8', '4.1'])('Kafka %s (KIP-360): bumps the epoch and keeps its producer id', (v) => {
    const { r, ids, pids } = writers(v);
    expect(pids.size).toBe(1);
    expect(ids.length).toBeGreaterThan(1);
    expect(r.sim.ctx.producers[0].producerEpoch).toBeGreaterThan(0);
    expect(r.result.summary.lostAcked).toBe(0);
    expect(orderViolations(r.sim.ctx)).toEqual([]);
  });

  it('Kafka 2.1 (before KIP-360): takes a new producer id, its sequences from 0 under epoch 0', () => {
    const { r, pids } = writers('2.1');
    expect(pids.size).toBeGreaterThan(1);
    expect(r.sim.ctx.producers[0].producerEpoch).toBe(0);
    expect(r.result.summary.lostAcked).toBe(0);
    expect(orderViolations(r.sim.ctx)).toEqual([]);
  });
});
