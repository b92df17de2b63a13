/**
 * Creating and restarting producers. A restart loses everything in the
 * client's buffer (nobody is told) and gets a new producer id, so the broker
 * cannot recognise resends from the previous session as duplicates.
 */
import type { SimContext } from '../core/context.ts';
import { SendStatus } from '../core/messages.ts';
import { markRow } from '../core/changedRows.ts';
import type { MessageId, ProducerRuntime } from '../core/model.ts';
import { accumulate } from './producerApp.ts';
import { partitionForKey } from '../core/murmur2.ts';
import type { ProducerSpec } from '../core/specs.ts';

export function createProducer(ctx: SimContext, spec: ProducerSpec, index: number): ProducerRuntime {
  const topicPartitions = ctx.partitions.filter((p) => p.topic === spec.topic).map((p) => p.id);
  const p: ProducerRuntime = {
    index,
    name: spec.name,
    config: spec.config,
    spec,
    topicPartitions,
    keyPartition: Array.from({ length: spec.keys }, (_, k) => topicPartitions[partitionForKey(`k${k}`, topicPartitions.length)]),
    requests: new Map(),
    connGen: new Map(),
    conns: new Map(),
    incarnation: 0,
    pid: spec.config['enable.idempotence'] ? ctx.ids.pid++ : -1,
    producerEpoch: 0,
    nextSeq: new Map(),
    seqEpoch: new Map(),
    lastAcked: new Map(),
    unresolved: new Set(),
    queues: new Map(),
    inFlight: new Map(),
    meta: new Map(),
    metadataPending: false,
    metadataToken: 0,
    sent: 0,
    nextSendAt: spec.startAt,
    senderWakeAt: 0,
    stickyPartition: 0,
  };
  // No leaders known yet: the first send waits for a metadata request (KafkaProducer.waitOnMetadata),
  // so a producer started late learns the cluster as it is then, not as it was at t=0.
  return p;
}

/**
 * The producer's process restarts. Whatever was not acknowledged (buffered or
 * in flight) is gone and nobody is told. An application that tracks what was
 * acknowledged (onRestart: "resend") sends it all again from the new process:
 * with a new producer id, so the leader cannot tell a copy already written
 * from a new record (idempotence is per producer session; KIP-98).
 */
export function restartProducer(ctx: SimContext, p: ProducerRuntime): void {
  const unacked: MessageId[] = [];
  for (const q of p.queues.values()) {
    for (const b of q) {
      for (const m of b.msgs) {
        if (ctx.msgs.status[m] === SendStatus.Pending) {
          ctx.msgs.status[m] = SendStatus.Dropped;
          markRow(ctx.msgs, m);
          unacked.push(m);
        }
      }
    }
  }
  p.queues = new Map();
  p.requests = new Map();
  p.connGen = new Map();
  p.conns = new Map();
  p.inFlight = new Map();
  p.incarnation++;
  p.nextSeq = new Map();
  p.seqEpoch = new Map();
  p.lastAcked = new Map();
  p.unresolved = new Set();
  p.meta = new Map();
  p.producerEpoch = 0;
  p.metadataPending = false;
  p.metadataToken++;
  p.senderWakeAt = 0;
  if (p.config['enable.idempotence']) p.pid = ctx.ids.pid++;
  const resend = p.spec.onRestart === 'resend';
  ctx.cause = ctx.record({ t: ctx.now, type: 'producer-restarted', producer: p.name, pid: p.pid, droppedRecords: unacked.length, ...(resend ? { resentRecords: unacked.length } : {}) });
  if (resend) {
    unacked.sort((a, b) => a - b);
    for (const m of unacked) {
      ctx.msgs.status[m] = SendStatus.Pending;
      if (ctx.msgs.restartResends[m]++ === 0) ctx.msgs.restartResent++;
      markRow(ctx.msgs, m);
      accumulate(ctx, p, ctx.msgs.partition[m], m, p.spec.messageBytes);
    }
  }
  ctx.timer(p.name, 0, { type: 'app-send' });
}
