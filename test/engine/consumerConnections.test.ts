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
import { sendRequest } from '../../src/engine/consumer/consumerRequests.ts';

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

describe('connection setup to a host that answers nothing (socket.connection.setup.timeout.ms, KIP-601)', () => {
  // c1 can never reach b3's host (every packet between them is lost). When it picks b3 for a
  // FindCoordinator or Metadata request, no connection can be set up: NetworkClient gives up after
  // socket.connection.setup.timeout.ms (10 s ±20%), not request.timeout.ms (30 s), and asks another broker.
  const silentB3 = (config: Raw = {}) =>
    consumerScenario([{ config: { 'auto.offset.reset': 'earliest', ...config } }], { seed: 2, until: 60_000, faults: [{ at: 0, type: 'link', from: 'c1', to: 'b3', drop: 1 }] });

  it('a consumer gives up connecting to a silent broker after socket.connection.setup.timeout.ms and joins its group within seconds', () => {
    const r = runConsumers(silentB3());
    const stable = r.events('stable');
    expect(stable.length).toBeGreaterThan(0);
    // The group's first rebalance waits 3 s at the coordinator; the failed attempt costs 8–12 s.
    expect(stable[0].t).toBeGreaterThan(8_000);
    expect(stable[0].t).toBeLessThan(16_000);
    expect(r.group.processed).toBe(4000);
  });

  it('with a 30 s connection setup timeout the same consumer waits about 30 s: the setting is what the learner sees', () => {
    const r = runConsumers(silentB3({ 'socket.connection.setup.timeout.ms': 30_000, 'socket.connection.setup.timeout.max.ms': 30_000 }));
    expect(r.events('stable')[0].t).toBeGreaterThan(24_000);
  });

  it('each consecutive failed attempt doubles the setup timeout, up to socket.connection.setup.timeout.max.ms, with ±20% jitter (ClusterConnectionStates)', () => {
    const s = parseScenario(silentB3());
    const sim = new Simulation(s);
    sim.runUntil(1);
    const m = sim.ctx.consumers!.members[0];
    const waits: number[] = [];
    for (let i = 0; i < 5; i++) {
      const reqId = sendRequest(sim.ctx, m, 3, { kind: 'metadata', partitions: [0] });
      const started = sim.now;
      while (m.requests.has(reqId) && sim.step());
      waits.push(sim.now - started);
    }
    // 10 s, 20 s, then the 30 s cap, each ±20% (the reconnect backoff of 50 ms–1 s comes first from the second on).
    expect(waits[0]).toBeGreaterThanOrEqual(8_000);
    expect(waits[0]).toBeLessThanOrEqual(12_000);
    expect(waits[1]).toBeGreaterThanOrEqual(16_000);
    expect(waits[1]).toBeLessThanOrEqual(24_000 + 1_000);
    for (const w of waits.slice(2)) expect(w).toBeLessThanOrEqual(30_000 + 1_000);
    expect(Math.max(...waits.slice(2))).toBeGreaterThanOrEqual(24_000);
  });
});
