/**
 * The logs' compact form: a batch table row gives back the batch its leader
 * wrote, and a replica's log of ids, appended to and truncated at random,
 * reads as a plain array would, while the chunks a checkpoint took of it
 * never change.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addLogBatch, baseOffsetOf, logBatchOf, newBatchTable, recordOf, recordsOf, tableView, viewBaseOffset, viewFirstRecord, viewRecord, viewRecordsEnd } from '../../src/engine/core/logColumns.ts';
import { chunkedIdAt, cutLog, lastLogId, logChunks, logIdAt, logIdsFrom, newReplicaLog, pushLogId } from '../../src/engine/core/replicaLog.ts';
import { plainCopy } from '../../src/engine/sim/checkpoint.ts';
import type { WireBatch } from '../../src/engine/core/model.ts';

const seed = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);
console.log(`log columns: fast-check seed ${seed} (FC_SEED=${seed} replays it)`);

describe('batch table', () => {
  it('gives back every batch as its leader wrote it, across chunks of rows and of records', () => {
    const t = newBatchTable();
    const written = [];
    let offset = 0;
    let msg = 0;
    for (let i = 0; i < 700; i++) {
      const n = 1 + (i % 7);
      const pb: WireBatch = { id: 10_000 + i, producer: i % 3, partition: i % 5, pid: i % 4 ? 1000 + (i % 4) : -1, producerEpoch: i % 2, baseSeq: i % 4 ? i * 3 : -1, msgs: Array.from({ length: n }, () => msg++), attempts: 1 + (i % 2) };
      const id = addLogBatch(t, pb, offset, 7 + (i >> 8), 3_600_000 + i);
      expect(id).toBe(i);
      written.push({ id, baseOffset: offset, endOffset: offset + n, leaderEpoch: 7 + (i >> 8), pb, appendedAt: 3_600_000 + i });
      offset += n;
    }
    for (const b of written) {
      const got = logBatchOf(t, b.id);
      expect(got).toEqual(b);
      expect(Object.isFrozen(got) && Object.isFrozen(got.pb) && Object.isFrozen(got.pb.msgs)).toBe(true);
      expect(recordOf(t, b.id, b.pb.msgs.length - 1)).toBe(b.pb.msgs[b.pb.msgs.length - 1]);
      expect(baseOffsetOf(t, b.id)).toBe(b.baseOffset);
    }
    // Full chunks are frozen: a checkpoint shares them.
    expect(t.full.length).toBeGreaterThan(1);
    expect(t.full.every((c) => Object.isFrozen(c)) && t.records.full.every((c) => Object.isFrozen(c))).toBe(true);
  });

  it("reads through a scan's view as through the table, whether the open chunk of rows is empty, partly or wholly filled", () => {
    const t = newBatchTable();
    let offset = 0;
    let msg = 0;
    const same = () => {
      const v = tableView(t);
      for (let id = 0; id < t.size; id++) {
        expect(viewBaseOffset(v, id)).toBe(baseOffsetOf(t, id));
        const ids = Array.from({ length: viewRecordsEnd(v, id) - viewFirstRecord(v, id) }, (_, i) => viewRecord(v, viewFirstRecord(v, id) + i));
        expect(ids).toEqual(Array.from(recordsOf(t, id)));
      }
    };
    same();
    for (let i = 0; i < 520; i++) {
      // Batches of up to 40 records: some cross a chunk of records (4096 ids).
      const n = 1 + ((i * 7) % 40);
      addLogBatch(t, { id: i, producer: 0, partition: 0, pid: -1, producerEpoch: 0, baseSeq: -1, msgs: Array.from({ length: n }, () => msg++), attempts: 1 }, offset, 0, i);
      offset += n;
      if (i === 10 || i === 255 || i === 256 || i === 511 || i === 519) same();
    }
  });
});

describe('replica log', () => {
  it('appends and truncates as a plain array would, and a copy taken earlier keeps what it held', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer({ min: 1, max: 600 }).map((n) => ({ push: n })), fc.nat(1200).map((n) => ({ cut: n }))), { maxLength: 12 }), (steps) => {
        const l = newReplicaLog();
        const mirror: number[] = [];
        const copies: { copy: typeof l; held: number[] }[] = [];
        let next = 0;
        for (const s of steps) {
          if ('push' in s) {
            for (let i = 0; i < s.push; i++) {
              pushLogId(l, next);
              mirror.push(next++);
            }
          } else {
            cutLog(l, s.cut);
            mirror.length = Math.min(mirror.length, s.cut);
          }
          expect(l.length).toBe(mirror.length);
          expect(logIdsFrom(l, 0, Infinity)).toEqual(mirror);
          expect(lastLogId(l)).toBe(mirror.length ? mirror[mirror.length - 1] : -1);
          expect(l.full.length).toBe(mirror.length ? (mirror.length - 1) >> 8 : 0);
          copies.push({ copy: plainCopy(l).value, held: mirror.slice() });
        }
        for (const { copy, held } of copies) expect(Array.from({ length: copy.length }, (_, i) => logIdAt(copy, i))).toEqual(held);
        const chunks = logChunks(l);
        expect(Array.from({ length: l.length }, (_, i) => chunkedIdAt(chunks, i))).toEqual(mirror);
      }),
      { seed, numRuns: 60 },
    );
  });
});
