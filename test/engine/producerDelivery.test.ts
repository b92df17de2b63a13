/**
 * Delivery timeouts, metadata and error names as Kafka's Java producer has them:
 * Sender.sendProducerData / getExpiredInflightBatches (KIP-91), KafkaProducer.waitOnMetadata,
 * Sender.completeBatch (InvalidMetadataException → metadata update), NetworkClient.handleTimedOutRequests.
 */
import { describe, expect, it } from 'vitest';
import { run, scenario } from './helpers.ts';

describe('delivery.timeout.ms (KIP-91)', () => {
  // The producer is cut off from everyone: every request in flight goes unanswered.
  const cut = [{ at: 2000, type: 'isolate', node: 'p1' }, { at: 45_000, type: 'heal' }];
  const config = { 'request.timeout.ms': 30_000, 'delivery.timeout.ms': 35_000, 'linger.ms': 5 };

  it('expires a batch that is still in flight at its delivery timeout, not a request timeout later (Sender.getExpiredInflightBatches)', () => {
    const r = run(scenario({ until: 90_000, faults: cut }, { count: 300, rate: 100, config }));
    const timeouts = r.of('send-failed').filter((e) => /TimeoutException/.test(e.error));
    expect(timeouts.length).toBeGreaterThan(0);
    // The last record was sent at 2990 ms: every batch's deadline is at most 2990 + 5 + 35000.
    expect(Math.max(...timeouts.map((e) => e.t))).toBeLessThanOrEqual(2990 + 5 + 35_000);
    // Records sent while the link was up but not answered were in flight at 2000 ms: they expire at
    // createdAt + 35 s, before their second request would have timed out (2000 + 30000 + backoff + 30000).
    const inFlightFailures = timeouts.filter((e) => e.t <= 2000 + 35_000 + 5);
    expect(inFlightFailures.length).toBeGreaterThan(0);
    expect(r.result.summary.lostUnackedKnown).toBe(r.result.summary.lostUnacked);
  });

  it('after in-flight batches expire, the idempotent producer resolves their sequences and keeps writing in order (TransactionManager.maybeResolveSequences, KIP-360)', () => {
    const r = run(scenario({ until: 90_000, faults: cut }, { count: 6000, rate: 100, config }));
    const s = r.result.summary;
    expect(s.lostUnacked).toBeGreaterThan(0);
    expect(s.reordered).toBe(0);
    expect(s.duplicated).toBe(0);
    // Records sent after the heal are written and acknowledged.
    const late = Array.from({ length: r.sim.ctx.msgs.size }, (_, id) => id).filter((id) => r.sim.ctx.msgs.sentAt[id] > 50_000);
    expect(late.length).toBeGreaterThan(0);
    expect(late.every((id) => r.sim.ctx.msgs.status[id] === 1)).toBe(true);
  });
});

