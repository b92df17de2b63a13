/**
 * Log batches as rows of integers. A log batch never changes once written,
 * and every replica that holds it holds the same bytes, so each batch is
 * stored once, as a row of the batch table by log batch id, and a replica's
 * log is the list of the ids it holds, in offset order (Replica.log). A log
 * batch used to be three objects (the batch, its wire batch, its message
 * ids: about 216 bytes on a 64-bit V8, plus a reference per replica, all
 * traced by the collector); a row is 44 bytes plus 4 per record, once.
 * A row holds no end offset: the table only grows and each batch's records
 * follow the one before's, so the next row's FIRST (or the records' size,
 * for the last row) says where its records end (4 bytes a batch, ~3 MB of
 * a busy hour's 35 MB table).
 * Rows sit in chunks of ROWS; a full chunk is frozen and never written again,
 * so a checkpoint shares it and copies only the open one (as the batch
 * history does, broker/batchHistory.ts): growing copies nothing.
 * A LogBatch object is made from a row where a reader keeps or sends one (a
 * consumer's fetch, a truncation's removed batches, a story).
 * Every field is an integer that fits an Int32: offsets and ids (a run has at
 * most 10^7 messages, scenario/scenarioRules.ts MAX_MESSAGES) and simulated
 * milliseconds (a run lasts at most 24 hours, 8.64e7 ms).
 */
import type { LogBatch, MessageId, WireBatch } from './model.ts';

const SHIFT = 8;
/** Rows per chunk of the batch table. */
const ROWS = 1 << SHIFT;
const MASK = ROWS - 1;
/** The fields of a row, in order. */
const BASE = 0;
const EPOCH = 1;
const APPENDED = 2;
const WIRE = 3;
const PRODUCER = 4;
const PARTITION = 5;
const PID = 6;
const PRODUCER_EPOCH = 7;
const BASE_SEQ = 8;
const ATTEMPTS = 9;
/** Where the batch's message ids start in `records`. */
const FIRST = 10;
const FIELDS = 11;

/**
 * Message ids per chunk of `records`: enough that a batch's ids nearly always
 * lie in one chunk (recordsOf is then a view, not a copy); a checkpoint
 * copies only the pieces of the open one that changed (chunks.ts).
 */
const REC_SHIFT = 12;
const RECS = 1 << REC_SHIFT;
const REC_MASK = RECS - 1;

export interface BatchChunk {
  rows: Int32Array;
}

export interface RecordChunk {
  msg: Int32Array;
}

/** Every log batch ever written, one row each by log batch id (LogBatch's and its WireBatch's fields). */
export interface BatchTable {
  /** Full chunks, frozen. */
  full: Readonly<BatchChunk>[];
  /** The chunk being filled (`size % ROWS` rows of it). */
  open: BatchChunk;
  size: number;
  /** The message ids of every batch, one run after another, in chunks likewise. */
  records: { full: Readonly<RecordChunk>[]; open: RecordChunk; size: number };
}

export const newBatchTable = (): BatchTable => ({ full: [], open: { rows: new Int32Array(ROWS * FIELDS) }, size: 0, records: { full: [], open: { msg: new Int32Array(RECS) }, size: 0 } });

const rowsOf = (t: BatchTable, id: number): Int32Array => {
  const c = id >> SHIFT;
  return c < t.full.length ? t.full[c].rows : t.open.rows;
};

const field = (t: BatchTable, id: number, f: number): number => rowsOf(t, id)[(id & MASK) * FIELDS + f];

/** Where batch `id`'s records end in `records`: where the next batch's start (the table only grows, each batch's records after the last one's). */
const recordsEnd = (t: BatchTable, id: number): number => (id + 1 < t.size ? field(t, id + 1, FIRST) : t.records.size);

export const baseOffsetOf = (t: BatchTable, id: number): number => field(t, id, BASE);
export const endOffsetOf = (t: BatchTable, id: number): number => field(t, id, BASE) + recordCount(t, id);
export const leaderEpochOf = (t: BatchTable, id: number): number => field(t, id, EPOCH);
/** How many records batch `id` holds. */
export const recordCount = (t: BatchTable, id: number): number => recordsEnd(t, id) - field(t, id, FIRST);

