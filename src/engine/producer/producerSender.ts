/**
 * The producer's Sender thread: drains ready batches to partition leaders
 * within max.in.flight.requests.per.connection, retries retriable errors with
 * exponential backoff until retries or delivery.timeout.ms run out, and
 * assigns idempotent sequence numbers on first send.
 * Source: clients/.../producer/internals/Sender.java, RecordAccumulator.java, TransactionManager.java.
 */
import type { NetBody, SimContext } from '../core/context.ts';
import { reconnect } from '../core/network.ts';
import { DELIVERY_TIMEOUT } from '../core/trace.ts';
import { connectFor, disconnected } from '../core/connections.ts';
import { SendStatus } from '../core/messages.ts';
import { markRow } from '../core/changedRows.ts';
import { brokerNode, type ProducerBatch, type ProducerRuntime, type WireBatch } from '../core/model.ts';
import { acknowledge, failBatch } from './producerApp.ts';
import { requestMetadata } from './producerMetadata.ts';
import { assignSequence, handleCompleted, handleFailed, markUnresolved, maybeResolveSequences, outOfOrderNeedsBump, restartSequences, shouldStopDrain } from './producerIdempotence.ts';

/** Errors whose exception is a RetriableException in the Java client. */
const RETRIABLE = new Set(['NOT_LEADER_OR_FOLLOWER', 'LEADER_NOT_AVAILABLE', 'NOT_ENOUGH_REPLICAS', 'NOT_ENOUGH_REPLICAS_AFTER_APPEND', 'REQUEST_TIMED_OUT', 'NETWORK_EXCEPTION', 'UNKNOWN_LEADER_EPOCH', 'FENCED_LEADER_EPOCH', 'KAFKA_STORAGE_ERROR']);
/** Errors whose exception is an InvalidMetadataException: the Sender asks for new metadata (Sender.completeBatch). */
const NEEDS_METADATA = new Set(['NOT_LEADER_OR_FOLLOWER', 'LEADER_NOT_AVAILABLE', 'NETWORK_EXCEPTION', 'FENCED_LEADER_EPOCH', 'KAFKA_STORAGE_ERROR']);

export function runSender(ctx: SimContext, p: ProducerRuntime): void {
  const c = p.config;
  const idempotent = c['enable.idempotence'];
  let wake = p.requests.size > 0 ? expireInFlight(ctx, p) : Infinity;
  if (idempotent) maybeResolveSequences(ctx, p);
  // Queues by value (an entry would be a new [key, value] array each time): a queue's batches are all of its partition.
  for (const q of p.queues.values()) {
    for (let i = 0; i < q.length; i++) {
      const b = q[i];
      if (b.inFlight) continue;
      const deadline = b.createdAt + c['delivery.timeout.ms'];
      if (ctx.now >= deadline) {
        q.splice(i--, 1);
        expire(ctx, p, b);
        continue;
      }
      wake = Math.min(wake, deadline);
      const readyAt = b.open ? b.createdAt + c['linger.ms'] : b.createdAt;
      const at = Math.max(readyAt, b.retryAt);
      if (at > ctx.now) {
        // RecordAccumulator drains a partition from the head of its deque: a batch waiting
        // for linger or backoff holds back the batches behind it.
        wake = Math.min(wake, at);
        break;
      }
      const meta = p.meta.get(b.partition);
      if (!meta || meta.leader < 0) {
        requestMetadata(ctx, p);
        break;
      }
      if (!connectionReady(ctx, p, meta.leader)) break;
      if ((p.inFlight.get(meta.leader) ?? 0) >= c['max.in.flight.requests.per.connection']) break;
      if (idempotent && shouldStopDrain(p, b)) break;
      b.open = false;
      send(ctx, p, b, meta.leader);
      if (c.acks === 0) {
        // Fire and forget: the callback reports success as soon as the request leaves (offset -1).
        q.splice(i--, 1);
        b.done = true;
        for (const m of b.msgs) {
          ctx.msgs.status[m] = SendStatus.Acked;
          ctx.msgs.ackedAt[m] = ctx.now;
          markRow(ctx.msgs, m);
        }
      }
    }
  }
  if (wake < Infinity && (p.senderWakeAt <= ctx.now || wake < p.senderWakeAt)) {
    const at = Math.max(ctx.now + 1, wake);
    p.senderWakeAt = at;
    ctx.timer(p.name, at - ctx.now, { type: 'sender-wake', at });
  }
}

/**
 * Sender.sendProducerData: batches in flight expire at their delivery timeout
 * too (KIP-91, getExpiredInflightBatches), oldest first per partition. Only
 * batches in flight are looked at here, and each has its request outstanding:
 * a queue is read up to its last one, not to its end (after a leader dies the
 * queues hold hundreds of batches). The requests are counted per partition in
 * one pass (expiring one leaves its request outstanding). Returns when the
 * oldest batch still in flight expires.
 */
