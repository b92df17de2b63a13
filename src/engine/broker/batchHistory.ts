/**
 * What happened to each log batch, on which broker and when (appended,
 * replicated, truncated, lost unflushed): the story of a record is read from
 * it. Kept apart from the batches, append-only, so a log batch never changes
 * once written (it is frozen, and checkpoints share it). Each entry links to
 * the batch's previous one; `head` holds each batch's latest entry, by batch id.
 * Entries are kept in chunks of CHUNK; a full chunk is frozen, so a
 * checkpoint shares it and copies only the open one (checkpoint.ts).
 */
import type { BatchHistory, BatchHistoryEntry, BatchHistoryRow as Entry, LogBatch } from '../core/model.ts';

const CHUNK = 4096;

export const newBatchHistory = (): BatchHistory => ({ full: [], open: [], size: 0, head: new Int32Array(1024).fill(-1) });

const entryAt = (h: BatchHistory, i: number): Entry => {
  const c = Math.floor(i / CHUNK);
  return (c < h.full.length ? h.full[c] : h.open)[i % CHUNK];
};

export function addHistory(h: BatchHistory, b: LogBatch, e: BatchHistoryEntry): void {
  if (b.id >= h.head.length) {
    const g = new Int32Array(Math.max(b.id + 1, h.head.length * 2)).fill(-1);
    g.set(h.head);
    h.head = g;
  }
  if (h.open.length === CHUNK) {
    h.full.push(Object.freeze(h.open) as Entry[]);
    h.open = [];
  }
  h.open.push(Object.freeze({ ...e, prev: h.head[b.id] }));
  h.head[b.id] = h.size++;
}

/** The batch's entries, oldest first. */
export function historyOf(h: BatchHistory, b: LogBatch): BatchHistoryEntry[] {
  const out: BatchHistoryEntry[] = [];
  for (let i = b.id < h.head.length ? h.head[b.id] : -1; i >= 0; i = entryAt(h, i).prev) out.push(entryAt(h, i));
  return out.reverse();
}

/** Was the batch already removed from some replica's log (truncated, or lost unflushed)? */
export function wasRemoved(h: BatchHistory, b: LogBatch): boolean {
  for (let i = b.id < h.head.length ? h.head[b.id] : -1; i >= 0; i = entryAt(h, i).prev) {
    const w = entryAt(h, i).what;
    if (w === 'truncated' || w === 'lost-unflushed') return true;
  }
  return false;
}
