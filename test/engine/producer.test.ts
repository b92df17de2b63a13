/**
 * The producer's side of the contract: retries, idempotence, in-flight
 * requests and ordering, what a restart drops, what the application is told.
 */
import { describe, expect, it } from 'vitest';
import { run, scenario } from './helpers.ts';

// Responses from the leader to the producer are lost 20% of the time: the producer times out and retries.
const lossyResponses = [{ at: 1000, type: 'link', from: 'b1', to: 'p1', oneWay: true, drop: 0.2 }, { at: 15_000, type: 'heal' }];
// Requests and responses both lost sometimes: a request that never arrived is retried after later ones succeeded.
const lossyLink = [{ at: 1000, type: 'link', from: 'b1', to: 'p1', drop: 0.1 }, { at: 15_000, type: 'heal' }];
const fastTimeouts = { 'request.timeout.ms': 2000, 'delivery.timeout.ms': 30000 };

describe('retries and idempotence', () => {
  it('without idempotence a retried batch that was already written is written again (duplicate)', () => {
    const r = run(scenario({ until: 40_000, faults: lossyResponses }, { count: 1000, rate: 50, config: { ...fastTimeouts, 'enable.idempotence': false } }));
    expect(r.result.summary.duplicated).toBeGreaterThan(0);
    expect(r.result.summary.lostAcked).toBe(0);
    const dup = r.result.anomalies.find((a) => a.kind === 'duplicate')!;
    expect(dup.offsets.length).toBeGreaterThanOrEqual(2);
    // The client gave up after request.timeout.ms: NetworkClient closes the connection, so Kafka reports NETWORK_EXCEPTION.
    expect(dup.story.some((s) => s.code === 'produce-error' && s.args.error === 'NETWORK_EXCEPTION')).toBe(true);
  });

  it('with idempotence the leader recognises the producer id and sequence and drops the retry', () => {
    const r = run(scenario({ until: 40_000, faults: lossyResponses }, { count: 1000, rate: 50, config: fastTimeouts }));
    expect(r.of('produce-error').some((e) => e.error === 'NETWORK_EXCEPTION')).toBe(true);
    expect(r.result.summary).toMatchObject({ acked: 1000, duplicated: 0, reordered: 0, lostAcked: 0 });
  });

  it('without idempotence and with several requests in flight, a retry can land after later batches (reordering within a key)', () => {
    const r = run(scenario({ until: 40_000, faults: lossyLink }, { count: 2000, rate: 200, keys: 2, config: { ...fastTimeouts, 'enable.idempotence': false, 'max.in.flight.requests.per.connection': 5 } }));
    expect(r.result.summary.reordered).toBeGreaterThan(0);
    const a = r.result.anomalies.find((x) => x.kind === 'nonmonotonic-send')!;
    expect(a.overtakenBy!.message).toBeGreaterThan(a.message);
    expect(a.overtakenBy!.offset).toBeLessThan(a.offsets[0]);
  });

  it('max.in.flight.requests.per.connection=1 keeps order even without idempotence', () => {
    const r = run(scenario({ until: 60_000, faults: lossyLink }, { count: 2000, rate: 200, keys: 2, config: { ...fastTimeouts, 'enable.idempotence': false, 'max.in.flight.requests.per.connection': 1 } }));
    expect(r.of('produce-error').length).toBeGreaterThan(0);
    expect(r.result.summary.reordered).toBe(0);
  });

  it('idempotence keeps order with five requests in flight over the same lossy link', () => {
    const r = run(scenario({ until: 60_000, faults: lossyLink }, { count: 2000, rate: 200, keys: 2, config: fastTimeouts }));
    expect(r.result.summary).toMatchObject({ reordered: 0, duplicated: 0, lostAcked: 0, acked: 2000 });
  });
});

describe('what the application is told', () => {
  it('a send that runs out of delivery.timeout.ms fails; the app that ignores the callback loses the record knowingly', () => {
    const cut = [{ at: 2000, type: 'isolate', node: 'p1' }, { at: 20_000, type: 'heal' }];
    const r = run(scenario({ until: 40_000, faults: cut }, { count: 2000, config: { 'request.timeout.ms': 1000, 'delivery.timeout.ms': 5000 } }));
    expect(r.result.summary.lostUnacked).toBeGreaterThan(0);
    expect(r.result.summary.lostUnackedKnown).toBe(r.result.summary.lostUnacked);
    expect(Object.keys(r.of('send-failed').reduce((o, e) => ({ ...o, [e.error]: 1 }), {}))[0]).toMatch(/TimeoutException/);
  });

  it('an app that resends failed messages loses none of them, and may write some twice', () => {
    const cut = [{ at: 2000, type: 'isolate', node: 'p1' }, { at: 20_000, type: 'heal' }];
    const r = run(scenario({ until: 60_000, faults: cut }, { count: 2000, onError: 'resend', config: { 'request.timeout.ms': 1000, 'delivery.timeout.ms': 5000 } }));
    expect(r.result.summary.lostUnacked).toBe(0);
    expect(r.result.summary.lostAcked).toBe(0);
    expect(r.result.summary.acked).toBe(2000);
  });

  it('a producer restart drops what was still in its buffer, and nobody is told', () => {
    const faults = [{ at: 2000, type: 'isolate', node: 'p1' }, { at: 5000, type: 'producer-restart', producer: 'p1' }, { at: 6000, type: 'heal' }];
    const r = run(scenario({ until: 30_000, faults }, { count: 2000 }));
    expect(r.result.summary.lostUnackedUnknown).toBeGreaterThan(0);
    expect(r.of('producer-restarted')[0].droppedRecords).toBe(r.result.summary.lostUnackedUnknown);
  });

  // The leader's answers to p1 are lost from 2 s: records are written and committed, never acknowledged.
  // The producer process restarts at 5 s (a deploy, a crash) and the link heals.
  const unanswered = [{ at: 2000, type: 'link', from: 'b1', to: 'p1', oneWay: true, drop: 1 }, { at: 5000, type: 'producer-restart', producer: 'p1' }, { at: 5000, type: 'heal' }];

  it('records committed but never acknowledged before a producer restart are "committed, nobody told", not "reported failed"', () => {
    const r = run(scenario({ until: 20_000, faults: unanswered }, { count: 1000 }));
    const s = r.result.summary;
    expect(s.committedUntold).toBeGreaterThan(0);
    expect(s.recovered).toBe(0);
    expect(s.duplicated).toBe(0);
  });

  it('an application that re-sends what was never acknowledged after a restart writes duplicates idempotence cannot catch (a new producer id)', () => {
    const r = run(scenario({ until: 20_000, faults: unanswered }, { count: 1000, onRestart: 'resend' }));
    const s = r.result.summary;
    expect(r.of('producer-restarted')[0].resentRecords).toBeGreaterThan(0);
    expect(s.resentAfterRestart).toBe(r.of('producer-restarted')[0].resentRecords);
    expect(s.duplicated).toBeGreaterThan(0);
    expect(s.lostUnacked).toBe(0);
    expect(s.acked).toBe(1000);
    const dup = r.result.anomalies.find((a) => a.kind === 'duplicate')!;
    expect(dup.story.map((x) => x.code)).toEqual(expect.arrayContaining(['resent-after-restart', 'duplicate']));
    // The same restart with idempotence and no re-send writes every record once.
    expect(run(scenario({ until: 20_000, faults: unanswered }, { count: 1000 })).result.summary.duplicated).toBe(0);
  });
});
