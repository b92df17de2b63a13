/**
 * KIP-320 on the consumer side: after an unclean election truncates the log
 * under a consumer, Kafka's consumer validates its position with
 * OffsetsForLeaderEpoch and seeks back to the first diverging offset, instead
 * of applying auto.offset.reset (re-reading from 0, or skipping) or silently
 * reading the new log from a position past the divergence.
 */
import { describe, expect, it } from 'vitest';
import { endOffsetForEpoch } from '../../src/engine/broker/log.ts';
import { consumerEventText, rebalanceReasonText, stepText } from '../../src/i18n/index.ts';
import { committedReplica } from '../../src/engine/broker/committedLog.ts';
import { memberNamed } from '../../src/engine/consumer/consumerWorld.ts';
import { runConsumers, type Raw } from './consumerHelpers.ts';
import type { ConsumerWorld } from '../../src/engine/core/consumerModel.ts';
import { batchesOf } from '../../src/engine/broker/log.ts';

/** The review's repro: b3 lags out of the ISR, b1 and b2 die, b3 becomes leader uncleanly, b1 and b2 come back. */
function unclean(consumerConfig: Raw, faults: Raw[] = []): Raw {
  return {
    seed: 2,
    until: 40_000,
    cluster: { brokers: 3, config: { 'replica.lag.time.max.ms': 5000, 'unclean.leader.election.enable': true } },
    topics: [{ name: 'orders', partitions: 1, 'replication.factor': 3 }],
    producers: [{ name: 'p1', topic: 'orders', rate: 100, count: 3000, keys: 4 }],
    consumers: [{ name: 'c1', group: 'g1', topic: 'orders', config: consumerConfig, processing: 'inline', processingMs: 0 }],
    faults: [
      { at: 1000, type: 'slow-follower', broker: 3, delayMs: 8000 },
      { at: 12_000, type: 'crash', broker: 1 },
      { at: 12_000, type: 'crash', broker: 2 },
      { at: 25_000, type: 'restart', broker: 1 },
      { at: 25_000, type: 'restart', broker: 2 },
      ...faults,
    ],
  };
}

/** Where the new leader's log stops agreeing with epoch 0 (the first diverging offset). */
function divergence(r: ReturnType<typeof runConsumers>): number {
  return endOffsetForEpoch(committedReplica(r.sim.ctx, 0)!, 0).endOffset;
}

