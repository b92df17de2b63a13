/**
 * The application around a producer: it calls send() at a steady rate and,
 * when a callback reports an error, either ignores it or sends the message
 * again (a new send, so a new sequence number: idempotence cannot catch it).
 * Keyed records go where Kafka's murmur2 sends them (computed once per key at
 * start); unkeyed records stick to one partition per batch (KIP-480).
 */
import type { SimContext } from '../core/context.ts';
import { addMessage, SendStatus } from '../core/messages.ts';
import { markRow } from '../core/changedRows.ts';
import type { MessageId, PartitionId, ProducerBatch, ProducerRuntime } from '../core/model.ts';
import { runSender } from './producerSender.ts';

/** The app-send timer: send every message that is due, then wake the sender. */
export function appSend(ctx: SimContext, p: ProducerRuntime): void {
  const { spec } = p;
  const { count, keys } = spec;
  const perBatch = recordsPerBatch(p, spec.messageBytes);
  // The per-record loop runs a million times in a big run: nothing in it allocates.
  for (let at = dueAt(spec, p.sent); p.sent < count && at <= ctx.now; at = dueAt(spec, p.sent)) {
    const n = p.sent++;
    const key = keys > 0 ? n % keys : -1;
    const part = key >= 0 ? p.keyPartition[key] : p.topicPartitions[p.stickyPartition % p.topicPartitions.length];
    const id = addMessage(ctx.msgs, p.index, key, part, at);
    accumulate(ctx, p, part, id, spec.messageBytes, perBatch);
  }
  if (p.sent < count) ctx.timer(p.name, Math.max(1, dueAt(spec, p.sent) - ctx.now), { type: 'app-send' });
  runSender(ctx, p);
}

/** When the application sends its i-th record (a steady rate from startAt). */
const dueAt = (spec: ProducerRuntime['spec'], i: number): number => spec.startAt + Math.floor((i * 1000) / spec.rate);

/** RecordAccumulator.append: into the open batch of the partition, or a new one when full. */
export function accumulate(ctx: SimContext, p: ProducerRuntime, part: PartitionId, id: MessageId, bytes: number, perBatch = recordsPerBatch(p, bytes)): void {
  let q = p.queues.get(part);
  if (!q) p.queues.set(part, (q = []));
  let b = q.length ? q[q.length - 1] : undefined;
  if (!b || !b.open || b.msgs.length >= perBatch) {
    if (b) b.open = false;
    b = { id: ctx.ids.producerBatch++, producer: p.index, partition: part, pid: p.pid, producerEpoch: p.producerEpoch, baseSeq: -1, msgs: [], createdAt: ctx.now, attempts: 0, open: true, retryAt: 0, inFlight: false, done: false, retried: false, seqReset: false };
    q.push(b);
    p.stickyPartition++;
  }
  b.msgs.push(id);
  if (b.msgs.length >= perBatch) b.open = false;
}

/** How many records of `bytes` fill a batch of batch.size (at least one). */
const recordsPerBatch = (p: ProducerRuntime, bytes: number): number => Math.max(1, Math.floor(p.config['batch.size'] / bytes));

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
