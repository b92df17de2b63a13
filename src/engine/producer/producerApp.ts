/**
 * The application around a producer: it calls send() at a steady rate and,
 * when a callback reports an error, either ignores it or sends the message
 * again (a new send, so a new sequence number: idempotence cannot catch it).
 * Keyed records go where Kafka's murmur2 sends them (computed once per key at
 * start); unkeyed records stick to one partition per batch (KIP-480).
 */
import type { SimContext } from '../core/context.ts';
import { appendRows, SendStatus } from '../core/messages.ts';
import { markRow } from '../core/changedRows.ts';
import type { MessageId, PartitionId, ProducerBatch, ProducerRuntime } from '../core/model.ts';
import { runSender } from './producerSender.ts';

/** The app-send timer: send every message that is due, then wake the sender. */
export function appSend(ctx: SimContext, p: ProducerRuntime): void {
  const { spec } = p;
  const n = dueCount(spec, p.sent, ctx.now);
  if (n > 0) sendDue(ctx, p, n);
  if (p.sent < spec.count) ctx.timer(p.name, Math.max(1, dueAt(spec, p.sent) - ctx.now), { type: 'app-send' });
  runSender(ctx, p);
}

/** When the application sends its i-th record (a steady rate from startAt). */
const dueAt = (spec: ProducerRuntime['spec'], i: number): number => spec.startAt + Math.floor((i * 1000) / spec.rate);

/**
 * How many records, from the `sent`-th on, are due by `now`. dueAt only grows
 * with i, so the answer is where it first passes `now`: found from an
 * estimate and checked with dueAt itself (the estimate's rounding can never
 * move a send), not by trying each record in turn.
 */
function dueCount(spec: ProducerRuntime['spec'], sent: number, now: number): number {
  const { count } = spec;
  if (sent >= count || dueAt(spec, sent) > now) return 0;
  const guess = Math.floor(((now - spec.startAt) * spec.rate) / 1000) + 1;
  let end = Number.isFinite(guess) ? Math.min(count, Math.max(sent + 1, guess)) : sent + 1;
  while (end > sent + 1 && dueAt(spec, end - 1) > now) end--;
  while (end < count && dueAt(spec, end) <= now) end++;
  return end - sent;
}

/**
 * The application's next `n` sends: rows in the message table, each record
 * into its partition's open batch. The per-record loop runs a million times
 * in a big run: the batch each partition fills is remembered for the call
 * (no queue lookup per record), and nothing in it allocates but a new batch.
 */
function sendDue(ctx: SimContext, p: ProducerRuntime, n: number): void {
  const { spec, keyPartition, topicPartitions } = p;
  const keys = spec.keys;
  const perBatch = recordsPerBatch(p, spec.messageBytes);
  const t = ctx.msgs;
  const first = appendRows(t, p.index, n);
  const { key: keyCol, partition: partCol, sentAt: sentCol } = t;
  const open: (ProducerBatch | undefined)[] = [];
  let sent = p.sent;
  for (let id = first; id < first + n; id++, sent++) {
    const key = keys > 0 ? sent % keys : -1;
    const part = key >= 0 ? keyPartition[key] : topicPartitions[p.stickyPartition % topicPartitions.length];
    keyCol[id] = key;
    partCol[id] = part;
    sentCol[id] = dueAt(spec, sent);
    let b = open[part];
    if (b === undefined || !b.open || b.msgs.length >= perBatch) open[part] = b = batchFor(ctx, p, part, perBatch);
    b.msgs.push(id);
    if (b.msgs.length >= perBatch) closeFull(b);
  }
  p.sent = sent;
}

/** RecordAccumulator.append: into the open batch of the partition, or a new one when full. */
export function accumulate(ctx: SimContext, p: ProducerRuntime, part: PartitionId, id: MessageId, bytes: number): void {
  const perBatch = recordsPerBatch(p, bytes);
  const b = batchFor(ctx, p, part, perBatch);
  b.msgs.push(id);
  if (b.msgs.length >= perBatch) closeFull(b);
}

/**
 * A batch reached batch.size: closed, and its record list made final now, an
 * exact-size frozen copy (what the sender would make when it sends it). A
 * pushed-to array keeps room for about a third more ids; when the leader is
 * gone the accumulator holds thousands of full batches for seconds, and each
 * would otherwise be kept, and copied by the collector, twice.
 */
function closeFull(b: ProducerBatch): void {
  b.open = false;
  b.msgs = Object.freeze(b.msgs.slice()) as number[];
}

/** The batch a record for `part` goes into: the partition's open one if it has room, else a new one (closing the old). */
function batchFor(ctx: SimContext, p: ProducerRuntime, part: PartitionId, perBatch: number): ProducerBatch {
  let q = p.queues.get(part);
  if (!q) p.queues.set(part, (q = []));
  const last = q.length ? q[q.length - 1] : undefined;
  if (last && last.open && last.msgs.length < perBatch) return last;
  if (last) last.open = false;
  const b: ProducerBatch = { id: ctx.ids.producerBatch++, producer: p.index, partition: part, pid: p.pid, producerEpoch: p.producerEpoch, baseSeq: -1, msgs: [], createdAt: ctx.now, attempts: 0, open: true, retryAt: 0, inFlight: false, done: false, retried: false, seqReset: false };
  q.push(b);
  p.stickyPartition++;
  return b;
}

/** How many records of `bytes` fill a batch of batch.size (at least one). */
const recordsPerBatch = (p: ProducerRuntime, bytes: number): number => Math.max(1, Math.floor(p.config['batch.size'] / bytes));

/**
 * The callback of each record of an acknowledged batch: a million of them in
 * a big run, so the columns are read once and the rows marked as one range
 * (a batch's ids need not be in order: a resent record joins a later batch).
 */
export function acknowledge(ctx: SimContext, ids: readonly number[], broker: number, baseOffset: number, cause: number): void {
  const t = ctx.msgs;
  const { status, ackedAt, ackBroker, ackOffset, settleCause } = t;
  const now = ctx.now;
  let lo = Infinity;
  let hi = -1;
  for (let i = 0; i < ids.length; i++) {
    const m = ids[i];
    status[m] = SendStatus.Acked;
    ackedAt[m] = now;
    ackBroker[m] = broker;
    ackOffset[m] = baseOffset + i;
    settleCause[m] = cause;
    if (m < lo) lo = m;
    if (m > hi) hi = m;
  }
  if (hi >= 0) {
    markRow(t, lo);
    markRow(t, hi);
  }
}

/** A send failed for good: the callback reports the error; the app may send again. */
export function failBatch(ctx: SimContext, p: ProducerRuntime, b: ProducerBatch, error: string, cause: number): void {
  const resend = p.spec.onError === 'resend';
  b.done = true;
  for (const m of b.msgs) {
    ctx.msgs.status[m] = SendStatus.Failed;
    ctx.msgs.error[m] = error;
    ctx.msgs.settleCause[m] = cause;
    markRow(ctx.msgs, m);
  }
  ctx.record({ t: ctx.now, type: 'send-failed', producer: p.name, partition: ctx.partitions[b.partition].name, error, records: b.msgs.length, resent: resend });
  if (!resend) return;
  for (const m of b.msgs) {
    ctx.msgs.status[m] = SendStatus.Pending;
    ctx.msgs.resends[m]++;
    markRow(ctx.msgs, m);
    accumulate(ctx, p, b.partition, m, p.spec.messageBytes);
  }
}