describe('truncation detection (KIP-320)', () => {
  it.each(['earliest', 'latest'])('auto.offset.reset=%s: the consumer seeks to the diverging offset; nothing is re-read, skipped or reordered', (reset) => {
    const r = runConsumers(unclean({ 'auto.offset.reset': reset }));
    const [t] = r.events('truncation-detected', 'c1');
    expect(t).toBeDefined();
    const at = divergence(r);
    expect(at).toBeGreaterThan(0);
    expect(t.args).toMatchObject({ partition: 'orders-0', divergedAt: at, epoch: 0, leader: 3 });
    expect(Number(t.args!.offset)).toBeGreaterThan(at);
    // No fallback to auto.offset.reset after the election (only the initial reset of an empty group).
    expect(r.events('offset-reset', 'c1').filter((e) => e.t > 12_000)).toEqual([]);
    expect(r.events('out-of-range', 'c1')).toEqual([]);
    // Before the fix: processed twice 813 / out of order 376 with earliest; skipped records with latest.
    expect(r.group).toMatchObject({ processedTwice: 0, processedOutOfOrder: 0, lostAfterBroker: 0, unconsumed: 0 });
    // Only the group's first reset skips anything (latest: what was produced before it joined).
    const initial = r.events('offset-reset', 'c1').reduce((n, e) => n + Number(e.args!.skipped), 0);
    expect(r.group.skippedByReset).toBe(initial);
    expect(initial).toBe(reset === 'earliest' ? 0 : r.events('offset-reset', 'c1')[0].args!.offset);
    expect(r.group.consumable).toBe(r.result.summary.committed);
    // The next poll after the seek returns the record at the diverging offset.
    const next = r.events('polled', 'c1').find((e) => e.t >= t.t)!;
    expect(consumerEventText('en', next)).toContain(`orders-0[${at}..`);
  });

  it('explains itself in English and Chinese', () => {
    const r = runConsumers(unclean({ 'auto.offset.reset': 'earliest' }));
    const [t] = r.events('truncation-detected', 'c1');
    const step = { t: t.t, code: 'c-truncation-detected', args: { ...t.args!, consumer: 'c1' }, event: -1 };
    const at = t.args!.divergedAt;
    expect(stepText('en', step)).toBe(`truncation detected: the log of orders-0 diverged at offset ${at} after an unclean election (c1 was at offset ${t.args!.offset}); resetting to ${at}`);
    expect(stepText('zh-CN', step)).toContain(`从 offset ${at} 起出现分歧`);
    expect(stepText('zh-CN', step)).toContain(`重置到 ${at}`);
  });

  /** c1 reads and commits, closes just before the brokers die; c2 (same group) starts after the unclean election. */
  function handOver(c2Reset: string): Raw {
    const raw = unclean({ 'auto.offset.reset': 'earliest' }, [{ at: 11_500, type: 'consumer-close', consumer: 'c1' }]);
    (raw.consumers as Raw[]).push({ name: 'c2', group: 'g1', topic: 'orders', config: { 'auto.offset.reset': c2Reset }, processing: 'inline', processingMs: 0, startAt: 26_000 });
    return raw;
  }

  it('a committed offset carries its leader epoch, and a member resuming from it validates it', () => {
    const r = runConsumers(handOver('earliest'));
    const w = r.sim.ctx.consumers as ConsumerWorld;
    const closing = r.events('committed', 'c1').at(-1)!;
    const committedAt = Number(/orders-0@(\d+)/.exec(String(closing.args!.offsets))![1]);
    const at = divergence(r);
    expect(committedAt).toBeGreaterThan(at);
    const [t] = r.events('truncation-detected', 'c2');
    expect(t.args).toMatchObject({ offset: committedAt, divergedAt: at, epoch: 0 });
    // Without validation c2 would fetch at the committed offset, still below the new log end, and
    // never read the new records between the divergence and it.
    expect(r.group).toMatchObject({ processedTwice: 0, processedOutOfOrder: 0, lostAfterBroker: 0, skippedByReset: 0, unconsumed: 0 });
    expect(w.groups[0].committed.get(0)!.leaderEpoch).toBe(2);
  });

  it('auto.offset.reset=none: LogTruncationException, and the partition makes no progress', () => {
    const r = runConsumers(handOver('none'));
    const [e] = r.events('log-truncation', 'c2');
    expect(consumerEventText('en', e)).toMatch(/^LogTruncationException: truncation detected for orders-0 at offset \d+: the log diverged at offset \d+/);
    expect(e.args!.divergedAt).toBe(divergence(r));
    expect(r.events('truncation-detected', 'c2')).toEqual([]);
    expect(r.events('polled', 'c2')).toEqual([]);
    expect(r.events('offset-reset', 'c2')).toEqual([]);
    const step = { t: e.t, code: 'c-log-truncation', args: { ...e.args!, consumer: 'c2' }, event: -1 };
    expect(stepText('en', step)).toContain('LogTruncationException');
    expect(stepText('zh-CN', step)).toContain('LogTruncationException');
  });

  it('a checker judging key order against the committed log: records read from the truncated log overtake nothing', () => {
    // The same run with detection: c1 processed records 811.. of the old log, then the new 811.. of the same keys.
    const r = runConsumers(unclean({ 'auto.offset.reset': 'earliest' }));
    const w = r.sim.ctx.consumers as ConsumerWorld;
    const L = w.groups[0].ledger;
    const ctx = r.sim.ctx;
    // More distinct records processed than the committed log holds: the difference was lost by the election.
    expect(L.processedCount).toBeGreaterThan(r.group.consumable);
    // A check by offset alone would flag records: an old-log record of some key, at a higher offset,
    // was processed before a new-log record of that key at a lower offset.
    const at = divergence(r);
    const old = new Map<number, { offset: number; seq: number }>();
    for (const b of ctx.removed) {
      if (b.pb.partition !== 0) continue;
      b.pb.msgs.forEach((id, i) => {
        if (L.processed[id] && !old.has(ctx.msgs.key[id])) old.set(ctx.msgs.key[id], { offset: b.baseOffset + i, seq: L.firstSeq[id] });
      });
    }
    const log = batchesOf(committedReplica(ctx, 0)!, ctx.batches);
    const flaggedByOffsetAlone = log.some((b) => b.pb.msgs.some((id, i) => {
      const o = old.get(ctx.msgs.key[id]);
      return b.baseOffset + i >= at && o !== undefined && o.offset > b.baseOffset + i && o.seq < L.firstSeq[id];
    }));
    expect(flaggedByOffsetAlone).toBe(true);
    expect(r.group.processedOutOfOrder).toBe(0);
  });
});

