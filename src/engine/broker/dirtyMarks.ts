/**
 * The OS page cache's dirty data of one replica, as marks: each append leaves
 * its end offset and time; a flush (fsync or OS writeback) to an offset
 * retires the marks at or below it. The OS writeback reads how old the oldest
 * dirty data is (durability.ts). Marks retire from the front and arrive at
 * the back, so they are kept in two append-only columns with a moving head
 * (core/model.ts DirtyMarks): a checkpoint then shares every chunk but the
 * last with the checkpoint before, where a list shifted on every flush
 * shared none and kept a small array per append alive in every checkpoint.
 */
import type { DirtyMarks } from '../core/model.ts';
import { markRow, trackRows } from '../core/changedRows.ts';

/** Retired marks are cut off once this many have piled up in front and they are at least half of the columns. */
const COMPACT_AT = 1024;

/** Every write to a mark marks its row (core/changedRows.ts): a checkpoint packs only the marks written since the last one. */
export const newDirtyMarks = (): DirtyMarks => trackRows({ ends: [], at: [], head: 0 }, false, true);

/** How many marks are dirty. */
export const dirtyCount = (m: DirtyMarks): number => m.ends.length - m.head;

/** When the oldest dirty data was written (Infinity: none). */
export const oldestDirty = (m: DirtyMarks): number => (m.head < m.at.length ? m.at[m.head] : Infinity);

export function addDirty(m: DirtyMarks, end: number, at: number): void {
  markRow(m, m.ends.length);
  m.ends.push(end);
  m.at.push(at);
}

/** The greatest end offset among the marks written at or before `cutoff` (`floor` if none is). Marks are in append order, times ascending. */
export function dirtyEndBefore(m: DirtyMarks, cutoff: number, floor: number): number {
  let to = floor;
  for (let i = m.head; i < m.ends.length && m.at[i] <= cutoff; i++) to = Math.max(to, m.ends[i]);
  return to;
}

/** Retires the marks whose data is at or below `to` (flushed): a prefix, ends being ascending. */
export function retireDirty(m: DirtyMarks, to: number): void {
  let i = m.head;
  while (i < m.ends.length && m.ends[i] <= to) i++;
  m.head = i;
  if (i >= COMPACT_AT && 2 * i >= m.ends.length) {
    // Every mark moves down: all rows changed.
    markRow(m, 0);
    markRow(m, m.ends.length - 1);
    m.ends.splice(0, i);
    m.at.splice(0, i);
    m.head = 0;
  }
}

/** Drops the marks past `leo` (a truncated log): a suffix. */
export function truncateDirty(m: DirtyMarks, leo: number): void {
  let n = m.ends.length;
  while (n > m.head && m.ends[n - 1] > leo) n--;
  if (n < m.ends.length) markRow(m, n);
  m.ends.length = n;
  m.at.length = n;
}

/** Every mark gone (flushed), or one mark for all of the unflushed data (a restart's recovered page cache). */
export function resetDirty(m: DirtyMarks, end?: number, at?: number): void {
  if (m.ends.length > 0) markRow(m, 0);
  m.ends.length = 0;
  m.at.length = 0;
  m.head = 0;
  if (end !== undefined && at !== undefined) addDirty(m, end, at);
}
