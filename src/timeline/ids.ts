import { markRow, trackRows, type RowTracked } from '../engine/core/changedRows.ts';

/** A growable list of message ids (an Int32Array and a length, plain data): no boxing for a million of them. Its rows are tracked for checkpoints (changedRows.ts). */
export interface Ids extends RowTracked {
  a: Int32Array;
  length: number;
}

export const newIds = (): Ids => trackRows({ a: new Int32Array(64), length: 0 });

export function pushId(ids: Ids, id: number): void {
  if (ids.length === ids.a.length) {
    const b = new Int32Array(ids.a.length * 2);
    b.set(ids.a);
    ids.a = b;
  }
  markRow(ids, ids.length);
  ids.a[ids.length++] = id;
}
