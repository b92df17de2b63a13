/**
 * Static membership (KIP-345, group.instance.id): GroupCoordinator.
 * updateStaticMemberAndRebalance ("Static member which joins during Stable
 * stage and doesn't affect selectProtocol will not trigger rebalance") and
 * AbstractCoordinator.maybeLeaveGroup ("only dynamic members will send LeaveGroupRequest").
 */
import { describe, expect, it } from 'vitest';
import { consumerScenario, runConsumers, type Raw } from './consumerHelpers.ts';
import { parseScenario } from '../../src/engine/scenario/scenario.ts';

const member = (id: string | null, over: Raw = {}): Raw => ({ config: { 'auto.offset.reset': 'earliest', ...(id ? { 'group.instance.id': id } : {}) }, ...over });

describe('static membership (group.instance.id)', () => {
  it('a restart within session.timeout.ms takes the old place and partitions back: no rebalance, the other member never stops', () => {
    const r = runConsumers(consumerScenario([member('a'), member('b')], { faults: [{ at: 20_000, type: 'consumer-restart', consumer: 'c1' }] }));
    expect(r.group.rebalances).toBe(1);
    expect(r.events('static-replaced', 'c1')).toHaveLength(1);
    expect(r.events('revoked', 'c2')).toHaveLength(0);
    const c1 = r.sim.ctx.consumers!.members[0];
    expect(c1.assignment.map((p) => r.sim.ctx.partitions[p].name)).toEqual(['orders-0']);
    expect(r.group.unconsumed).toBe(0);
  });

  it('the same restart of a dynamic member stops the whole group until the dead member\'s session expires', () => {
    const r = runConsumers(consumerScenario([member(null), member(null)], { until: 90_000, faults: [{ at: 20_000, type: 'consumer-restart', consumer: 'c1' }] }));
    expect(r.group.rebalances).toBeGreaterThan(1);
    // The rebalance started at the restart completes only when the old member's session (45 s) expires.
    expect(r.events('stable').find((e) => e.t > 20_000)!.t).toBeGreaterThan(60_000);
    expect(r.events('revoked', 'c2').length).toBeGreaterThan(0);
    expect(r.events('session-expired').length).toBeGreaterThan(0);
  });

  it('a closing static member sends no LeaveGroup: the coordinator removes it only after session.timeout.ms', () => {
    const raw = consumerScenario([member('a'), member('b')], { until: 90_000, faults: [{ at: 20_000, type: 'consumer-close', consumer: 'c1' }] });
    const r = runConsumers(raw);
    const rebalance = r.events('rebalance').find((e) => e.t > 20_000)!;
    expect(rebalance.args?.reason).toBe('session-timeout');
    expect(rebalance.t).toBeGreaterThanOrEqual(20_000 + 45_000 - 3000);
    const dyn = runConsumers(consumerScenario([member(null), member(null)], { until: 90_000, faults: [{ at: 20_000, type: 'consumer-close', consumer: 'c1' }] }));
    const left = dyn.events('rebalance').find((e) => e.t > 20_000)!;
    expect(left.args?.reason).toBe('member-left');
    expect(left.t).toBeLessThan(21_000);
  });

  it('a static member stalled past max.poll.interval.ms does not leave: it rejoins in its old place without a rebalance', () => {
    const cfg = { 'max.poll.interval.ms': 10_000, 'session.timeout.ms': 30_000 };
    const raw = consumerScenario([member('a', { config: { 'auto.offset.reset': 'earliest', 'group.instance.id': 'a', ...cfg } }), member('b', { config: { 'auto.offset.reset': 'earliest', 'group.instance.id': 'b', ...cfg } })], {
      faults: [{ at: 20_000, type: 'consumer-stall', consumer: 'c1', ms: 15_000 }],
    });
    const r = runConsumers(raw);
    expect(r.events('poll-timeout', 'c1')).toHaveLength(1);
    expect(r.group.rebalances).toBe(1);
    expect(r.events('static-replaced', 'c1')).toHaveLength(1);
    expect(r.events('revoked', 'c2')).toHaveLength(0);
  });

  it('refuses an empty group.instance.id and the same one twice in a group', () => {
    expect(() => parseScenario(consumerScenario([{ config: { 'group.instance.id': '' } }]))).toThrow(/group\.instance\.id/);
    expect(() => parseScenario(consumerScenario([member('a'), member('a')]))).toThrow(/FENCED_INSTANCE_ID/);
  });
});
