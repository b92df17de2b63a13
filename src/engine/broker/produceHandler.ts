/**
 * The leader's side of a produce request: leadership and min.insync.replicas
 * checks, idempotent de-duplication, append, and the acks contract.
 * Source: ReplicaManager.appendRecords, Partition.appendRecordsToLeader,
 * ProducerStateManager / ProducerAppendInfo.checkSequence.
 */
import { runtimeOf, type ClientConnection, type DelayedProduce, type NetBody, type SimContext } from '../core/context.ts';
import { appendBatch } from './log.ts';
import { addHistory } from './batchHistory.ts';
import { addLogBatch } from '../core/logColumns.ts';
import { brokerNode, type Broker, type LogBatch, type Replica, type WireBatch } from '../core/model.ts';
import { answerParked, effectiveMinIsr, maybeIncrementHw } from './replication.ts';
import { park, respondProduce } from './purgatory.ts';
import { maybeFlush } from './durability.ts';

type ProduceReq = Extract<NetBody, { type: 'produce' }>;

/**
 * A produce request arrives on a client connection. The broker reads one
 * request per connection at a time (the channel is muted until the response
 * is sent), so with acks=all a second batch waits unread while the first
 * waits for the ISR.
 */
export function handleProduce(ctx: SimContext, br: Broker, from: string, req: ProduceReq): void {
  const conns = runtimeOf(ctx, br.id).conns;
  let c = conns.get(from);
  if (!c || req.conn > c.conn) conns.set(from, (c = { conn: req.conn, busy: false, queue: [] }));
  else if (req.conn < c.conn) return; // sent on a connection the client has closed since
  if (c.busy) c.queue.push(req);
  else processProduce(ctx, br, from, req, c);
}

/** The response to a connection's request was sent: read its next request, if any. */
export function unmute(ctx: SimContext, br: Broker, from: string, conn: number): void {
  const c = runtimeOf(ctx, br.id).conns.get(from);
  if (!c || c.conn !== conn || !c.busy) return;
  c.busy = false;
  const next = c.queue.shift();
  if (next) processProduce(ctx, br, from, next, c);
}

function processProduce(ctx: SimContext, br: Broker, from: string, req: ProduceReq, c: ClientConnection): void {
  c.busy = true;
  const pb = req.batch;
  const p = pb.partition;
  const r = br.replicas.get(p);
  const meta = br.meta.get(p);
  const d: DelayedProduce = { reqId: req.reqId, conn: req.conn, producer: req.producer, producerNode: from, requiredOffset: 0, baseOffset: -1, batch: pb };
  if (!r || !meta || meta.leader !== br.id) return failProduce(ctx, br, req, d, 'NOT_LEADER_OR_FOLLOWER');
  // Partition.appendRecordsToLeader compares the committed ISR with the effective min ISR.
  if (req.acks === 'all' && meta.isr.length < effectiveMinIsr(ctx, p)) return failProduce(ctx, br, req, d, 'NOT_ENOUGH_REPLICAS');
  const seq = checkSequence(r, pb);
  if (seq.error) return failProduce(ctx, br, req, d, seq.error);
  if (seq.duplicateOf >= 0) {
    // A retry of a batch already in the log: answer with the original offset, write nothing.
    d.baseOffset = seq.duplicateOf;
    d.requiredOffset = seq.duplicateOf + pb.msgs.length;
  } else {
    // The batch table numbers log batches as they are written (ctx.ids.logBatch counts them too).
    const id = addLogBatch(ctx.batches, pb, r.leo, meta.leaderEpoch, ctx.now);
    ctx.ids.logBatch++;
    const baseOffset = r.leo;
    appendBatch(r, ctx.batches, id, ctx.now);
    addHistory(ctx.history, id, { t: ctx.now, broker: br.id, what: 'appended', cause: -1 });
    d.baseOffset = baseOffset;
    d.requiredOffset = r.leo;
    if (ctx.lab.detail) ctx.record({ t: ctx.now, type: 'appended', broker: br.id, partition: ctx.partitions[p].name, from: baseOffset, to: r.leo, epoch: meta.leaderEpoch, producer: ctx.producers[req.producer].name, acks: String(req.acks) });
    // UnifiedLog.append fsyncs in this request's thread when flush.messages is reached:
    // everything after the append (HW, waiting fetches, the answer) waits for the disk.
    const wait = maybeFlush(ctx, br, r);
    if (wait > 0) return void ctx.timer(brokerNode(br.id), wait, { type: 'append-flushed', partition: p, d, acks: req.acks, timeoutMs: req.timeoutMs });
    answerParked(ctx, br, p);
    maybeIncrementHw(ctx, br, r);
  }
  completeProduce(ctx, br, d, req.acks, req.timeoutMs);
}

