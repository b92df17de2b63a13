/**
 * Committed offsets expire once a group has been empty for
 * offsets.retention.minutes (KIP-211: GroupMetadata.removeExpiredOffsets,
 * OffsetMetadataManager.cleanupExpiredOffsets), and idle days cost nothing to run.
 */
import { describe, expect, it } from 'vitest';
import { consumerScenario, runConsumers, type Raw } from './consumerHelpers.ts';

const DAY = 24 * 3600 * 1000;

/** c1 reads, closes at 20 s, comes back at `back`; p2 writes 100 records while it is away. */
function away(back: number, over: Raw = {}, member: Raw = {}): Raw {
  return consumerScenario([{ ...member }], {
    until: back + 30_000,
    topics: [{ name: 'orders', partitions: 1, 'replication.factor': 3 }],
    producers: [
      { name: 'p1', topic: 'orders', rate: 100, count: 500, keys: 4, startAt: 5000 },
      { name: 'p2', topic: 'orders', rate: 10, count: 100, keys: 4, startAt: back - 60_000 },
    ],
    faults: [
      { at: 20_000, type: 'consumer-close', consumer: 'c1' },
      { at: back, type: 'consumer-add', consumer: 'c1' },
    ],
    ...over,
  });
}

describe('offset expiry (offsets.retention.minutes, 7 days by default)', () => {
  it('deletes an empty group\'s offsets at the first 10-minute check after 7 days empty; latest then skips what was written meanwhile', () => {
    const r = runConsumers(away(8 * DAY));
    const expired = r.events('offsets-expired');
    expect(expired).toHaveLength(1);
    const emptySince = Number(expired[0].args?.emptySince);
    expect(emptySince).toBeGreaterThanOrEqual(20_000);
    expect(expired[0].t).toBeGreaterThanOrEqual(emptySince + 7 * DAY);
    expect(expired[0].t - (emptySince + 7 * DAY)).toBeLessThanOrEqual(600_000);
    expect(expired[0].t % 600_000).toBe(0);
    expect(r.group.skippedByReset).toBe(100);
    expect(r.group.processed).toBe(500);
    expect(r.result.summary.skippedByReset).toBe(100);
  });

  it('keeps the offsets of a group that comes back before 7 days: nothing is skipped', () => {
    const r = runConsumers(away(6 * DAY));
    expect(r.events('offsets-expired')).toHaveLength(0);
    expect(r.group.skippedByReset).toBe(0);
    expect(r.group.processed).toBe(600);
  });

  it('with auto.offset.reset=earliest the returning group reads everything again: duplicates instead of a gap', () => {
    const r = runConsumers(away(8 * DAY, {}, { config: { 'auto.offset.reset': 'earliest' } }));
    expect(r.events('offsets-expired')).toHaveLength(1);
    expect(r.group.skippedByReset).toBe(0);
    expect(r.group.processedTwice).toBe(500);
  });

  it('never expires the offsets of a group with members, however long it runs', () => {
    const raw = away(8 * DAY);
    raw.faults = [];
    raw.until = 8 * DAY;
    const r = runConsumers(raw);
    expect(r.events('offsets-expired')).toHaveLength(0);
    expect(r.group.skippedByReset).toBe(0);
  });

  it('follows offsets.retention.minutes from the cluster config', () => {
    const r = runConsumers(away(3 * 3600 * 1000, { cluster: { brokers: 3, config: { 'offsets.retention.minutes': 60 } } }));
    const expired = r.events('offsets-expired');
    expect(expired).toHaveLength(1);
    expect(expired[0].t).toBeLessThan(2 * 3600 * 1000);
    expect(r.group.skippedByReset).toBe(100);
  });
});

describe('idle time costs nothing', () => {
  it('an 8-day run of a mostly idle group takes a few thousand events, not hundreds of millions', () => {
    const r = runConsumers(away(8 * DAY));
    // Detail events (fetches, appends) happen only while records move; the idle days add none.
    expect(r.sim.ctx.trace.length).toBeLessThan(20_000);
    expect(r.sim.now).toBe(8 * DAY + 30_000);
  });

  it.each([
    ['an empty group', true],
    ['a live idle member', false],
  ])('skipping a quiet stretch changes no outcome (%s): the same run with a no-op fault every 8 s (no skip possible) ends the same', (_what, close) => {
    // 'heal' faults are no-ops that anchor the run, so no stretch longer than the skip minimum stays quiet.
    const base = away(3_600_000, { seed: 4 });
    if (!close) base.faults = [];
    const anchored = structuredClone(base);
    anchored.faults = [...(base.faults as Raw[]), ...Array.from({ length: 450 }, (_, i) => ({ at: 25_000 + i * 8000, type: 'heal' }))];
    const a = runConsumers(base);
    const b = runConsumers(anchored);
    const strip = (s: typeof a.result.summary) => ({ ...s, consumerGroups: s.consumerGroups.map((g) => ({ ...g, lagOverTime: [] })) });
    expect(strip(b.result.summary)).toEqual(strip(a.result.summary));
  });
});
