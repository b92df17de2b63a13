/**
 * A replica's log as the ids of the log batches it holds, in offset order
 * (each batch's bytes are its row in the batch table, logColumns.ts). The
 * ids sit in chunks of IDS; a full chunk is frozen, so a checkpoint shares
 * it with the live log and with every other checkpoint, and copies only the
 * open one: 4 bytes a batch, held once (a plain array of ids was 8, and a
 * checkpoint's chunks of it a second copy). A truncation that reaches into a
 * full chunk reopens a copy of it: frozen chunks are never written.
 * The open chunk starts at OPEN ids and doubles as it fills (to IDS when
 * full): every checkpoint copies every replica's open chunk, so its unused
 * tail was copied too, ~1 KB a replica a checkpoint.
 */

const SHIFT = 8;
/** Ids per chunk. */
const IDS = 1 << SHIFT;
const MASK = IDS - 1;
/** Ids an open chunk starts with. */
const OPEN = 16;

export interface IdChunk {
  ids: Int32Array;
}

export interface ReplicaLog {
  /** Full chunks, frozen. */
  full: Readonly<IdChunk>[];
  /** The chunk holding the last batch (the one being filled); full.length is (length - 1) >> SHIFT. */
  open: IdChunk;
  /** How many batches the log holds. */
  length: number;
}

export const newReplicaLog = (): ReplicaLog => ({ full: [], open: { ids: new Int32Array(OPEN) }, length: 0 });

/** The id of the log's `i`-th batch. */
export function logIdAt(l: ReplicaLog, i: number): number {
  const c = i >> SHIFT;
  return (c < l.full.length ? l.full[c].ids : l.open.ids)[i & MASK];
}

/** The id of the log's last batch, or -1 when it is empty. */
export const lastLogId = (l: ReplicaLog): number => (l.length ? logIdAt(l, l.length - 1) : -1);

/** Appends batch `id`. */
export function pushLogId(l: ReplicaLog, id: number): void {
  const j = l.length & MASK;
  if (j === 0 && l.length > 0) {
    l.full.push(Object.freeze(l.open));
    l.open = { ids: new Int32Array(OPEN) };
  } else if (j === l.open.ids.length) {
    const grown = new Int32Array(Math.min(IDS, 2 * j));
    grown.set(l.open.ids);
    l.open.ids = grown;
  }
  l.open.ids[j] = id;
  l.length++;
}

/** Cuts the log back to its first `n` batches. */
export function cutLog(l: ReplicaLog, n: number): void {
  if (n >= l.length) return;
  // The chunk holding the new last batch is the open one (as pushLogId keeps it): a copy when it was full (frozen, maybe shared).
  const c = n > 0 ? (n - 1) >> SHIFT : 0;
  if (c < l.full.length) {
    l.open = { ids: l.full[c].ids.slice() };
    l.full.length = c;
  }
  // What lies past the end is zero, as in a chunk never written, so a copy holds no stale ids.
  l.open.ids.fill(0, n - c * IDS);
  l.length = n;
}

/** The ids from the `i`-th to the end, at most `max` of them. */
export function logIdsFrom(l: ReplicaLog, i: number, max: number): number[] {
  const out: number[] = [];
  for (let k = i, end = Math.min(i + max, l.length); k < end; k++) out.push(logIdAt(l, k));
  return out;
}

/** The log's id chunks as plain arrays (full ones, then the open one), for a scan of the whole log: one shape for every read (logColumns.ts tableView). */
export function logChunks(l: ReplicaLog): Int32Array[] {
  const out = l.full.map((c) => c.ids);
  out.push(l.open.ids);
  return out;
}

/** The `i`-th id of a log through its logChunks. */
export const chunkedIdAt = (chunks: Int32Array[], i: number): number => chunks[i >> SHIFT][i & MASK];
