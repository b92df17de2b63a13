/**
 * Tables whose changed rows are tracked (core/changedRows.ts) are copied by a
 * checkpoint without a look at the rows not marked: a page cache's dirty
 * marks (broker/dirtyMarks.ts, plain arrays) and a batch history's head and
 * removed columns (broker/batchHistory.ts). Any sequence of their own
 * operations, with checkpoints taken in between and restored (into the live
 * table or afresh), gives back exactly the table as it was: a write that did
 * not mark its row would leave a stale chunk shared. The examples rarely
 * compact the marks (1,024 retired first), so this drives them there.
 */
import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { plainCopy, restoreCopy } from '../../src/engine/sim/checkpoint.ts';
import { useChunkSize } from '../../src/engine/sim/chunks.ts';
import { addDirty, newDirtyMarks, resetDirty, retireDirty, truncateDirty } from '../../src/engine/broker/dirtyMarks.ts';
import { addHistory, newBatchHistory } from '../../src/engine/broker/batchHistory.ts';
import type { BatchHistoryEntry } from '../../src/engine/core/model.ts';

afterEach(() => useChunkSize());

const seed = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);
console.log(`checkpoint marks: fast-check seed ${seed} (FC_SEED=${seed} replays it)`);

const text = (v: unknown): string => JSON.stringify(v, (_k, x: unknown) => (ArrayBuffer.isView(x) ? Array.from(x as Int32Array) : x));

type Op = { op: 'add' | 'retire' | 'truncate' | 'reset' | 'take' | 'restore'; n: number };

const ops = fc.array(
  fc.oneof(
    { weight: 12, arbitrary: fc.record({ op: fc.constant('add' as const), n: fc.integer({ min: 1, max: 400 }) }) },
    { weight: 5, arbitrary: fc.record({ op: fc.constant('retire' as const), n: fc.integer({ min: 0, max: 3000 }) }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('truncate' as const), n: fc.integer({ min: 0, max: 300 }) }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('reset' as const), n: fc.integer({ min: 0, max: 1 }) }) },
    { weight: 4, arbitrary: fc.record({ op: fc.constant('take' as const), n: fc.constant(0) }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('restore' as const), n: fc.integer({ min: 0, max: 1 }) }) },
  ),
  { minLength: 10, maxLength: 60, size: 'max' },
);

describe('row-tracked checkpoint copies', () => {
  it('dirty marks: after any appends, retirements, compactions, truncations and resets, each checkpoint restores the marks it was taken of', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9 }), ops, (chunk, list: Op[]) => {
        useChunkSize(chunk);
        let m = newDirtyMarks();
        let offset = 0;
        let t = 0;
        const taken: { value: typeof m; want: string }[] = [];
        for (const { op, n } of list) {
          if (op === 'add') for (let i = 0; i < n; i++) addDirty(m, (offset += 1 + (i % 3)), (t += i % 2));
          else if (op === 'retire') retireDirty(m, m.ends[Math.min(m.ends.length - 1, m.head + n)] ?? 0);
          else if (op === 'truncate') {
            truncateDirty(m, m.ends[Math.max(m.head, m.ends.length - 1 - n)] ?? 0);
            offset = m.ends[m.ends.length - 1] ?? offset;
          } else if (op === 'reset') resetDirty(m, n ? offset : undefined, n ? t : undefined);
          else if (op === 'take') taken.push({ value: plainCopy(m, true).value, want: text(m) });
          else if (taken.length) {
            const k = taken[taken.length - 1];
            // Into the live marks (their arrays written over), or afresh.
            m = n ? restoreCopy(k.value, m) : restoreCopy(k.value, undefined);
            expect(text(m)).toBe(k.want);
            offset = m.ends[m.ends.length - 1] ?? 0;
            t = m.at[m.at.length - 1] ?? 0;
          }
        }
        for (const k of taken) expect(text(restoreCopy(k.value, undefined))).toBe(k.want);
      }),
      { seed, numRuns: 150 },
    );
  });

  it("a batch history: after entries for old and new batches (the head and removed columns written anywhere), each checkpoint restores the history it was taken of", () => {
    const whats: BatchHistoryEntry['what'][] = ['appended', 'replicated', 'truncated', 'lost-unflushed', 'flushed'];
    fc.assert(
      fc.property(
        fc.integer({ min: 4, max: 16 }),
        fc.array(fc.oneof(fc.record({ id: fc.integer({ min: 0, max: 1500 }), what: fc.integer({ min: 0, max: 4 }), take: fc.boolean(), restore: fc.constant(false) }), fc.record({ id: fc.constant(0), what: fc.constant(0), take: fc.constant(false), restore: fc.constant(true) })), { minLength: 10, maxLength: 80, size: 'max' }),
        (chunk, list) => {
          useChunkSize(chunk);
          let h = newBatchHistory();
          const taken: { value: typeof h; want: string }[] = [];
          let t = 0;
          for (const e of list) {
            if (e.restore) {
              const k = taken[taken.length - 1];
              if (!k) continue;
              h = restoreCopy(k.value, h);
              expect(text(h)).toBe(k.want);
              continue;
            }
            addHistory(h, e.id, { t: t++, broker: 1 + (e.id % 3), what: whats[e.what], cause: e.id });
            if (e.take) taken.push({ value: plainCopy(h, true).value, want: text(h) });
          }
          for (const k of taken) expect(text(restoreCopy(k.value, undefined))).toBe(k.want);
        },
      ),
      { seed, numRuns: 60 },
    );
  });
});
