/**
 * One connection layer for every client (core/connections.ts): producers,
 * consumers and the brokers' replica fetchers. Kafka: NetworkClient and
 * ClusterConnectionStates (KIP-601: socket.connection.setup.timeout.ms,
 * reconnect.backoff.ms), Sender.sendProducerData (drains only to ready nodes),
 * BrokerBlockingSender / NetworkClientUtils.awaitReady (the replica fetcher),
 * AbstractFetcherThread (replica.fetch.backoff.ms after an error); TCP's
 * retransmission timer (RTO from 200 ms, doubling) after a partition heals.
 */
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/engine/scenario/scenario.ts';
import { Simulation } from '../../src/engine/sim/simulation.ts';
import { nextRetransmission } from '../../src/engine/core/network.ts';
import { scenario, type Raw } from './helpers.ts';
import { traceEvents } from '../../src/engine/core/traceLog.ts';

/** Runs `raw`, recording every message of `type` from `from` to `to` with its send time. */
function runWatching(raw: Raw, from: string, to: string, type: string): { sim: Simulation; sends: number[] } {
  const sim = new Simulation(parseScenario(raw));
  const sends: number[] = [];
  const send = sim.ctx.send;
  sim.ctx.send = (f, t, body) => {
    if (f === from && t === to && body.type === type) sends.push(sim.ctx.now);
    return send.call(sim.ctx, f, t, body); // a method of the context (contextOps.ts)
  };
  sim.runUntil(sim.scenario.until);
  return { sim, sends };
}

describe('a producer whose leader\'s host answers nothing', () => {
  // p1 is cut off from b1 (the leader) at 2 s; the controller still sees b1, so b1 stays leader.
  const raw = scenario({ until: 60_000, faults: [{ at: 2000, type: 'partition', groups: [['b1', 'b2', 'b3', 'controller'], ['p1']] }] }, { count: 5000 });

  it('sends no request while no connection can be set up: after the first request timeout, the attempts fail at socket.connection.setup.timeout.ms and the batches wait in the accumulator', () => {
    const { sim, sends } = runWatching(raw, 'p1', 'b1', 'produce');
    // Requests already on the established connection wait request.timeout.ms (30 s), as in Kafka ...
    expect(sends.filter((t) => t >= 2000 && t < 32_000).length).toBeGreaterThan(0);
    // ... then nothing more leaves: NetworkClient.ready is false for b1 (before, each retry waited 30 s more).
    expect(sends.filter((t) => t >= 32_100)).toEqual([]);
    const errors = traceEvents(sim.ctx.trace).filter((e) => e.type === 'produce-error');
    // Only the requests that were in flight at the cut fail as disconnected; the rest expire with TimeoutException.
    expect(errors.every((e) => e.t < 32_100)).toBe(true);
    expect(sim.ctx.producers[0].conns.get(1)?.failedConnectAttempts).toBeGreaterThan(0);
  });
});

describe('a follower whose leader\'s host answers nothing', () => {
  // b2 alone is cut off from b1 (still the leader, with b3 and the controller).
  const raw = scenario({ until: 60_000, faults: [{ at: 2000, type: 'partition', groups: [['b1', 'b3', 'controller', 'p1'], ['b2']] }] }, { count: 100 });

  it('fails its connection after the setup timeout (10 s ±20%, the base value each time: the fetcher forgets a failed connection) and backs off replica.fetch.backoff.ms, instead of sending a fetch that waits 30 s', () => {
    const { sends } = runWatching(raw, 'b2', 'b1', 'fetch');
    // The fetch in flight at the cut waits replica.socket.timeout.ms; no fetch leaves after it.
    expect(sends.filter((t) => t > 2001)).toEqual([]);
  });

  it('rejoins within a retransmission after the partition heals (TCP delivers the fetch it kept retransmitting)', () => {
    const healAt = 12_000;
    const r = runWatching({ ...raw, faults: [...(raw.faults as Raw[]), { at: healAt, type: 'heal' }] }, 'b2', 'b1', 'fetch');
    // The fetch sent before the cut was never closed (10 s < replica.socket.timeout.ms); TCP delivers it at its
    // next retransmission after the heal, and b2 fetches again right after the answer.
    const after = r.sends.filter((t) => t >= healAt);
    expect(after.length).toBeGreaterThan(0);
    expect(after[0] - healAt).toBeLessThan(10_000);
  });
});

describe('TCP retransmission', () => {
  it('retransmits 200 ms after the first send, then doubling (Linux TCP_RTO_MIN, exponential backoff)', () => {
    expect(nextRetransmission(1000, 1100)).toBe(1200);
    expect(nextRetransmission(1000, 1201)).toBe(1600);
    expect(nextRetransmission(1000, 8000)).toBe(1000 + 200 + 400 + 800 + 1600 + 3200 + 6400);
  });

  it('delivers a producer\'s requests held during a short partition at the next retransmission, so they are acknowledged without waiting for request.timeout.ms', () => {
    const raw = scenario({ until: 30_000, faults: [{ at: 2000, type: 'isolate', node: 'p1' }, { at: 5000, type: 'heal' }] }, { count: 1500 });
    const { sim } = runWatching(raw, 'p1', 'b1', 'produce');
    // No request timed out (30 s): the partition lasted 3 s and TCP carried the requests across it.
    expect(traceEvents(sim.ctx.trace).filter((e) => e.type === 'produce-error')).toEqual([]);
    const acked = traceEvents(sim.ctx.trace).filter((e) => e.type === 'acked' && e.t > 5000);
    expect(acked.length).toBeGreaterThan(0);
    expect(acked[0].t).toBeLessThan(5000 + 6400);
  });
});
