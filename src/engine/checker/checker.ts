/**
 * The checker: gives every produced message its fate by reading the
 * committed log (the leader's records below its high watermark) against what
 * each application was told. Anomalies use Jepsen's Kafka vocabulary:
 * lost write, duplicate, nonmonotonic send (reordered within a key), unseen
 * (acknowledged, still in a log, not committed). Each carries its story.
 */
import type { SimContext } from '../core/context.ts';
import { SendStatus, type MessageTable } from '../core/messages.ts';
import type { MessageId } from '../core/model.ts';
import { tableView, viewBaseOffset, viewFirstRecord, viewRecord, viewRecordsEnd, type TableView } from '../core/logColumns.ts';
import { committedReplica } from '../broker/committedLog.ts';
import { storyOf, type StoryStep } from './story.ts';
import { checkConsumers, type GroupSummary } from './consumerChecker.ts';
import type { ConsumerAnomalyKind } from './consumerStory.ts';
import { chunkedIdAt, logChunks } from '../core/replicaLog.ts';

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

/** What the pass over the committed logs learns, per message id (typed arrays: a million messages). */
interface Committed {
  /** Copies in the committed logs (1 is right, more is a duplicate). */
  copies: Uint8Array;
  /** Offset of the first copy, -1 if none. */
  firstOffset: Float64Array;
  /** Written after a later-sent message of its key (and which one, where). */
  reordered: Uint8Array;
  overtaker: Map<MessageId, { message: MessageId; offset: number }>;
  /** Every offset of a message written more than once. */
  extraOffsets: Map<MessageId, number[]>;
  /** In a log above its high watermark: written, not (yet) committed. */
  inSomeLog: Uint8Array;
}

/** Anomaly kinds the per-message pass finds, by code. */
const KINDS: AnomalyKind[] = ['duplicate', 'nonmonotonic-send', 'unseen', 'lost-write', 'lost-unacked'];
const DUPLICATE = 0;
const NONMONOTONIC = 1;
const UNSEEN = 2;
const LOST_WRITE = 3;
const LOST_UNACKED = 4;

