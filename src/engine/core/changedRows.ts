/**
 * Which rows of a table of columns changed since its last checkpoint: the
 * message table, a group's ledger, the lab's observer (typed arrays indexed
 * by message id), a batch history's head and removed columns (by batch id),
 * a replica's dirty page-cache marks (plain arrays: `plain`). A checkpoint shares a column's chunks with the previous
 * checkpoint where they did not change (sim/chunks.ts); without this it must
 * compare every chunk to know, and a long run's columns are megabytes: each
 * checkpoint would cost the whole run. With it, chunks wholly outside the
 * rows written since (below the lowest; at or above the highest, such as the
 * unwritten tail of a column allocated ahead) are shared without a look, and
 * a restore skips writing them where the live column already holds them, so
 * both cost about what changed.
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
  /** The rows written since the last checkpoint or restore are within [changedFrom, changedTo) (an empty range: none). */
  changedFrom?: number;
  changedTo?: number;
  /** Its plain arrays' rows are tracked too, not only its typed columns' (a page cache's dirty marks). */
  plainRows?: boolean;
}

/** A range of rows, [from, to), outside which nothing changed. */
export type Changed = readonly [from: number, to: number];

const define = (t: object, key: string, value: number): void => {
  Object.defineProperty(t, key, { value, writable: true, enumerable: false, configurable: true });
};

/**
 * `t`'s rows are tracked from now on: `clean` when the last copy taken of it,
 * or restored into it, holds what it holds (else every row counts as changed).
 * `plain`: every write to its plain arrays marks the row too, so their chunks
 * are shared like its typed columns' (else they are compared element by element).
 */
export function trackRows<T extends object>(t: T, clean = false, plain = false): T {
  define(t, 'changedFrom', clean ? Infinity : 0);
  define(t, 'changedTo', clean ? -Infinity : Infinity);
  if (plain) Object.defineProperty(t, 'plainRows', { value: true, enumerable: false, configurable: true });
  return t;
}

export const isTracked = (t: object): t is RowTracked => typeof (t as RowTracked).changedFrom === 'number';

/** Row `row` of `t` was written (or appended). A table not tracked has nothing to note. */
export function markRow(t: RowTracked, row: number): void {
  if (row < (t.changedFrom as number)) t.changedFrom = row;
  if (row >= (t.changedTo as number)) t.changedTo = row + 1;
}

/** The rows of a tracked table written since its last checkpoint or restore. */
export const changedRows = (t: RowTracked): Changed => [t.changedFrom as number, t.changedTo as number];

/** A copy of `t` was just taken: nothing changed since. */
export function clearRows(t: RowTracked): void {
  t.changedFrom = Infinity;
  t.changedTo = -Infinity;
}
