/**
 * For a record processed late (counted lost, then processed after all): was a
 * record of the same key at a higher offset of the committed log processed
 * before it? That is the checker's "processed out of order" (consumerChecker.ts
 * outOfOrder), asked of one record.
 */
import type { GroupLedger } from '../engine/core/consumerModel.ts';
import type { Replica } from '../engine/core/model.ts';
import { baseOffsetOf, endOffsetOf, recordCount, recordOf, type BatchTable } from '../engine/core/logColumns.ts';
import { logIdAt } from '../engine/core/replicaLog.ts';

export function overtaken(keys: Int32Array, t: BatchTable, r: Replica, id: number, at: number, L: GroupLedger): boolean {
  const k = keys[id];
  if (k < 0) return false;
  const seq = L.firstSeq[id];
  for (let bi = 0; bi < r.log.length; bi++) {
    const b = logIdAt(r.log, bi);
    if (endOffsetOf(t, b) <= at + 1) continue;
    for (let i = 0, n = recordCount(t, b); i < n; i++) {
      const off = baseOffsetOf(t, b) + i;
      const other = recordOf(t, b, i);
      if (off <= at || off >= r.hw || keys[other] !== k) continue;
      if ((other < L.processed.length ? L.processed[other] : 0) > 0 && L.firstSeq[other] < seq) return true;
    }
  }
  return false;
}
