import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/engine/core/rng.ts';
import { newQueue, popEvent, pushEvent } from '../../src/engine/core/eventQueue.ts';
import { murmur2, partitionForKey } from '../../src/engine/core/murmur2.ts';
import { addDirty, dirtyCount, dirtyEndBefore, newDirtyMarks, oldestDirty, resetDirty, retireDirty, truncateDirty } from '../../src/engine/broker/dirtyMarks.ts';

describe('seeded RNG', () => {
  it('gives the same sequence for the same seed and a different one for another seed', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const sa = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(sa);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(sa);
    expect(sa.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});

describe('event queue', () => {
  it('orders by time, then by insertion order for equal times', () => {
    const q = newQueue<{ t: number; seq: number; name: string }>();
    pushEvent(q, { t: 5, name: 'late' });
    pushEvent(q, { t: 1, name: 'first-at-1' });
    pushEvent(q, { t: 1, name: 'second-at-1' });
    pushEvent(q, { t: 0, name: 'earliest' });
    const out: string[] = [];
    for (let e = popEvent(q); e; e = popEvent(q)) out.push(e.name);
    expect(out).toEqual(['earliest', 'first-at-1', 'second-at-1', 'late']);
  });
});

describe("Kafka's murmur2 partitioner", () => {
  // The expected values are Kafka's own (clients UtilsTest.testMurmur2).
  it.each([
    ['21', -973932308],
    ['foobar', -790332482],
    ['a-little-bit-long-string', -985981536],
    ['a-little-bit-longer-string', -1486304829],
    ['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', -58897971],
    ['abc', 479470107],
  ])('murmur2(%s) = %d', (s, expected) => {
    expect(murmur2(new TextEncoder().encode(s))).toBe(expected);
  });

  it('maps a key to (murmur2 & 0x7fffffff) % partitions', () => {
    expect(partitionForKey('foobar', 6)).toBe((-790332482 & 0x7fffffff) % 6);
  });
});

describe('page-cache marks', () => {
  it('a writeback flushes what is older than its cutoff, a flush retires marks, and cutting off retired ones (compaction) changes neither', () => {
    const m = newDirtyMarks();
    // One append per ms, one record each: end offset i + 1 written at time i.
    for (let i = 0; i < 5000; i++) addDirty(m, i + 1, i);
    expect(dirtyEndBefore(m, 999, 0)).toBe(1000);
    retireDirty(m, 3000);
    expect(m.head).toBe(0); // compacted: the retired marks are gone
    expect(dirtyCount(m)).toBe(2000);
    expect(oldestDirty(m)).toBe(3000);
    expect(dirtyEndBefore(m, 3499, 3000)).toBe(3500);
    retireDirty(m, 3100);
    expect(m.head).toBe(100); // too few to cut off yet
    expect(oldestDirty(m)).toBe(3100);
    truncateDirty(m, 4000);
    expect(dirtyCount(m)).toBe(900);
    expect(dirtyEndBefore(m, Infinity, 0)).toBe(4000);
    resetDirty(m, 4200, 9000);
    expect([dirtyCount(m), oldestDirty(m), dirtyEndBefore(m, 9000, 0)]).toEqual([1, 9000, 4200]);
  });
});
