/**
 * What happened to each log batch, on which broker and when (appended,
 * replicated, truncated, lost unflushed): the story of a record is read from
 * it. Kept apart from the batches, append-only, so a log batch never changes
 * once written (it is frozen, and checkpoints share it). Each entry links to
 * the batch's previous one; `head` holds each batch's latest entry, by batch id.
 * Entries are packed rows (typed columns, 9 bytes an entry instead of
 * an object each: a long run writes several per batch) in chunks of CHUNK; a
 * full chunk is frozen and never written again, so a checkpoint shares it and
 * copies only the open one (engine/sim/checkpoint.ts). Only a removal has a
 * cause (the truncation's or power loss's trace event): those few are kept
 * apart, by entry, instead of a column of -1 for the two million appends and
 * replications of a busy hour.
 * Only stories and the view's fading records read the entries; the rules ask
 * one thing, whether a batch was already removed somewhere, which `removed`
 * answers by batch id. A run nobody reads a story of (a what-if run) keeps
 * no entries (`entries: false`): they were a tenth of its time.
 */
import type { BatchHistory, BatchHistoryEntry, HistoryChunk } from '../core/model.ts';
import { markRow, trackRows } from '../core/changedRows.ts';

const CHUNK = 1024;

const WHAT: BatchHistoryEntry['what'][] = ['appended', 'replicated', 'truncated', 'lost-unflushed', 'flushed'];
const WHAT_CODE = new Map(WHAT.map((w, i) => [w, i]));

const newChunk = (): HistoryChunk => ({ t: new Int32Array(CHUNK), brokerWhat: new Uint8Array(CHUNK), prev: new Int32Array(CHUNK) });

/** `head` and `removed` are indexed by batch id: their rows are tracked (core/changedRows.ts), so a checkpoint packs only the batches touched since the last one. */
export const newBatchHistory = (opts: { entries?: boolean } = {}): BatchHistory =>
  trackRows({ full: [], open: newChunk(), size: 0, head: new Int32Array(1024).fill(-1), removed: new Uint8Array(1024), causes: [], entries: opts.entries ?? true });

/** The cause of entry `i` (-1: none). */
function causeOf(h: BatchHistory, i: number): number {
  const c = h.causes;
  let lo = 0;
  let hi = c.length >> 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (c[2 * mid] < i) lo = mid + 1;
    else hi = mid;
  }
  return 2 * lo < c.length && c[2 * lo] === i ? c[2 * lo + 1] : -1;
}

const chunkOf = (h: BatchHistory, i: number): Readonly<HistoryChunk> => {
  const c = Math.floor(i / CHUNK);
  return c < h.full.length ? h.full[c] : h.open;
};

const entryAt = (h: BatchHistory, i: number): BatchHistoryEntry => {
  const c = chunkOf(h, i);
  const j = i % CHUNK;
  return { t: c.t[j], broker: c.brokerWhat[j] >> 3, what: WHAT[c.brokerWhat[j] & 7], cause: causeOf(h, i) };
};

const prevOf = (h: BatchHistory, i: number): number => chunkOf(h, i).prev[i % CHUNK];

/** Adds an entry to the history of log batch `id`. */
export function addHistory(h: BatchHistory, id: number, e: BatchHistoryEntry): void {
  if (e.what === 'truncated' || e.what === 'lost-unflushed') {
    if (id >= h.removed.length) {
      const g = new Uint8Array(Math.max(id + 1, h.removed.length * 2));
      g.set(h.removed);
      h.removed = g;
    }
    h.removed[id] = 1;
    markRow(h, id);
  }
  if (!h.entries) return;
  if (id >= h.head.length) {
    const g = new Int32Array(Math.max(id + 1, h.head.length * 2)).fill(-1);
    g.set(h.head);
    h.head = g;
  }
  const j = h.size % CHUNK;
  if (j === 0 && h.size > 0) {
    h.full.push(Object.freeze(h.open));
    h.open = newChunk();
  }
  const c = h.open;
  c.t[j] = e.t;
  c.brokerWhat[j] = (e.broker << 3) | WHAT_CODE.get(e.what)!;
  c.prev[j] = h.head[id];
  if (e.cause >= 0) {
    h.causes.push(h.size, e.cause);
  }
  h.head[id] = h.size++;
  markRow(h, id);
}

/** Log batch `id`'s entries, oldest first. */
export function historyOf(h: BatchHistory, id: number): BatchHistoryEntry[] {
  const out: BatchHistoryEntry[] = [];
  for (let i = id < h.head.length ? h.head[id] : -1; i >= 0; i = prevOf(h, i)) out.push(entryAt(h, i));
  return out.reverse();
}

/** Was log batch `id` already removed from some replica's log (truncated, or lost unflushed)? */
export function wasRemoved(h: BatchHistory, id: number): boolean {
  return id < h.removed.length && h.removed[id] === 1;
}
