import { describe, expect, it } from 'vitest';
import { assign, selectProtocol } from '../../src/engine/consumer/assignor.ts';
import { offsetsPartitionFor, javaHashCode } from '../../src/engine/consumer/offsetsTopic.ts';
import { parseScenario } from '../../src/engine/scenario/scenario.ts';
import { ScenarioError } from '../../src/engine/core/scenarioError.ts';
import { consumerScenario, runConsumers } from './consumerHelpers.ts';

const m = (id: string, owned: number[] = []) => ({ memberId: id, owned });

describe('assignors', () => {
  it('range gives contiguous ranges, the first members one extra', () => {
    const a = assign('range', [0, 1, 2, 3, 4, 5, 6], [m('c2'), m('c1'), m('c3')]);
    expect(Object.fromEntries(a)).toEqual({ c1: [0, 1, 2], c2: [3, 4], c3: [5, 6] });
  });
  it('roundrobin deals partitions one by one in member-id order', () => {
    const a = assign('roundrobin', [0, 1, 2, 3, 4], [m('b'), m('a')]);
    expect(Object.fromEntries(a)).toEqual({ a: [0, 2, 4], b: [1, 3] });
  });
  it('more members than partitions leaves members with nothing', () => {
    const a = assign('range', [0, 1], [m('a'), m('b'), m('c')]);
    expect([...a.values()].filter((p) => p.length === 0)).toHaveLength(1);
  });
  it('sticky keeps previous owners while staying balanced', () => {
    const a = assign('sticky', [0, 1, 2, 3, 4, 5], [m('a', [0, 1, 2]), m('b', [3, 4, 5]), m('c')]);
    expect(a.get('a')!.every((p) => [0, 1, 2].includes(p))).toBe(true);
    expect(a.get('b')!.every((p) => [3, 4, 5].includes(p))).toBe(true);
    expect([...a.values()].map((p) => p.length)).toEqual([2, 2, 2]);
  });
  it('the default list [range, cooperative-sticky] elects range; a common protocol wins the vote', () => {
    expect(selectProtocol([['range', 'cooperative-sticky'], ['range', 'cooperative-sticky']])).toBe('range');
    expect(selectProtocol([['roundrobin', 'range'], ['range']])).toBe('range');
    expect(selectProtocol([['roundrobin'], ['range']])).toBeNull();
  });
});

describe('__consumer_offsets placement', () => {
  it("uses Java's String.hashCode, as GroupCoordinator.partitionFor does", () => {
    expect(javaHashCode('hello')).toBe(99162322);
    expect(javaHashCode('a-fairly-long-consumer-group-name')).toBe(javaHashCode('a-fairly-long-consumer-group-name') | 0);
    expect(offsetsPartitionFor('hello')).toBe(99162322 % 50);
  });
});

describe('group protocol', () => {
  const earliest = { 'auto.offset.reset': 'earliest' };

  it('waits group.initial.rebalance.delay.ms before the first generation of an empty group', () => {
    const r = runConsumers(consumerScenario([{ config: earliest }], { until: 10_000 }));
    const stable = r.events('stable')[0];
    expect(stable.t).toBeGreaterThanOrEqual(3000);
    expect(stable.t).toBeLessThan(3100);
  });

  it('committed offsets survive a coordinator failover: the new coordinator answers with them', () => {
    // Long enough for the loaded group to expire the killed member (a fresh session.timeout.ms from the load).
    const raw = consumerScenario([{ config: earliest }], { until: 100_000 });
    const probe = runConsumers(raw, 100);
    const coordinator = probe.sim.ctx.consumers!.offsetsLeader.get(0)!;
    raw.faults = [{ at: 20_000, type: 'crash', broker: coordinator }, { at: 22_000, type: 'consumer-restart', consumer: 'c1' }];
    const r = runConsumers(raw);
    expect(r.sim.ctx.consumers!.offsetsLeader.get(0)).not.toBe(coordinator);
    expect(r.events('coordinator-loaded')).toHaveLength(1);
    // The restarted consumer resumes from the commits made before the failover: a few repeats, no loss, no reset.
    expect(r.result.summary.lostAfterBroker).toBe(0);
    expect(r.events('offset-reset').filter((e) => e.t > 20_000)).toHaveLength(0);
    expect(r.group.processed).toBe(r.group.consumable);
  });

  it('a member cut off from the coordinator is expired after session.timeout.ms; its later commit fails', () => {
    const cfg = { 'auto.offset.reset': 'earliest', 'enable.auto.commit': false, 'session.timeout.ms': 10_000 };
    const raw = consumerScenario([{ config: cfg, commit: 'after-process' }, { config: cfg, commit: 'after-process' }], { until: 60_000 });
    const probe = runConsumers(raw, 100);
    const coordinator = probe.sim.ctx.consumers!.offsetsLeader.get(0)!;
    raw.faults = [{ at: 15_000, type: 'link', from: 'c1', to: `b${coordinator}`, drop: 1 }, { at: 35_000, type: 'heal' }];
    const r = runConsumers(raw);
    const expired = r.events('session-expired', 'c1');
    expect(expired).toHaveLength(1);
    expect(expired[0].t).toBeGreaterThanOrEqual(15_000 + 10_000 - 3_000);
    expect(r.events('commit-failed', 'c1').length).toBeGreaterThan(0);
    expect(r.result.summary.lostAfterBroker).toBe(0);
  });

  it('a slow consumer builds lag that shows over time', () => {
    const r = runConsumers(consumerScenario([{ config: earliest, processingMs: 10 }], { until: 30_000 }));
    const lag = r.group.lagOverTime;
    expect(lag.length).toBeGreaterThan(20);
    expect(lag[lag.length - 1].lag).toBeGreaterThan(lag[5].lag);
  });
});

