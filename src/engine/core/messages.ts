/**
 * Every message the applications sent, in columns (typed arrays) so a million
 * of them stay small and fast. A message id is its row; within one producer,
 * ids grow in send order, which is what ordering per key is checked against.
 * Times and offsets are Int32 (33 bytes a row, was 45 with three Float64
 * columns): simulated ms of a run of at most 24 hours (8.64e7) and offsets of
 * at most 10^7 messages (scenario/scenarioRules.ts MAX_MESSAGES) fit.
 */
import { markRow, trackRows, type RowTracked } from './changedRows.ts';

export const enum SendStatus {
  Pending = 0,
  /** The send callback reported success (acks=0: as soon as it left the client). */
  Acked = 1,
  /** The callback reported an error; the application knew. */
  Failed = 2,
  /** The producer process died with the record still in its buffer; nobody was told. */
  Dropped = 3,
}

/** Rows are tracked for checkpoints (changedRows.ts): every write to a row marks it. */
export interface MessageTable extends RowTracked {
  size: number;
  producer: Int16Array;
  key: Int32Array; // -1: no key
  partition: Int32Array;
  sentAt: Int32Array;
  status: Uint8Array;
  ackedAt: Int32Array;
  ackBroker: Int16Array;
  ackOffset: Int32Array;
  /** Trace index of the event that settled the send (ack or error). */
  settleCause: Int32Array;
  error: (string | undefined)[];
  /** The message was resent by the application after a failure. */
  resends: Uint16Array;
  /** The restarted application sent it again because it had never been acknowledged. */
  restartResends: Uint16Array;
  /** How many messages have restartResends > 0 (a count the observer reads without a scan). */
  restartResent: number;
}

export function newMessageTable(n = 1024): MessageTable {
  return trackRows({
    size: 0,
    producer: new Int16Array(n),
    key: new Int32Array(n),
    partition: new Int32Array(n),
    sentAt: new Int32Array(n),
    status: new Uint8Array(n),
    ackedAt: new Int32Array(n),
    ackBroker: new Int16Array(n),
    ackOffset: new Int32Array(n),
    settleCause: new Int32Array(n),
    error: [],
    resends: new Uint16Array(n),
    restartResends: new Uint16Array(n),
    restartResent: 0,
  });
}

/**
 * Rows for a table to start with: what the producers send by `until`, at most
 * 2^20 (the table grows past it). Doubling from a small table would copy every
 * column ten times on the way to a million rows.
 */
export function expectedMessages(producers: readonly { count: number; rate: number; startAt: number }[], until: number): number {
  let n = 0;
  for (const p of producers) n += Math.min(p.count, Math.floor((Math.max(0, until - p.startAt) * p.rate) / 1000) + 1);
  return Math.max(16, Math.min(n, 1 << 20));
}

/**
 * `n` new rows (message ids) for one producer's sends of one instant
 * (producerApp.ts appSend), pending, nothing acknowledged: returns the first
 * one; the caller writes key, partition and sentAt of rows first..first+n-1.
 * A million sends go through here: a fill per column per instant, and the
 * rows marked as one range, instead of nine stores and a mark per record.
 */
export function appendRows(t: MessageTable, producer: number, n: number): number {
  while (t.size + n > t.producer.length) grow(t);
  const from = t.size;
  const to = from + n;
  t.size = to;
  markRow(t, from);
  markRow(t, to - 1);
  t.producer.fill(producer, from, to);
  t.status.fill(SendStatus.Pending, from, to);
  t.ackedAt.fill(-1, from, to);
  t.ackBroker.fill(-1, from, to);
  t.ackOffset.fill(-1, from, to);
  t.settleCause.fill(-1, from, to);
  return from;
}

function grow(t: MessageTable): void {
  const n = t.producer.length * 2;
  const g = <T extends Int16Array | Int32Array | Float64Array | Uint8Array | Uint16Array>(a: T): T => {
    const b = new (a.constructor as new (n: number) => T)(n);
    b.set(a);
    return b;
  };
  t.producer = g(t.producer);
  t.key = g(t.key);
  t.partition = g(t.partition);
  t.sentAt = g(t.sentAt);
  t.status = g(t.status);
  t.ackedAt = g(t.ackedAt);
  t.ackBroker = g(t.ackBroker);
  t.ackOffset = g(t.ackOffset);
  t.settleCause = g(t.settleCause);
  t.resends = g(t.resends);
  t.restartResends = g(t.restartResends);
}