/** What a log reads of a batch: offsets, epoch, idempotence fields, where its message ids start in `records` (spanOf fills one). */
export interface BatchSpan {
  baseOffset: number;
  endOffset: number;
  leaderEpoch: number;
  firstRecord: number;
  pid: number;
  producerEpoch: number;
  baseSeq: number;
}

export const newSpan = (): BatchSpan => ({ baseOffset: 0, endOffset: 0, leaderEpoch: 0, firstRecord: 0, pid: 0, producerEpoch: 0, baseSeq: 0 });

/** Batch `id`'s span into `out`, read from its row at once (a scan over a whole log reads each row once). */
export function spanOf(t: BatchTable, id: number, out: BatchSpan): BatchSpan {
  const rows = rowsOf(t, id);
  const at = (id & MASK) * FIELDS;
  out.baseOffset = rows[at + BASE];
  out.firstRecord = rows[at + FIRST];
  out.endOffset = out.baseOffset + recordsEnd(t, id) - out.firstRecord;
  out.leaderEpoch = rows[at + EPOCH];
  out.pid = rows[at + PID];
  out.producerEpoch = rows[at + PRODUCER_EPOCH];
  out.baseSeq = rows[at + BASE_SEQ];
  return out;
}

/** Where batch `id`'s message ids start in `records` (a scan of many reads them with recordAt). */
export const firstRecordOf = (t: BatchTable, id: number): number => field(t, id, FIRST);

/** The message id at `k` in `records`. */
export function recordAt(t: BatchTable, k: number): MessageId {
  const c = k >> REC_SHIFT;
  const r = t.records;
  return (c < r.full.length ? r.full[c].msg : r.open.msg)[k & REC_MASK];
}

/** Batch `id`'s message ids (a view of its records when they lie in one chunk, as nearly always; else a copy). */
export function recordsOf(t: BatchTable, id: number): Int32Array {
  const first = field(t, id, FIRST);
  const n = recordCount(t, id);
  const c = first >> REC_SHIFT;
  const r = t.records;
  if (((first + n - 1) >> REC_SHIFT) === c || n === 0) {
    const at = first & REC_MASK;
    return (c < r.full.length ? r.full[c].msg : r.open.msg).subarray(at, at + n);
  }
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = recordAt(t, first + i);
  return out;
}

/** Does batch `id` hold message `msg`? (A story asks it of every batch of a partition: one loop over the chunk, no call per record.) */
export function holdsRecord(t: BatchTable, id: number, msg: MessageId): boolean {
  const first = field(t, id, FIRST);
  const n = recordCount(t, id);
  const c = first >> REC_SHIFT;
  const r = t.records;
  if (((first + n - 1) >> REC_SHIFT) !== c) return recordsOf(t, id).includes(msg);
  const ids = c < r.full.length ? r.full[c].msg : r.open.msg;
  for (let i = first & REC_MASK, end = i + n; i < end; i++) if (ids[i] === msg) return true;
  return false;
}

/** The message at position `i` of batch `id`. */
export const recordOf = (t: BatchTable, id: number, i: number): MessageId => recordAt(t, field(t, id, FIRST) + i);

/** What idempotence remembers of batch `id` (ProducerStateManager): its producer id, epoch and first sequence. */
export const pidOf = (t: BatchTable, id: number): number => field(t, id, PID);
export const producerEpochOf = (t: BatchTable, id: number): number => field(t, id, PRODUCER_EPOCH);
export const baseSeqOf = (t: BatchTable, id: number): number => field(t, id, BASE_SEQ);

