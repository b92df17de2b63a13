/**
 * The checker: gives every produced message its fate by reading the
 * committed log (the leader's records below its high watermark) against what
 * each application was told. Anomalies use Jepsen's Kafka vocabulary:
 * lost write, duplicate, nonmonotonic send (reordered within a key), unseen
 * (acknowledged, still in a log, not committed). Each carries its story.
 */
import type { SimContext } from '../core/context.ts';
import { SendStatus } from '../core/messages.ts';
import type { MessageId } from '../core/model.ts';
import { committedReplica } from '../broker/committedLog.ts';
import { storyOf, type StoryStep } from './story.ts';
import { checkConsumers, type GroupSummary } from './consumerChecker.ts';
import type { ConsumerAnomalyKind } from './consumerStory.ts';

/**
 * 'recovered': the application was told the send failed, yet the record is committed.
 * 'committed-untold': committed, but the application was never told anything (its process
 * restarted before the answer came): an application that re-sends it duplicates it.
 */
export type FateKind = 'ok' | 'lost-acked' | 'lost-unacked' | 'unseen' | 'recovered' | 'committed-untold' | 'pending';

export interface Summary {
  produced: number;
  acked: number;
  committed: number;
  lostAcked: number;
  lostUnacked: number;
  /** Of lostUnacked: the application got an error callback. */
  lostUnackedKnown: number;
  /** Of lostUnacked: nobody told the application (e.g. its buffer died with it). */
  lostUnackedUnknown: number;
  unseen: number;
  /** Sent, failed as far as the app knows (it got an error), yet committed. */
  recovered: number;
  /** Committed, though the application was never told anything: its producer restarted before the answer. */
  committedUntold: number;
  /** Messages the restarted application sent again because they were never acknowledged (onRestart: resend). */
  resentAfterRestart: number;
  pending: number;
  duplicated: number;
  reordered: number;
  /** Consumer side, summed over groups (0 without consumers); per group in consumerGroups. */
  processed: number;
  lostAfterBroker: number;
  processedTwice: number;
  processedOutOfOrder: number;
  /** Committed records a group jumped over with auto.offset.reset (e.g. latest after its offsets expired). */
  skippedByReset: number;
  /** Generations the groups' coordinators completed (each rebalance stops the group's consumption). */
  rebalances: number;
  consumerGroups: GroupSummary[];
}

export type AnomalyKind = 'lost-write' | 'lost-unacked' | 'duplicate' | 'nonmonotonic-send' | 'unseen' | ConsumerAnomalyKind;

export interface Anomaly {
  kind: AnomalyKind;
  message: MessageId;
  producer: string;
  key: string | null;
  partition: string;
  /** Where it sits in the committed log (all copies), if anywhere. */
  offsets: number[];
  /** For a nonmonotonic send: the later-sent message of the same key written before it. */
  overtakenBy?: { message: MessageId; offset: number };
  /** Consumer-side anomalies: the consumer group it happened in. */
  group?: string;
  story: StoryStep[];
}

export interface CheckResult {
  summary: Summary;
  anomalies: Anomaly[];
  /** Per-message fate codes (index = message id), for views that colour messages. */
  fates: FateKind[] | null;
}