function expireInFlight(ctx: SimContext, p: ProducerRuntime): number {
  const timeout = p.config['delivery.timeout.ms'];
  let wake = Infinity;
  const inFlightOf: number[] = [];
  for (const f of p.requests.values()) inFlightOf[f.batch.partition] = (inFlightOf[f.batch.partition] ?? 0) + 1;
  for (const q of p.queues.values()) {
    let left = q.length ? (inFlightOf[q[0].partition] ?? 0) : 0;
    for (let i = 0; i < q.length && left > 0; i++) {
      const b = q[i];
      if (!b.inFlight) continue;
      left--;
      const deadline = b.createdAt + timeout;
      if (ctx.now < deadline) {
        wake = Math.min(wake, deadline);
        break;
      }
      q.splice(i--, 1);
      expire(ctx, p, b);
    }
  }
  return wake;
}

/**
 * Sender.sendProducerData drains only to nodes whose connection is ready
 * (NetworkClient.ready starts connecting otherwise): batches for a broker that
 * cannot be reached stay in the accumulator, where they expire at
 * delivery.timeout.ms. An attempt to a silent host fails after
 * socket.connection.setup.timeout.ms; the disconnect asks for new metadata
 * (NetworkClient: handleServerDisconnect) and the sender tries again after
 * reconnect.backoff.ms.
 */
function connectionReady(ctx: SimContext, p: ProducerRuntime, broker: number): boolean {
  const before = p.conns.get(broker)?.connectingUntil ?? 0;
  const failIn = connectFor(ctx, p.name, p.conns, broker, p.config);
  if (failIn === 0) return true;
  if (p.conns.get(broker)!.connectingUntil !== before) ctx.timer(p.name, failIn, { type: 'connect-failed', broker });
  return false;
}

/** A connection attempt timed out: look the leaders up again and drain what can go. */
export function onConnectFailed(ctx: SimContext, p: ProducerRuntime): void {
  requestMetadata(ctx, p);
  runSender(ctx, p);
}

/**
 * A batch reached delivery.timeout.ms, queued or in flight: the callback gets a
 * TimeoutException; a request still in flight stays outstanding on its
 * connection. One expired after a retry leaves its sequence unresolved.
 */
function expire(ctx: SimContext, p: ProducerRuntime, b: ProducerBatch): void {
  if (p.config['enable.idempotence']) markUnresolved(p, b);
  failBatch(ctx, p, b, DELIVERY_TIMEOUT, -1);
}

function send(ctx: SimContext, p: ProducerRuntime, b: ProducerBatch, leader: number): void {
  const c = p.config;
  if (c['enable.idempotence'] && b.baseSeq < 0) assignSequence(p, b);
  b.attempts++;
  const reqId = ctx.ids.request++;
  if (c.acks !== 0) {
    b.inFlight = true;
    p.requests.set(reqId, { reqId, batch: b, broker: leader });
    p.inFlight.set(leader, (p.inFlight.get(leader) ?? 0) + 1);
    ctx.timer(p.name, c['request.timeout.ms'], { type: 'request-timeout', reqId });
  }
  // The request carries the batch as it is now: a later epoch bump rewrites the client's copy, not the bytes sent.
  // Its records are final once it leaves the accumulator (b.open is false): the list is frozen and shared by every
  // retry. An exact-size copy first (a pushed-to array keeps spare room as long as the log keeps it); a batch that
  // filled up got its copy when it closed (producerApp.ts closeFull).
  if (!Object.isFrozen(b.msgs)) b.msgs = Object.freeze(b.msgs.slice()) as number[];
  const wire = Object.freeze(wireCopy(b));
  ctx.send(p.name, brokerNode(leader), { type: 'produce', reqId, producer: p.index, batch: wire, acks: c.acks, timeoutMs: c['request.timeout.ms'], conn: p.connGen.get(leader) ?? 0 });
}

/**
 * No response within request.timeout.ms: NetworkClient closes the connection,
 * so every other request in flight to that broker fails too (as disconnected)
 * and is retried behind this one. A reset connection (the broker process died)
 * fails them all as disconnected.
 */
export function onRequestTimeout(ctx: SimContext, p: ProducerRuntime, reqId: number, disconnect: boolean): void {
  const f = p.requests.get(reqId);
  if (!f) return;
  const others = [...p.requests.values()].filter((x) => x.broker === f.broker && x.reqId !== reqId).map((x) => x.reqId);
  reconnect(ctx.net, p.name, brokerNode(f.broker));
  disconnected(ctx, p.conns, f.broker);
  p.connGen.set(f.broker, (p.connGen.get(f.broker) ?? 0) + 1);
  // NetworkClient.handleTimedOutRequests closes the connection, and every request on it completes as
  // disconnected: Sender sees NETWORK_EXCEPTION ("Disconnected from node N due to timeout"), not the
  // broker's REQUEST_TIMED_OUT. The disconnect also asks for a metadata update.
  void disconnect;
  for (const id of [reqId, ...others]) completeRequest(ctx, p, id, 'NETWORK_EXCEPTION', -1, f.broker);
}

