/**
 * Leader failover and durability: who keeps acknowledged records when a
 * leader dies, loses power, or is cut off. Each test is a small scenario.
 */
import { describe, expect, it } from 'vitest';
import { controllerState, replica, run, scenario } from './helpers.ts';
import { reasonText, stepText } from '../../src/i18n/index.ts';

const slowFollowers = [
  { at: 2000, type: 'slow-follower', broker: 2, delayMs: 1500 },
  { at: 2000, type: 'slow-follower', broker: 3, delayMs: 1500 },
];

describe('acks and leader failover', () => {
  it('acks=1 loses acknowledged records when a lagging follower becomes leader, and the story names the crash', () => {
    const r = run(scenario({ until: 30_000, faults: [...slowFollowers, { at: 5000, type: 'crash', broker: { leaderOf: 'orders-0' } }, { at: 20_000, type: 'restart', broker: 1 }] }, { config: { acks: 1 }, count: 1500 }));
    expect(r.result.summary.lostAcked).toBeGreaterThan(0);
    const lost = r.result.anomalies.find((a) => a.kind === 'lost-write')!;
    const text = lost.story.map((s) => stepText('en', s));
    expect(text.some((t) => /broker 1 acknowledged it to p1 \(acks=1/.test(t))).toBe(true);
    expect(text.some((t) => /broker 1 crashed/.test(t))).toBe(true);
    expect(text.some((t) => /broker [23] was elected leader of orders-0 in epoch 1/.test(t))).toBe(true);
    expect(text.some((t) => /broker 1 truncated its log/.test(t))).toBe(true);
    // The same story reads in Chinese.
    const zh = lost.story.map((s) => stepText('zh-CN', s)).join('\n');
    expect(zh).toMatch(/broker 1 崩溃/);
    // The truncation's reason is translated too, not left in English.
    expect(zh).toMatch(/日志与 leader 2（epoch 1）分叉/);
    expect(zh).not.toMatch(/log diverges/);
  });

  it('acks=all with min.insync.replicas=2 loses nothing in the same crash', () => {
    // A slow follower in the ISR slows every acks=all request (the broker reads one request per
    // connection at a time), so give the run time to drain.
    const r = run(scenario({ until: 90_000, cluster: { brokers: 3, config: { 'min.insync.replicas': 2 } }, faults: [...slowFollowers, { at: 5000, type: 'crash', broker: { leaderOf: 'orders-0' } }, { at: 20_000, type: 'restart', broker: 1 }] }, { count: 1500 }));
    expect(r.result.summary).toMatchObject({ produced: 1500, acked: 1500, lostAcked: 0, duplicated: 0, reordered: 0 });
  });

  it('acks=0 counts records as sent without any broker; those sent to a dead leader are lost', () => {
    const r = run(scenario({ faults: [{ at: 2000, type: 'crash', broker: 1 }] }, { config: { acks: 0 }, count: 1000 }));
    expect(r.result.summary.acked).toBe(1000);
    expect(r.result.summary.lostAcked).toBeGreaterThan(100);
    expect(r.result.anomalies[0].story.some((s) => s.code === 'acked-blind')).toBe(true);
  });

  it('a leader cut off with its producer keeps taking acks=1 writes after the controller moved on (zombie leader)', () => {
    const faults = [{ at: 2000, type: 'partition', groups: [['b1', 'p1'], ['b2', 'b3', 'controller']] }, { at: 15_000, type: 'heal' }];
    const r = run(scenario({ until: 30_000, faults }, { config: { acks: 1 }, count: 2000 }));
    expect(r.of('leader-elected').some((e) => reasonText('en', e.why).includes('missed heartbeats'))).toBe(true);
    expect(r.result.summary.lostAcked).toBeGreaterThan(500);
    const safe = run(scenario({ until: 30_000, cluster: { brokers: 3, config: { 'min.insync.replicas': 2 } }, faults }, { count: 2000 }));
    expect(safe.result.summary.lostAcked).toBe(0);
  });
});

describe('unclean leader election', () => {
  const faults = [
    { at: 1000, type: 'slow-follower', broker: 3, delayMs: 8000 },
    { at: 12_000, type: 'crash', broker: 1 },
    { at: 12_000, type: 'crash', broker: 2 },
  ];
  const base = (unclean: boolean) => scenario({ until: 40_000, cluster: { brokers: 3, config: { 'replica.lag.time.max.ms': 5000, 'unclean.leader.election.enable': unclean } }, faults }, { count: 3000 });

  it('with unclean.leader.election.enable=false the partition goes offline rather than elect an out-of-sync replica', () => {
    const r = run(base(false));
    expect(controllerState(r.sim).leader).toBe(-1);
    expect(r.of('partition-offline').length).toBeGreaterThan(0);
    expect(r.result.summary.lostAcked).toBe(0);
  });

  it('with unclean.leader.election.enable=true an out-of-sync replica leads and acknowledged records are lost', () => {
    const r = run(base(true));
    const elected = r.of('leader-elected').find((e) => e.unclean);
    expect(elected?.leader).toBe(3);
    expect(r.result.summary.lostAcked).toBeGreaterThan(0);
    expect(r.result.anomalies[0].story.some((s) => s.code === 'elected-unclean')).toBe(true);
  });
});

describe('page cache, flush and power', () => {
  const allDown = (type: string) => [
    { at: 10_000, ...(type === 'power-loss' ? { type, brokers: [1, 2, 3] } : { type, broker: 1 }) },
    ...(type === 'crash' ? [{ at: 10_000, type, broker: 2 }, { at: 10_000, type, broker: 3 }] : []),
    { at: 12_000, type: 'restart', broker: 1 },
    { at: 12_000, type: 'restart', broker: 2 },
    { at: 12_000, type: 'restart', broker: 3 },
  ];

  it('kill -9 of every broker loses nothing: the OS page cache survives a process crash', () => {
    const r = run(scenario({ until: 60_000, faults: allDown('crash') }, { count: 1500 }));
    expect(r.result.summary.lostAcked).toBe(0);
    expect(r.result.summary.committed).toBe(1500);
  });

  it('a power cut of every broker loses acknowledged acks=all records that were only in the page cache', () => {
    const r = run(scenario({ until: 60_000, faults: allDown('power-loss') }, { count: 1500 }));
    expect(r.result.summary.lostAcked).toBeGreaterThan(0);
    expect(r.of('power-loss-dropped').length).toBe(3);
    expect(r.result.anomalies[0].story.some((s) => s.code === 'lost-unflushed')).toBe(true);
  });

  it('flush.messages=1 (fsync every record) survives the same power cut', () => {
    const r = run(scenario({ until: 60_000, cluster: { brokers: 3, config: { 'flush.messages': 1 } }, faults: allDown('power-loss') }, { count: 1500 }));
    expect(r.result.summary.lostAcked).toBe(0);
  });

  it('the OS writes dirty pages back after os.dirty.expire.ms, so only recent records are at risk', () => {
    const r = run(scenario({ until: 60_000 }, { count: 100, rate: 10 }), 50_000);
    const rep = replica(r.sim, 1);
    expect(rep.leo).toBe(100);
    expect(rep.flushed).toBe(100); // written ~10 s ago, expired after 30 s, flushed by the OS flusher
  });

  it('acks=all keeps its promise only while an in-sync replica survives: two quick restarts leave one ISR member, which then loses power', () => {
    const faults = [
      { at: 200, type: 'crash', broker: 1 }, { at: 201, type: 'restart', broker: 1 },
      { at: 401, type: 'crash', broker: 2 }, { at: 402, type: 'restart', broker: 2 },
      { at: 602, type: 'power-loss', brokers: [3] }, { at: 603, type: 'restart', broker: 3 },
    ];
    const r = run(scenario({ seed: 0, until: 60_000, cluster: { brokers: 3, config: { 'min.insync.replicas': 2 } }, faults }, { count: 1500 }));
    // Restarted brokers are fenced and out of the ISR until they catch up: the ISR shrinks to [3].
    expect(r.of('leader-elected').find((e) => e.leader === 3)?.isr).toEqual([3]);
    expect(r.result.summary.lostAcked).toBeGreaterThan(0);
  });

  it('one broker losing power loses nothing when the others have the records (replication, not fsync, is the guarantee)', () => {
    const r = run(scenario({ until: 40_000, cluster: { brokers: 3, config: { 'min.insync.replicas': 2 } }, faults: [{ at: 5000, type: 'power-loss', brokers: [{ leaderOf: 'orders-0' }] }, { at: 20_000, type: 'restart', broker: 1 }] }, { count: 2000 }));
    expect(r.result.summary.lostAcked).toBe(0);
    expect(r.result.summary.duplicated).toBe(0);
  });
});

describe('truncation: leader epochs (KIP-101) versus the pre-0.11 high-watermark rule', () => {
  // B becomes leader after A's clean shutdown; C truncates when it follows B; B dies before C fetched again.
  const faults = [
    { at: 5000, type: 'shutdown', broker: 1 },
    { at: 5002, type: 'crash', broker: 2 },
  ];
  const base = (truncation: string) => scenario({ until: 40_000, cluster: { brokers: 3, config: { 'min.insync.replicas': 2 }, lab: { truncation } }, faults }, { count: 2000, rate: 200 });

  it('with the pre-0.11 rule a new follower cuts its log to its own (lagging) high watermark and committed records are lost', () => {
    const r = run(base('high-watermark'));
    expect(r.of('truncated').some((e) => e.broker === 3 && /own high watermark/.test(reasonText('en', e.why)))).toBe(true);
    expect(controllerState(r.sim).leader).toBe(3);
    expect(r.result.summary.lostAcked).toBeGreaterThan(0);
  });

  it('with leader-epoch truncation (Kafka 0.11+) the same schedule loses nothing', () => {
    const r = run(base('leader-epoch'));
    expect(controllerState(r.sim).leader).toBe(3);
    expect(r.result.summary.lostAcked).toBe(0);
  });
});
