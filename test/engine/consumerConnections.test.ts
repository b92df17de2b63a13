/**
 * The consumer's connections to brokers: requests for the group coordinator
 * while it is unknown, and requests in flight to a broker whose process dies.
 * Kafka: AbstractCoordinator (sendJoinGroupRequest / sendSyncGroupRequest fail
 * with COORDINATOR_NOT_AVAILABLE while coordinatorUnknown()), NetworkClient
 * (a reset connection fails its requests as disconnected).
 */
import { describe, expect, it } from 'vitest';
import { consumerScenario, runConsumers, type Raw } from './consumerHelpers.ts';
import { parseScenario } from '../../src/engine/scenario/scenario.ts';
import { Simulation } from '../../src/engine/sim/simulation.ts';

/** Runs the scenario, recording the destination of every message sent. */
function runRecordingSends(raw: Raw): { sim: Simulation; to: Set<string> } {
  const s = parseScenario(raw);
  const sim = new Simulation(s);
  const to = new Set<string>();
  const send = sim.ctx.send;
  sim.ctx.send = (from, dest, body) => {
    to.add(dest);
    return send.call(sim.ctx, from, dest, body); // a method of the context (contextOps.ts)
  };
  sim.runUntil(s.until);
  return { sim, to };
}

describe('requests for an unknown coordinator', () => {
  // Found by the auto-commit property: c1's JoinGroup answer arrives after a failed
  // auto-commit marked the coordinator unknown; its SyncGroup went to "b-1" and the
  // simulation threw a TypeError at t=42109 (before nodes had typed ids).
  const cfg = { 'auto.offset.reset': 'earliest', 'session.timeout.ms': 6000, 'heartbeat.interval.ms': 1000, 'max.poll.interval.ms': 8000, 'auto.commit.interval.ms': 1000 };
  const repro = consumerScenario(
    [{ config: cfg, processingMs: 3 }, { config: cfg, processingMs: 3 }, { config: cfg, processingMs: 3, startAt: null }],
    {
      seed: 1367591442,
      until: 60_000,
      topics: [{ name: 'orders', partitions: 1, 'replication.factor': 3 }],
      faults: [
        { at: 1000, type: 'slow-follower', broker: 2, delayMs: 500 },
        { at: 3620, type: 'shutdown', broker: 2 },
        { at: 4958, type: 'isolate', node: 'b1' },
      ],
    },
    { rate: 100, count: 2500 },
  );

  it('are never sent to a broker: SyncGroup fails with COORDINATOR_NOT_AVAILABLE and the member looks the coordinator up again', () => {
    const { sim, to } = runRecordingSends(repro);
    expect([...to].filter((n) => sim.ctx.nodeOf(n) === undefined)).toEqual([]);
    // The group still settles: given time, every record committed to orders-0 is processed.
    const r = runConsumers(repro, 120_000);
    expect(r.group.lostAfterBroker).toBe(0);
    expect(r.events('stable').length).toBeGreaterThan(0);
    expect(r.group.unconsumed).toBe(0);
  });
});

describe('a broker process killed under a consumer', () => {
  it('fails the JoinGroup waiting at the coordinator at once, so the member joins the next coordinator within seconds, not after the JoinGroup timeout', () => {
    const raw = consumerScenario([{ config: { 'auto.offset.reset': 'earliest' } }], { until: 40_000 });
    const coordinator = runConsumers(raw, 100).sim.ctx.consumers!.offsetsLeader.get(0)!;
    // The first JoinGroup waits group.initial.rebalance.delay.ms (3 s) at the coordinator.
    raw.faults = [{ at: 1500, type: 'crash', broker: coordinator }];
    const r = runConsumers(raw);
    const stable = r.events('stable');
    expect(stable.length).toBeGreaterThan(0);
    // The new coordinator loads the group and waits its own initial delay; the crashed broker is
    // fenced after broker.session.timeout.ms (9 s). Without the reset the JoinGroup would wait
    // max.poll.interval.ms + 5 s = 305 s.
    expect(stable[0].t).toBeLessThan(20_000);
    expect(r.result.summary.processed).toBeGreaterThan(0);
  });
});
