/**
 * Which rows of a table of columns changed since its last checkpoint: the
 * message table, a group's ledger, the lab's observer (typed arrays indexed
 * by message id). A checkpoint shares a column's chunks with the previous
 * checkpoint where they did not change (sim/chunks.ts); without this it must
 * compare every chunk to know, and a long run's columns are megabytes: each
 * checkpoint would cost the whole run. With it, chunks wholly below the
 * lowest changed row are shared without a look, and a restore skips writing
 * them where the live column already holds them, so both cost about what
 * changed.
 *
 * The mark is bookkeeping, not simulation state: a non-enumerable property,
 * so a spread, JSON and structuredClone leave it out, and two states compare
 * equal whenever their checkpoints were taken. A table without it (a
 * structuredClone put back) simply has every row counted as changed. The
 * simulation never reads it. Every write to a row of a tracked table's
 * columns must mark the row: the checkpoint property test (chunks of 8)
 * fails on a missed one.
 */
export interface RowTracked {
  /** The lowest row written since the last checkpoint or restore (Infinity: none). */
  changedFrom?: number;
}

/** `t`'s rows are tracked from now on; `from`: rows below it are as the last copy has them (0: none known). */
export function trackRows<T extends object>(t: T, from = 0): T {
  Object.defineProperty(t, 'changedFrom', { value: from, writable: true, enumerable: false, configurable: true });
  return t;
}

export const isTracked = (t: object): t is RowTracked => typeof (t as RowTracked).changedFrom === 'number';

/** Row `row` of `t` was written (or appended). A table not tracked has nothing to note. */
export function markRow(t: RowTracked, row: number): void {
  if (row < (t.changedFrom as number)) t.changedFrom = row;
}

/** Rows below this are as the table's last checkpoint or restore left them (0 when not tracked). */
export const unchangedBelow = (t: object): number => (isTracked(t) ? (t.changedFrom as number) : 0);
