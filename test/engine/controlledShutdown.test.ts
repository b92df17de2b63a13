/**
 * KRaft controlled shutdown: the broker asks to shut down on its heartbeats
 * (wantShutDown), the controller moves its leaderships away, and once none is
 * left it grants SHUTDOWN_NOW and fences the broker in the same step.
 * Kafka: BrokerHeartbeatManager.calculateNextBrokerState (CONTROLLED_SHUTDOWN →
 * SHUTDOWN_NOW), ReplicationControlManager.processBrokerHeartbeat (SHUTDOWN_NOW →
 * handleBrokerFenced), BrokerHeartbeatManager.hasValidSession (a fenced broker
 * has none, so ClusterControlManager.registerBroker accepts its next life at once).
 */
import { describe, expect, it } from 'vitest';
import { run, scenario } from './helpers.ts';

describe('a controlled shutdown in KRaft', () => {
  const raw = scenario({ until: 30_000, faults: [{ at: 5000, type: 'shutdown', broker: { leaderOf: 'orders-0' } }, { at: 8000, type: 'restart', broker: 1 }] });

  it('fences the broker when the controller grants the shutdown, not broker.session.timeout.ms later', () => {
    const r = run(raw);
    const stopped = r.of('broker-stopped').find((e) => e.broker === 1)!;
    const fenced = r.of('broker-fenced').filter((e) => e.broker === 1);
    expect(stopped).toBeDefined();
    // Fenced by the heartbeat that granted the shutdown, before the broker stopped.
    expect(fenced[0].why.code).toBe('fenced-shutdown');
    expect(fenced[0].t).toBeLessThanOrEqual(stopped.t);
    expect(stopped.t - 5000).toBeLessThan(1000);
    // No second fencing when its heartbeats stop.
    expect(fenced.filter((e) => e.why.code === 'fenced-heartbeats')).toEqual([]);
  });

  it('lets the broker register again as soon as it restarts: a fenced broker holds no session', () => {
    const r = run(raw);
    const unfenced = r.of('broker-unfenced').find((e) => e.broker === 1 && e.t >= 8000)!;
    // Before the fix the registration was refused until the old session expired (5 s + 9 s).
    expect(unfenced.t).toBeLessThan(8000 + 2 * 2000 + 500);
    expect(r.result.summary.lostAcked).toBe(0);
  });
});