/** Completes an in-flight request: success acknowledges the batch; errors retry or fail it (Sender.completeBatch). */
export function completeRequest(ctx: SimContext, p: ProducerRuntime, reqId: number, error: string | null, baseOffset: number, broker: number): void {
  const f = p.requests.get(reqId);
  if (!f) return;
  p.requests.delete(reqId);
  f.batch.inFlight = false;
  p.inFlight.set(f.broker, (p.inFlight.get(f.broker) ?? 1) - 1);
  const b = f.batch;
  const c = p.config;
  const idempotent = c['enable.idempotence'];
  const q = p.queues.get(b.partition)!;
  const partName = ctx.partitions[b.partition].name;
  if (error === 'DUPLICATE_SEQUENCE_NUMBER') {
    // The broker has this sequence already (older than the five batches it remembers), so the
    // batch was written: complete it as a success, offset unknown.
    error = null;
    baseOffset = -1;
  }
  // A reset or refused connection: the next request to that broker opens a new one.
  if (error === 'NETWORK_EXCEPTION') disconnected(ctx, p.conns, broker);
  if (b.done) {
    // Expired while in flight: the application was told already. A success still moves the last
    // acknowledged sequence (Sender.completeBatch calls handleCompletedBatch first); a failure is not
    // handled twice (Sender.failBatch: handleFailedBatch only when completeExceptionally succeeds).
    if (!error && idempotent) handleCompleted(p, b);
    if (error) {
      ctx.record({ t: ctx.now, type: 'produce-error', producer: p.name, partition: partName, error, records: b.msgs.length, retriable: false, attempt: b.attempts, broker });
      if (NEEDS_METADATA.has(error)) requestMetadata(ctx, p);
    }
    runSender(ctx, p);
    return;
  }
  if (!error) {
    q.splice(q.indexOf(b), 1);
    b.done = true;
    if (idempotent) handleCompleted(p, b);
    const cause = ctx.lab.detail ? ctx.record({ t: ctx.now, type: 'acked', producer: p.name, partition: partName, from: baseOffset, to: baseOffset + b.msgs.length, broker, records: b.msgs.length }) : -1;
    acknowledge(ctx, b.msgs, broker, baseOffset, cause);
    runSender(ctx, p);
    return;
  }
  // Sender.canRetry: within delivery.timeout.ms, retries left, and a retriable error (for the
  // idempotent producer TransactionManager.canRetry, which retries every OUT_OF_ORDER_SEQUENCE_NUMBER).
  const oos = error === 'OUT_OF_ORDER_SEQUENCE_NUMBER';
  const inTime = ctx.now < b.createdAt + c['delivery.timeout.ms'];
  // Before KIP-360 (2.5) an OUT_OF_ORDER_SEQUENCE_NUMBER on the next expected batch is not retried: it fails
  // (OutOfOrderSequenceException) and the producer resets its id (TransactionManager.canRetry at 2.4.0).
  const oosRetried = oos && (ctx.rules.idempotentEpochBump || !outOfOrderNeedsBump(p, b));
  const retriable = inTime && b.attempts <= c.retries && (RETRIABLE.has(error) || (idempotent && oosRetried));
  const cause = ctx.record({ t: ctx.now, type: 'produce-error', producer: p.name, partition: partName, error, records: b.msgs.length, retriable, attempt: b.attempts, broker });
  if (NEEDS_METADATA.has(error)) requestMetadata(ctx, p);
  if (retriable) {
    const backoff = Math.min(c['retry.backoff.max.ms'], c['retry.backoff.ms'] * 2 ** (b.attempts - 1)) * (0.8 + 0.4 * ctx.rng.next());
    b.retryAt = ctx.now + Math.round(backoff);
    b.retried = true;
    if (!idempotent) {
      // RecordAccumulator.reenqueue: without idempotence a retried batch goes to the front of its
      // partition's queue (addFirst). When several in-flight batches fail together (a closed
      // connection) they come back in reverse order: this is how retries reorder records.
      // With idempotence it stays in sequence order (insertInSequenceOrder).
      q.splice(q.indexOf(b), 1);
      q.unshift(b);
    } else if (oos && outOfOrderNeedsBump(p, b)) {
      // A real gap (the broker lost our earlier batches): KIP-360 epoch bump (before 2.5 a new producer id), sequences from 0.
      restartSequences(ctx, p, b.partition);
    }
  } else {
    q.splice(q.indexOf(b), 1);
    // Only a batch that still had retries left hands its sequence back: otherwise nobody knows
    // whether the broker took it (Sender.completeBatch).
    if (idempotent) handleFailed(ctx, p, b, error, b.attempts <= c.retries);
    failBatch(ctx, p, b, error, cause);
  }
  runSender(ctx, p);
}

/**
 * The batch as sent (model.ts WireBatch: what the broker and the stories read),
 * built as one object literal. A spread ({ ...b }) of a batch whose fields
 * changed since it was made gives V8 a hidden class of its own per copy (and
 * freezing it another): about 400 bytes a record, kept as long as the log
 * keeps the batch. A literal shares one hidden class.
 */
function wireCopy(b: ProducerBatch): WireBatch {
  return { id: b.id, producer: b.producer, partition: b.partition, pid: b.pid, producerEpoch: b.producerEpoch, baseSeq: b.baseSeq, msgs: b.msgs, attempts: b.attempts };
}