export function check(ctx: SimContext, opts: { stories?: boolean; fates?: boolean; maxAnomalies?: number; /** At most this many of each kind (the UI lists a few of every kind). */ maxPerKind?: number } = {}): CheckResult {
  const m = ctx.msgs;
  const n = m.size;
  const copies = new Uint8Array(n);
  const firstOffset = new Float64Array(n).fill(-1);
  const reordered = new Uint8Array(n);
  const overtaker = new Map<MessageId, { message: MessageId; offset: number }>();
  const extraOffsets = new Map<MessageId, number[]>();
  const inSomeLog = new Uint8Array(n);
  // Highest message id seen so far per (producer, key), in log order: typed arrays, not maps (1M messages).
  const keyBase: number[] = [];
  let keySlots = 0;
  for (const p of ctx.producers) {
    keyBase.push(keySlots);
    keySlots += p.spec.keys;
  }
  const maxSeen = new Int32Array(keySlots);
  for (const part of ctx.partitions) {
    const r = committedReplica(ctx, part.id);
    if (!r) continue;
    maxSeen.fill(-1);
    for (const b of r.log) {
      for (let i = 0; i < b.pb.msgs.length; i++) {
        const id = b.pb.msgs[i];
        const off = b.baseOffset + i;
        if (off >= r.hw) {
          inSomeLog[id] = 1;
          continue;
        }
        if (copies[id]++ > 0) {
          const list = extraOffsets.get(id) ?? [firstOffset[id]];
          list.push(off);
          extraOffsets.set(id, list);
          continue;
        }
        firstOffset[id] = off;
        const key = m.key[id];
        if (key < 0) continue;
        // Within one producer, ids grow in send order; a smaller id after a larger one of the same key is out of order.
        const k = keyBase[m.producer[id]] + key;
        const max = maxSeen[k];
        if (id < max) {
          reordered[id] = 1;
          overtaker.set(id, { message: max, offset: firstOffset[max] });
        } else maxSeen[k] = id;
      }
    }
  }
  const s: Summary = { produced: n, acked: 0, committed: 0, lostAcked: 0, lostUnacked: 0, lostUnackedKnown: 0, lostUnackedUnknown: 0, unseen: 0, recovered: 0, committedUntold: 0, resentAfterRestart: 0, pending: 0, duplicated: 0, reordered: 0, processed: 0, lostAfterBroker: 0, processedTwice: 0, processedOutOfOrder: 0, skippedByReset: 0, rebalances: 0, consumerGroups: [] };
  const fates: FateKind[] | null = opts.fates ? new Array(n) : null;
  const anomalies: Anomaly[] = [];
  const max = opts.maxAnomalies ?? Infinity;
  const want = opts.stories !== false;
  const perKind = new Map<AnomalyKind, number>();
  const maxPerKind = opts.maxPerKind ?? Infinity;
  const note = (kind: AnomalyKind, id: MessageId) => {
    if (anomalies.length >= max) return;
    const seen = perKind.get(kind) ?? 0;
    if (seen >= maxPerKind) return;
    perKind.set(kind, seen + 1);
    const p = ctx.producers[m.producer[id]];
    const offsets = extraOffsets.get(id) ?? (firstOffset[id] >= 0 ? [firstOffset[id]] : []);
    const over = kind === 'nonmonotonic-send' ? overtaker.get(id) : undefined;
    anomalies.push({ kind, message: id, producer: p.name, key: m.key[id] >= 0 ? `k${m.key[id]}` : null, partition: ctx.partitions[m.partition[id]].name, offsets, ...(over ? { overtakenBy: over } : {}), story: want ? storyOf(ctx, id, kind, { offsets, overtakenBy: over }) : [] });
  };
  for (let id = 0; id < n; id++) {
    const st = m.status[id];
    const acked = st === SendStatus.Acked;
    if (acked) s.acked++;
    if (m.restartResends[id] > 0) s.resentAfterRestart++;
    let fate: FateKind;
    if (copies[id] > 0) {
      s.committed++;
      fate = acked ? 'ok' : st === SendStatus.Pending ? 'pending' : st === SendStatus.Failed ? 'recovered' : 'committed-untold';
      if (fate === 'recovered') s.recovered++;
      if (fate === 'committed-untold') s.committedUntold++;
      if (fate === 'pending') s.pending++;
      if (copies[id] > 1) {
        s.duplicated++;
        note('duplicate', id);
      }
      if (reordered[id]) {
        s.reordered++;
        note('nonmonotonic-send', id);
      }
    } else if (acked) {
      if (inSomeLog[id]) {
        fate = 'unseen';
        s.unseen++;
        note('unseen', id);
      } else {
        fate = 'lost-acked';
        s.lostAcked++;
        note('lost-write', id);
      }
    } else if (st === SendStatus.Pending) {
      fate = 'pending';
      s.pending++;
    } else {
      fate = 'lost-unacked';
      s.lostUnacked++;
      if (st === SendStatus.Failed) s.lostUnackedKnown++;
      else s.lostUnackedUnknown++;
      note('lost-unacked', id);
    }
    if (fates) fates[id] = fate;
  }
  const cons = checkConsumers(ctx, { stories: want, maxAnomalies: max - anomalies.length });
  if (cons) {
    addGroupTotals(s, cons.groups);
    for (const a of cons.anomalies) {
      const seen = perKind.get(a.kind) ?? 0;
      if (seen >= maxPerKind) continue;
      perKind.set(a.kind, seen + 1);
      anomalies.push(a);
    }
  }
  return { summary: s, anomalies, fates };
}

/** The summary's consumer counts: the groups' own, added up (the checker and the incremental observer share this). */
export function addGroupTotals(s: Summary, groups: GroupSummary[]): void {
  s.consumerGroups = groups;
  for (const g of groups) {
    s.processed += g.processed;
    s.lostAfterBroker += g.lostAfterBroker;
    s.processedTwice += g.processedTwice;
    s.processedOutOfOrder += g.processedOutOfOrder;
    s.skippedByReset += g.skippedByReset;
    s.rebalances += g.rebalances;
  }
}
