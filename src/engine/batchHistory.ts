/**
 * What happened to each log batch, on which broker and when (appended,
 * replicated, truncated, lost unflushed): the story of a record is read from
 * it. Kept apart from the batches, append-only, so a log batch never changes
 * once written (it is frozen, and checkpoints share it). Each entry links to
 * the batch's previous one; `head` holds each batch's latest entry, by batch id.
 */
import type { BatchHistoryEntry, LogBatch } from './model.ts';

export interface BatchHistory {
  entries: Readonly<BatchHistoryEntry & { prev: number }>[];
  /** Per log batch id, the index of its latest entry (-1: none yet). */
  head: Int32Array;
}

export const newBatchHistory = (): BatchHistory => ({ entries: [], head: new Int32Array(1024).fill(-1) });

export function addHistory(h: BatchHistory, b: LogBatch, e: BatchHistoryEntry): void {
  if (b.id >= h.head.length) {
    const g = new Int32Array(Math.max(b.id + 1, h.head.length * 2)).fill(-1);
    g.set(h.head);
    h.head = g;
  }
  h.entries.push(Object.freeze({ ...e, prev: h.head[b.id] }));
  h.head[b.id] = h.entries.length - 1;
}

/** The batch's entries, oldest first. */
export function historyOf(h: BatchHistory, b: LogBatch): BatchHistoryEntry[] {
  const out: BatchHistoryEntry[] = [];
  for (let i = b.id < h.head.length ? h.head[b.id] : -1; i >= 0; i = h.entries[i].prev) out.push(h.entries[i]);
  return out.reverse();
}

/** Was the batch already removed from some replica's log (truncated, or lost unflushed)? */
export function wasRemoved(h: BatchHistory, b: LogBatch): boolean {
  for (let i = b.id < h.head.length ? h.head[b.id] : -1; i >= 0; i = h.entries[i].prev) {
    const w = h.entries[i].what;
    if (w === 'truncated' || w === 'lost-unflushed') return true;
  }
  return false;
}
