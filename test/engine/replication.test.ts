/**
 * Replication rules: high watermark, ISR shrink/expand, min.insync.replicas.
 * Each test names the Kafka behaviour it pins down.
 */
import { describe, expect, it } from 'vitest';
import { controllerState, replica, run, scenario } from './helpers.ts';
import { Simulation } from '../../src/engine/sim/simulation.ts';
import { parseScenario } from '../../src/engine/scenario/scenario.ts';
import { reasonText } from '../../src/i18n/index.ts';
import { traceEvents } from '../../src/engine/core/traceLog.ts';

describe('high watermark', () => {
  it('the leader advances the HW to the smallest LEO in the ISR; followers learn it on a later fetch', () => {
    const r = run(scenario({ until: 3000 }, { count: 10, rate: 10 }), 3000);
    const leader = replica(r.sim, 1);
    expect(leader.leo).toBe(10);
    expect(leader.hw).toBe(10);
    // Idle followers hold a fetch parked at the leader, answered after replica.fetch.wait.max.ms:
    // they learn the final HW late but do learn it.
    expect(replica(r.sim, 2).hw).toBe(10);
  });

  it('a follower lags the leader HW until its next fetch (the gap KIP-101 is about)', () => {
    const sim = new Simulation(parseScenario(scenario({ until: 5000, cluster: { brokers: 3, lab: { detail: true } } }, { count: 1, rate: 1, startAt: 100 })));
    while (traceEvents(sim.ctx.trace).every((e) => e.type !== 'hw-advanced')) expect(sim.step()).toBe(true);
    const advancedAt = sim.now;
    expect(replica(sim, 1).hw).toBe(1);
    expect(replica(sim, 2).hw).toBe(0);
    expect(replica(sim, 3).hw).toBe(0);
    // The followers' next fetches find no new data and wait at the leader for
    // replica.fetch.wait.max.ms (500 ms); the response carries the new HW.
    sim.runUntil(advancedAt + 400);
    expect(replica(sim, 2).hw).toBe(0);
    sim.runUntil(advancedAt + 600);
    expect(replica(sim, 2).hw).toBe(1);
    expect(replica(sim, 3).hw).toBe(1);
  });

  it('since Kafka 3.7 the HW does not advance while the ISR is smaller than min.insync.replicas (KAFKA-15583)', () => {
    // RF 3, min ISR 2, acks=1. Both followers are cut off long enough to leave the ISR.
    const r = run(
      scenario(
        { until: 40_000, cluster: { brokers: 3, config: { 'min.insync.replicas': 2, 'replica.lag.time.max.ms': 5000 } }, faults: [{ at: 1000, type: 'partition', groups: [['b1', 'p1', 'controller'], ['b2', 'b3']] }] },
        { config: { acks: 1 }, count: 2000, rate: 100 },
      ),
    );
    expect(controllerState(r.sim).isr).toEqual([1]);
    const leader = replica(r.sim, 1);
    expect(leader.leo).toBeGreaterThan(leader.hw);
    // acks=1 acknowledged them, but they are not committed: "unseen" by consumers.
    expect(r.result.summary.unseen).toBeGreaterThan(1000);
  });
});

describe('ISR', () => {
  it('shrinks when a follower has not caught up for replica.lag.time.max.ms, and expands when it catches up', () => {
    const r = run(
      scenario(
        { until: 40_000, cluster: { brokers: 3, config: { 'replica.lag.time.max.ms': 4000 } }, faults: [{ at: 2000, type: 'slow-follower', broker: 3, delayMs: 6000 }, { at: 20_000, type: 'slow-follower', broker: 3, delayMs: 0 }] },
        { count: 3000, rate: 100 },
      ),
    );
    const changes = r.of('isr-changed');
    const shrink = changes.find((e) => !e.isr.includes(3));
    const expand = changes.find((e) => e.t > (shrink?.t ?? 0) && e.isr.includes(3));
    expect(shrink).toBeDefined();
    expect(shrink!.t).toBeGreaterThanOrEqual(2000 + 4000);
    expect(reasonText('en', shrink!.why)).toMatch(/replica\.lag\.time\.max\.ms=4000/);
    expect(expand).toBeDefined();
    expect(expand!.t).toBeGreaterThan(20_000);
    expect(controllerState(r.sim).isr).toEqual([1, 2, 3]);
  });

  it('acks=all with an ISR below min.insync.replicas is refused before append with NOT_ENOUGH_REPLICAS', () => {
    const r = run(
      scenario(
        { until: 30_000, cluster: { brokers: 3, config: { 'min.insync.replicas': 2, 'replica.lag.time.max.ms': 3000 } }, faults: [{ at: 1000, type: 'partition', groups: [['b1', 'p1', 'controller'], ['b2', 'b3']] }] },
        { count: 2000, rate: 100, config: { 'delivery.timeout.ms': 40000, 'request.timeout.ms': 5000 } },
      ),
    );
    const errors = r.of('produce-error').map((e) => e.error);
    expect(errors).toContain('NOT_ENOUGH_REPLICAS');
    // While the ISR was still [1,2,3] the writes waited for replication and timed out. The client's own
    // request.timeout.ms runs out just before the broker's answer: it closes the connection, which
    // Kafka's Sender reports as NETWORK_EXCEPTION (NetworkClient.handleTimedOutRequests).
    expect(errors).toContain('NETWORK_EXCEPTION');
    // Nothing that was acknowledged is lost, and the leader's log holds no acked record above the HW.
    expect(r.result.summary.lostAcked).toBe(0);
    expect(r.result.summary.unseen).toBe(0);
  });
});
