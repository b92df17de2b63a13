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
import { parseScenario } from '../../src/engine/scenario/scenario.ts';
import { Simulation } from '../../src/engine/sim/simulation.ts';

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

describe('ISR expansion and fencing (KIP-841)', () => {
  it('a leader does not propose a restarted follower for the ISR while the controller still has it fenced (Partition.canAddReplicaToIsr, isReplicaIsrEligible)', () => {
    // b1 is killed and restarted 3 s later: it catches up while still fenced (it re-registers once its old session
    // has expired). Before the check the leaders asked on every fetch and the controller refused with INELIGIBLE_REPLICA.
    const raw = scenario({ until: 30_000, topics: [{ name: 'orders', partitions: 3, 'replication.factor': 3 }], faults: [{ at: 3000, type: 'crash', broker: { leaderOf: 'orders-0' } }, { at: 6000, type: 'restart', broker: 1 }] }, { rate: 2000, count: 20_000 });
    const sim = new Simulation(parseScenario(raw));
    const refused: number[] = [];
    const send = sim.ctx.send;
    sim.ctx.send = (from, to, body) => {
      if (body.type === 'alter-partition-resp' && body.error === 'INELIGIBLE_REPLICA') refused.push(sim.ctx.now);
      return send.call(sim.ctx, from, to, body); // a method of the context (contextOps.ts)
    };
    sim.runUntil(30_000);
    expect(refused).toEqual([]);
    // b1 is back in every ISR by the end.
    for (const p of sim.ctx.controller.partitions) expect(p.isr).toContain(1);
  });
});