/** The request is refused with `error`: answered, or (acks=0) just its connection read on. */
function failProduce(ctx: SimContext, br: Broker, req: ProduceReq, d: DelayedProduce, error: string): void {
  if (req.acks !== 0) respondProduce(ctx, br, d, error);
  else unmute(ctx, br, d.producerNode, req.conn);
}

/** The append (and its fsync, if any) is done: wake waiting fetches, move the HW, answer or park. */
export function appendFlushed(ctx: SimContext, br: Broker, p: number, d: DelayedProduce, acks: 0 | 1 | 'all', timeoutMs: number): void {
  const r = br.replicas.get(p);
  if (!r) return;
  // Leadership moved while the disk was busy: the request completes as Kafka's DelayedProduce would.
  if (br.meta.get(p)?.leader !== br.id) return acks === 0 ? unmute(ctx, br, d.producerNode, d.conn) : respondProduce(ctx, br, d, 'NOT_LEADER_OR_FOLLOWER');
  answerParked(ctx, br, p);
  maybeIncrementHw(ctx, br, r);
  completeProduce(ctx, br, d, acks, timeoutMs);
}

function completeProduce(ctx: SimContext, br: Broker, d: DelayedProduce, acks: 0 | 1 | 'all', timeoutMs: number): void {
  const r = br.replicas.get(d.batch.partition)!;
  // acks=0 requests get no response: the channel is unmuted at once.
  if (acks === 0) return unmute(ctx, br, d.producerNode, d.conn);
  if (acks === 1 || r.hw >= d.requiredOffset) return respondProduce(ctx, br, d, null);
  park(ctx, br, d, timeoutMs);
}

/**
 * ProducerAppendInfo.checkSequence, reduced: a batch must continue its
 * producer's sequence; one of the last five batches again is a duplicate.
 * A producer id this replica does not know is accepted (its state may have
 * been lost with the records; since KIP-360 the producer can carry on).
 */
const SEQUENCE_OK: { error: string | null; duplicateOf: number } = Object.freeze({ error: null, duplicateOf: -1 });

function checkSequence(r: Replica, pb: WireBatch): { error: string | null; duplicateOf: number } {
  const ok = SEQUENCE_OK;
  if (pb.pid < 0) return ok;
  const e = r.producers.get(pb.pid);
  if (!e) return ok;
  if (pb.producerEpoch < e.producerEpoch) return { error: 'INVALID_PRODUCER_EPOCH', duplicateOf: -1 };
  if (pb.producerEpoch > e.producerEpoch) return pb.baseSeq === 0 ? ok : { error: 'OUT_OF_ORDER_SEQUENCE_NUMBER', duplicateOf: -1 };
  const lastSeq = pb.baseSeq + pb.msgs.length - 1;
  for (const x of e.batches) if (x.baseSeq === pb.baseSeq && x.lastSeq === lastSeq) return { error: null, duplicateOf: x.baseOffset };
  const last = e.batches.length ? e.batches[e.batches.length - 1].lastSeq : -1;
  // Kafka 4.x answers any other gap, older or newer, with OUT_OF_ORDER_SEQUENCE_NUMBER.
  if (pb.baseSeq !== last + 1) return { error: 'OUT_OF_ORDER_SEQUENCE_NUMBER', duplicateOf: -1 };
  return ok;
}