describe('delivery.timeout.ms under a sustained overload (fsync-cost)', () => {
  // flush.messages=1 makes every append wait for an fsync: 2000 records/s no longer fit through one
  // partition with five requests in flight. The accumulator's backlog grows until its oldest batch
  // is delivery.timeout.ms old; from then on every batch is drained with less time left than its
  // round trip and expires in flight (its request still writes it). Kafka's Sender does the same: it
  // drains the oldest batch whatever its age (RecordAccumulator.drain) and expires in-flight batches
  // at their deadline (Sender.getExpiredInflightBatches, KIP-91). A batch that expired without a
  // retry leaves no unresolved sequence (Sender.sendProducerData marks only inRetry() ones), so the
  // sequence numbers and the producer epoch play no part.
  const overload = (idempotence: boolean) =>
    run(
      scenario(
        { until: 20_000, cluster: { brokers: 3, config: { 'min.insync.replicas': 2, 'log.flush.interval.messages': 1 } } },
        { count: 24_000, rate: 2000, messageBytes: 1000, config: { 'delivery.timeout.ms': 3000, 'request.timeout.ms': 2000, 'enable.idempotence': idempotence } },
      ),
    );

  it('once the backlog reaches the delivery timeout every later batch expires, with or without idempotence: the load dooms them, not the sequence numbers', () => {
    const on = overload(true);
    const off = overload(false);
    expect(on.result.summary).toEqual(off.result.summary);
    const s = on.result.summary;
    expect(s.acked).toBeGreaterThan(0);
    // Expired in flight and written all the same: the application was told they failed.
    expect(s.recovered).toBeGreaterThan(0);
    // No error from a broker, no epoch bump: only the clock failed these batches.
    expect(on.of('produce-error')).toEqual([]);
    expect(on.sim.ctx.producers[0].producerEpoch).toBe(0);
    const msgs = on.sim.ctx.msgs;
    const firstFailure = on.of('send-failed')[0].t;
    const later = Array.from({ length: msgs.size }, (_, id) => id).filter((id) => msgs.sentAt[id] > firstFailure);
    expect(later.length).toBeGreaterThan(0);
    expect(later.every((id) => msgs.status[id] !== 1)).toBe(true);
  });
});

describe('metadata and error names', () => {
  it('a producer that starts late fetches metadata when it starts, so it writes straight to the current leader (KafkaProducer.waitOnMetadata)', () => {
    // The preferred leader b1 shuts down cleanly at 2 s; leadership moves at once. The producer starts at 5 s.
    const r = run(scenario({ until: 20_000, faults: [{ at: 2000, type: 'shutdown', broker: 1 }] }, { count: 200, startAt: 5000 }));
    expect(r.of('produce-error')).toEqual([]);
    expect(r.result.summary.acked).toBe(200);
  });

  it('a request that times out on the client is a disconnect: NETWORK_EXCEPTION, and the client asks for metadata (NetworkClient.handleTimedOutRequests)', () => {
    const r = run(scenario({ until: 30_000, faults: [{ at: 1000, type: 'link', from: 'b1', to: 'p1', oneWay: true, drop: 1 }, { at: 6000, type: 'heal' }] }, { count: 500, config: { 'request.timeout.ms': 2000, 'delivery.timeout.ms': 20_000 } }));
    const errors = new Set(r.of('produce-error').map((e) => e.error));
    expect(errors).toContain('NETWORK_EXCEPTION');
    expect(errors).not.toContain('REQUEST_TIMED_OUT');
    expect(r.result.summary).toMatchObject({ acked: 500, duplicated: 0, reordered: 0 });
  });

  it('with every replica down the metadata names LEADER_NOT_AVAILABLE; with the ISR below min.insync.replicas the leader answers NOT_ENOUGH_REPLICAS', () => {
    const allDown = [{ at: 2000, type: 'crash', broker: 2 }, { at: 2000, type: 'crash', broker: 3 }, { at: 2100, type: 'crash', broker: 1 }, { at: 15_000, type: 'restart', broker: 2 }];
    const r = run(scenario({ until: 40_000, faults: allDown, cluster: { brokers: 3, config: { 'min.insync.replicas': 2 } } }, { count: 2000 }));
    expect(r.of('metadata-error').map((e) => e.error)).toContain('LEADER_NOT_AVAILABLE');
    // A shrunk ISR: the leader refuses acks=all writes before appending (Partition.appendRecordsToLeader).
    const shrink = [{ at: 1000, type: 'crash', broker: 2 }, { at: 1000, type: 'crash', broker: 3 }];
    const s = run(scenario({ until: 60_000, faults: shrink, cluster: { brokers: 3, config: { 'min.insync.replicas': 2 } } }, { count: 4000, config: { 'request.timeout.ms': 5000, 'delivery.timeout.ms': 20_000 } }));
    expect(s.of('produce-error').map((e) => e.error)).toContain('NOT_ENOUGH_REPLICAS');
    expect(s.result.summary.reordered).toBe(0);
  });
});