describe('consumer scenario validation', () => {
  const bad = (c: Record<string, unknown>) => () => parseScenario(consumerScenario([c]));
  it('names the field and the problem', () => {
    expect(bad({ commit: 'after-process' })).toThrow(/enable\.auto\.commit.*explicitly/);
    expect(bad({ commit: 'auto', config: { 'enable.auto.commit': false } })).toThrow(ScenarioError);
    expect(bad({ commitPer: 'record', processing: 'queue', commit: 'after-process', config: { 'enable.auto.commit': false } })).toThrow(/only for processing "inline"/);
    expect(bad({ processing: 'fork' })).toThrow(/consumers\[0\]\.processing/);
    expect(bad({ config: { 'session.timeout.ms': 1000 } })).toThrow(/heartbeat\.interval\.ms|INVALID_SESSION_TIMEOUT/);
    expect(bad({ config: { 'partition.assignment.strategy': 'cooperative-sticky' } })).toThrow(/KIP-429/);
    expect(bad({ topic: 'nope' })).toThrow(/no topic named "nope"/);
    expect(bad({ extra: 1 })).toThrow(/consumers\[0\]\.extra/);
  });
  it('rejects two topics in one group and duplicate names', () => {
    const raw = consumerScenario([{}, {}]);
    (raw.consumers as Record<string, unknown>[])[1].name = 'c1';
    expect(() => parseScenario(raw)).toThrow(/duplicate consumer/);
  });
  it('uses the current Kafka consumer defaults', () => {
    const s = parseScenario(consumerScenario([{}]));
    const c = s.consumers[0].config;
    expect(c['enable.auto.commit']).toBe(true);
    expect(c['auto.commit.interval.ms']).toBe(5000);
    expect(c['session.timeout.ms']).toBe(45000);
    expect(c['heartbeat.interval.ms']).toBe(3000);
    expect(c['max.poll.interval.ms']).toBe(300000);
    expect(c['max.poll.records']).toBe(500);
    expect(c['auto.offset.reset']).toBe('latest');
    expect(c['partition.assignment.strategy']).toBe('range,cooperative-sticky');
  });
});

describe('consumerSnapshot', () => {
  it('is plain JSON with groups, members, offsets, lag and rebalances', async () => {
    const { consumerSnapshot } = await import('../../src/engine/checker/consumerSnapshot.ts');
    const raw = consumerScenario([{ config: { 'auto.offset.reset': 'earliest' }, processing: 'queue', processingMs: 8 }, { config: { 'auto.offset.reset': 'earliest' } }], { until: 20_000, faults: [{ at: 10_000, type: 'consumer-stall', consumer: 'c2', ms: 20_000 }] });
    const r = runConsumers(raw);
    const snap = consumerSnapshot(r.sim.ctx);
    expect(JSON.parse(JSON.stringify(snap))).toEqual(snap);
    const g = snap[0];
    expect(g.group).toBe('g1');
    expect(g.coordinator).toBeGreaterThan(0);
    expect(g.members.map((m) => m.status)).toEqual(['alive', 'stalled']);
    expect(g.members[0].queueLength).toBeGreaterThan(0);
    expect(g.members[0].partitions[0].position).toBeGreaterThanOrEqual(g.members[0].partitions[0].committed);
    expect(g.rebalances.length).toBeGreaterThan(0);
    expect(g.lagOverTime.length).toBeGreaterThan(10);
  });
});
