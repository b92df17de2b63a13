/**
 * What the view offers on each node comes from the engine: which faults apply
 * to which node kind and state, the slow-follower delay it shows and sends,
 * and the "safe settings".
 */
import { describe, expect, it } from 'vitest';
import { FAULTS_BY_KIND, SLOW_FOLLOWER_DELAY_MS, appliesTo, brokerActions, consumerActions, safeSettings, slowFollowerMs } from '../../src/engine/faults/nodeActions.ts';
import { planChange } from '../../src/engine/config/liveConfig.ts';
import { run, scenario } from './helpers.ts';

describe('node actions', () => {
  it('broker faults apply to brokers, consumer faults to consumers, network faults to every node', () => {
    expect(appliesTo('broker', 'crash')).toBe(true);
    expect(appliesTo('consumer', 'crash')).toBe(false);
    expect(appliesTo('producer', 'producer-restart')).toBe(true);
    expect(appliesTo('broker', 'consumer-stall')).toBe(false);
    for (const kind of ['broker', 'controller', 'producer', 'consumer'] as const) expect(FAULTS_BY_KIND[kind]).toContain('isolate');
  });

  it('a crashed broker can be restarted, not crashed again; a running one not restarted', () => {
    const up = brokerActions({ id: 2, status: 'running', stopping: false, isolated: false }, 0);
    const down = brokerActions({ id: 2, status: 'crashed', stopping: false, isolated: false }, 0);
    const enabled = (a: typeof up) => a.filter((x) => x.enabled).map((x) => x.id);
    expect(enabled(up)).toEqual(['crash', 'power', 'shutdown', 'isolate', 'slow']);
    expect(enabled(down)).toEqual(['power', 'restart', 'isolate', 'slow']);
  });

  it('"slow follower" sends and shows the same delay; a slowed broker offers to restore it, with its actual delay', () => {
    const slow = brokerActions({ id: 3, status: 'running', stopping: false, isolated: false }, 0).find((a) => a.id === 'slow')!;
    expect(slow.fault).toEqual({ type: 'slow-follower', broker: 3, delayMs: SLOW_FOLLOWER_DELAY_MS });
    expect(slow.args.s).toBe(SLOW_FOLLOWER_DELAY_MS / 1000);
    const r = run(scenario({ until: 3000, faults: [{ at: 100, type: 'slow-follower', broker: 2, delayMs: 2500 }] }));
    const parts = r.sim.ctx.partitions.map((p) => ({ replicas: p.assignment.map((b) => ({ broker: b, slowMs: r.sim.ctx.brokers[b - 1].replicas.get(p.id)!.slowMs })) }));
    expect(slowFollowerMs(parts, 2)).toBe(2500);
    const unslow = brokerActions({ id: 2, status: 'running', stopping: false, isolated: false }, 2500).find((a) => a.id === 'unslow')!;
    expect(unslow.args.ms).toBe(2500);
    expect(unslow.fault).toMatchObject({ delayMs: 0 });
  });

  it('a consumer stalled "past max.poll.interval.ms" stalls longer than its own max.poll.interval.ms', () => {
    const long = consumerActions('c1', 'alive', 60000, undefined).find((a) => a.id === 'stallLong')!;
    expect(long.fault).toMatchObject({ type: 'consumer-stall', consumer: 'c1' });
    expect((long.fault as { ms: number }).ms).toBeGreaterThan(60000);
    expect(consumerActions('c1', 'idle', 60000, undefined).map((a) => a.id)).toContain('start');
  });

  it('safe settings are accepted by the engine and turn a lossy acks=1 setup into acks=all with min.insync.replicas=2', () => {
    const raw = scenario({}, { config: { acks: 1 } });
    const changes = safeSettings({ producers: [{ name: 'p1' }], topics: [{ name: 'orders', replicationFactor: 3 }] });
    let next = raw;
    for (const c of changes) {
      const out = planChange(next, c);
      expect(out.ok, JSON.stringify(c)).toBe(true);
      if (out.ok) next = out.raw;
    }
    expect(next).toMatchObject({ producers: [{ config: { acks: 'all', 'enable.idempotence': true } }], topics: [{ config: { 'min.insync.replicas': 2, 'unclean.leader.election.enable': false } }] });
    expect(safeSettings({ producers: [], topics: [{ name: 't', replicationFactor: 1 }] })).toEqual([{ scope: 'topic', topic: 't', key: 'unclean.leader.election.enable', value: false }]);
  });
});