/** A new log batch of `pb`'s records at `baseOffset`, written by a leader in `leaderEpoch` at `now`: its id. */
export function addLogBatch(t: BatchTable, pb: WireBatch, baseOffset: number, leaderEpoch: number, now: number): number {
  const id = t.size;
  const j = id & MASK;
  if (j === 0 && id > 0) {
    t.full.push(Object.freeze(t.open));
    t.open = { rows: new Int32Array(ROWS * FIELDS) };
  }
  const rows = t.open.rows;
  const at = j * FIELDS;
  const n = pb.msgs.length;
  rows[at + BASE] = baseOffset;
  rows[at + EPOCH] = leaderEpoch;
  rows[at + APPENDED] = now;
  rows[at + WIRE] = pb.id;
  rows[at + PRODUCER] = pb.producer;
  rows[at + PARTITION] = pb.partition;
  rows[at + PID] = pb.pid;
  rows[at + PRODUCER_EPOCH] = pb.producerEpoch;
  rows[at + BASE_SEQ] = pb.baseSeq;
  rows[at + ATTEMPTS] = pb.attempts;
  rows[at + FIRST] = t.records.size;
  const r = t.records;
  const msgs = pb.msgs;
  for (let i = 0; i < n; ) {
    const k = r.size & REC_MASK;
    if (k === 0 && r.size > 0) {
      r.full.push(Object.freeze(r.open));
      r.open = { msg: new Int32Array(RECS) };
    }
    const into = r.open.msg;
    const m = Math.min(n - i, RECS - k);
    for (let j = 0; j < m; j++) into[k + j] = msgs[i + j];
    i += m;
    r.size += m;
  }
  t.size++;
  return id;
}

/** Batch `id` as an object (frozen, like the one its leader wrote), for a reader that keeps or sends it. */
export function logBatchOf(t: BatchTable, id: number): LogBatch {
  const rows = rowsOf(t, id);
  const at = (id & MASK) * FIELDS;
  const msgs: MessageId[] = [];
  for (let i = 0, n = recordCount(t, id); i < n; i++) msgs.push(recordOf(t, id, i));
  const pb: WireBatch = Object.freeze({ id: rows[at + WIRE], producer: rows[at + PRODUCER], partition: rows[at + PARTITION], pid: rows[at + PID], producerEpoch: rows[at + PRODUCER_EPOCH], baseSeq: rows[at + BASE_SEQ], msgs: Object.freeze(msgs) as MessageId[], attempts: rows[at + ATTEMPTS] });
  return Object.freeze({ id, baseOffset: rows[at + BASE], endOffset: rows[at + BASE] + msgs.length, leaderEpoch: rows[at + EPOCH], pb, appendedAt: rows[at + APPENDED] });
}

/**
 * The table's chunks as plain arrays (the full ones, then the open one), for
 * a scan of whole logs (the checker's). Read through full and open chunks, a
 * scan compiled while it read only full ones was thrown away when it reached
 * the open one (a frozen chunk has another hidden class), or a batch whose
 * records cross two chunks: in a cold run, back to the interpreter each time
 * until compiled again. Through a view every read has one shape. Valid until
 * the table grows.
 */
export interface TableView {
  rows: Int32Array[];
  recs: Int32Array[];
}

export function tableView(t: BatchTable): TableView {
  const rows = t.full.map((c) => c.rows);
  // A copy of the open chunk, with one more row: where the last batch's records end, read as any batch's are (viewRecordsEnd).
  const j = t.size & MASK;
  const open = new Int32Array(ROWS * FIELDS);
  if (j > 0 || t.size === 0) open.set(t.open.rows);
  else rows.push(t.open.rows);
  open[j * FIELDS + FIRST] = t.records.size;
  rows.push(open);
  const recs = t.records.full.map((c) => c.msg);
  recs.push(t.records.open.msg);
  return { rows, recs };
}

export const viewBaseOffset = (v: TableView, id: number): number => v.rows[id >> SHIFT][(id & MASK) * FIELDS + BASE];
/** Where batch `id`'s message ids start (viewRecord), and where they end. */
export const viewFirstRecord = (v: TableView, id: number): number => v.rows[id >> SHIFT][(id & MASK) * FIELDS + FIRST];
export const viewRecordsEnd = (v: TableView, id: number): number => viewFirstRecord(v, id + 1);
export const viewRecord = (v: TableView, k: number): MessageId => v.recs[k >> REC_SHIFT][k & REC_MASK];