export function check(ctx: SimContext, opts: { stories?: boolean; fates?: boolean; maxAnomalies?: number; /** At most this many of each kind (the UI lists a few of every kind). */ maxPerKind?: number } = {}): CheckResult {
  const m = ctx.msgs;
  const n = m.size;
  const c: Committed = { copies: new Uint8Array(n), firstOffset: new Float64Array(n).fill(-1), reordered: new Uint8Array(n), overtaker: new Map(), extraOffsets: new Map(), inSomeLog: new Uint8Array(n) };
  // Highest message id seen so far per (producer, key), in log order: typed arrays, not maps (1M messages).
  const keyBase: number[] = [];
  let keySlots = 0;
  for (const p of ctx.producers) {
    keyBase.push(keySlots);
    keySlots += p.spec.keys;
  }
  const maxSeen = new Int32Array(keySlots);
  const view = tableView(ctx.batches);
  for (const part of ctx.partitions) {
    const r = committedReplica(ctx, part.id);
    if (!r) continue;
    maxSeen.fill(-1);
    const chunks = logChunks(r.log);
    scanCommitted(chunks, r.log.length, view, r.hw, m.key, m.producer, keyBase, maxSeen, c);
    markAboveHw(chunks, r.log.length, view, r.hw, c.inSomeLog);
  }
  const s: Summary = { produced: n, acked: 0, committed: 0, lostAcked: 0, lostUnacked: 0, lostUnackedKnown: 0, lostUnackedUnknown: 0, unseen: 0, recovered: 0, committedUntold: 0, resentAfterRestart: 0, pending: 0, duplicated: 0, reordered: 0, processed: 0, lostAfterBroker: 0, processedTwice: 0, processedOutOfOrder: 0, skippedByReset: 0, rebalances: 0, consumerGroups: [] };
  const fates: FateKind[] | null = opts.fates ? new Array(n) : null;
  const max = opts.maxAnomalies ?? Infinity;
  const maxPerKind = opts.maxPerKind ?? Infinity;
  const counts = new Float64Array(KINDS.length);
  const hits: number[] = [];
  fatesOf(m, c, s, fates, max, maxPerKind, counts, hits);
  const anomalies: Anomaly[] = [];
  const want = opts.stories !== false;
  const perKind = new Map<AnomalyKind, number>();
  for (let k = 0; k < KINDS.length; k++) if (counts[k] > 0) perKind.set(KINDS[k], counts[k]);
  for (let i = 0; i < hits.length; i += 2) {
    const kind = KINDS[hits[i]];
    const id = hits[i + 1];
    const p = ctx.producers[m.producer[id]];
    const offsets = c.extraOffsets.get(id) ?? (c.firstOffset[id] >= 0 ? [c.firstOffset[id]] : []);
    const over = kind === 'nonmonotonic-send' ? c.overtaker.get(id) : undefined;
    anomalies.push({ kind, message: id, producer: p.name, key: m.key[id] >= 0 ? `k${m.key[id]}` : null, partition: ctx.partitions[m.partition[id]].name, offsets, ...(over ? { overtakenBy: over } : {}), story: want ? storyOf(ctx, id, kind, { offsets, overtakenBy: over }) : [] });
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

/**
 * One committed log, below its high watermark: copies and first offsets, and
 * records written after a later-sent record of the same key. A small function
 * of typed arrays read through views of one shape each (tableView), so the
 * engine compiles it at once and keeps it (the bench runs it cold on a
 * million records); what lies above the high watermark is markAboveHw's.
 */
function scanCommitted(chunks: Int32Array[], length: number, v: TableView, hw: number, keys: Int32Array, producers: Int16Array, keyBase: number[], maxSeen: Int32Array, c: Committed): void {
  const { copies, firstOffset, reordered } = c;
  for (let bi = 0; bi < length; bi++) {
    const b = chunkedIdAt(chunks, bi);
    const base = viewBaseOffset(v, b);
    if (base >= hw) break;
    const first = viewFirstRecord(v, b);
    const n = Math.min(viewRecordsEnd(v, b) - first, hw - base);
    for (let i = 0; i < n; i++) {
      const id = viewRecord(v, first + i);
      const off = base + i;
      if (copies[id]++ > 0) {
        const list = c.extraOffsets.get(id) ?? [firstOffset[id]];
        list.push(off);
        c.extraOffsets.set(id, list);
        continue;
      }
      firstOffset[id] = off;
      const key = keys[id];
      if (key < 0) continue;
      // Within one producer, ids grow in send order; a smaller id after a larger one of the same key is out of order.
      const k = keyBase[producers[id]] + key;
      const max = maxSeen[k];
      if (id < max) {
        reordered[id] = 1;
        c.overtaker.set(id, { message: max, offset: firstOffset[max] });
      } else maxSeen[k] = id;
    }
  }
}

/** The records of a log at or above its high watermark (its last few batches): written, not committed. */
function markAboveHw(chunks: Int32Array[], length: number, v: TableView, hw: number, inSomeLog: Uint8Array): void {
  for (let bi = length - 1; bi >= 0; bi--) {
    const b = chunkedIdAt(chunks, bi);
    const base = viewBaseOffset(v, b);
    const first = viewFirstRecord(v, b);
    const end = viewRecordsEnd(v, b);
    if (base + end - first <= hw) break;
    for (let k = first + Math.max(0, hw - base); k < end; k++) inSomeLog[viewRecord(v, k)] = 1;
  }
}

/**
 * Each message's fate from what its application was told and the committed
 * logs; counts into `s`, anomalies as (kind, message) pairs into `hits` while
 * the limits allow (`counts`: per kind, those kept).
 */
function fatesOf(m: MessageTable, c: Committed, s: Summary, fates: FateKind[] | null, max: number, maxPerKind: number, counts: Float64Array, hits: number[]): void {
  const { copies, reordered, inSomeLog } = c;
  const note = (kind: number, id: MessageId) => {
    if (hits.length >= 2 * max || counts[kind] >= maxPerKind) return;
    counts[kind]++;
    hits.push(kind, id);
  };
  for (let id = 0; id < m.size; id++) {
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
        note(DUPLICATE, id);
      }
      if (reordered[id]) {
        s.reordered++;
        note(NONMONOTONIC, id);
      }
    } else if (acked) {
      if (inSomeLog[id]) {
        fate = 'unseen';
        s.unseen++;
        note(UNSEEN, id);
      } else {
        fate = 'lost-acked';
        s.lostAcked++;
        note(LOST_WRITE, id);
      }
    } else if (st === SendStatus.Pending) {
      fate = 'pending';
      s.pending++;
    } else {
      fate = 'lost-unacked';
      s.lostUnacked++;
      if (st === SendStatus.Failed) s.lostUnackedKnown++;
      else s.lostUnackedUnknown++;
      note(LOST_UNACKED, id);
    }
    if (fates) fates[id] = fate;
  }
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