/**
 * Before KIP-320's consumer side (Kafka 2.3, KAFKA-7747; the version table's 2.1 row) the consumer
 * validates nothing: its fetches carry no leader epoch, and after an unclean election a position
 * past the new log end gets OFFSET_OUT_OF_RANGE and auto.offset.reset (Fetcher.handleFetchResponse /
 * resetOffsetIfNeeded). With earliest that re-reads the log from 0. Same faults, same explicit configs.
 */
describe('truncation detection depends on the Kafka version (KIP-320)', () => {
  const at = (version: string) => {
    const raw = unclean({ 'auto.offset.reset': 'earliest' });
    (raw.cluster as Raw).kafkaVersion = version;
    // The producer keeps 4.x's settings, so only the consumer's version differs in effect.
    (raw.producers as Raw[])[0].config = { acks: 'all', 'enable.idempotence': false, retries: 2147483647, 'delivery.timeout.ms': 120000 };
    return runConsumers(raw);
  };

  it('2.1: no validation, the position past the new log end is OFFSET_OUT_OF_RANGE and earliest re-reads from 0', () => {
    const r = at('2.1');
    expect(r.events('truncation-detected', 'c1')).toEqual([]);
    const [oor] = r.events('out-of-range', 'c1').filter((e) => e.t > 12_000);
    expect(oor).toBeDefined();
    expect(r.events('offset-reset', 'c1').some((e) => e.t >= oor.t && e.args!.offset === 0)).toBe(true);
    expect(r.group.processedTwice).toBeGreaterThan(0);
  });

  it('2.8: the same run validates the position and seeks to the divergence; nothing is processed twice', () => {
    const r = at('2.8');
    expect(r.events('truncation-detected', 'c1')).toHaveLength(1);
    expect(r.events('out-of-range', 'c1')).toEqual([]);
    expect(r.group.processedTwice).toBe(0);
  });
});

describe('JoinGroup from a known member of a Stable group (classicGroupJoinExistingMember)', () => {
  const two = (): Raw => ({
    seed: 1,
    until: 12_000,
    cluster: { brokers: 3 },
    topics: [{ name: 'orders', partitions: 2, 'replication.factor': 3 }],
    producers: [{ name: 'p1', topic: 'orders', rate: 50, count: 500, keys: 4 }],
    consumers: [1, 2].map((i) => ({ name: `c${i}`, group: 'g1', topic: 'orders', config: { 'auto.offset.reset': 'earliest' } })),
    faults: [],
  });

  function rejoin(which: 'leader' | 'follower') {
    const r = runConsumers(two(), 8000);
    const w = r.sim.ctx.consumers as ConsumerWorld;
    const g = w.groups[0];
    expect(g.state).toBe('Stable');
    const mem = [...g.members.values()].find((x) => (x.memberId === g.leader) === (which === 'leader'))!;
    const before = { generation: g.generation, rebalances: g.rebalances.length, assignment: mem.assignment };
    memberNamed(r.sim.ctx, mem.consumer)!.rejoinNeeded = true;
    r.sim.runUntil(12_000);
    return { g, mem, before, member: memberNamed(r.sim.ctx, mem.consumer)! };
  }

  it('a follower rejoining with the same protocols gets the current generation back: no rebalance', () => {
    const { g, before, member } = rejoin('follower');
    expect(g.generation).toBe(before.generation);
    expect(g.rebalances).toHaveLength(before.rebalances);
    expect(member.generation).toBe(before.generation);
    expect(member.joinState).toBe('stable');
    expect(member.assignment).toEqual(before.assignment);
  });

  it('the leader rejoining forces a rebalance', () => {
    const { g, before } = rejoin('leader');
    expect(g.generation).toBe(before.generation + 1);
    expect(rebalanceReasonText('en', g.rebalances.at(-1)!.why)).toContain('rejoined');
  });
});
