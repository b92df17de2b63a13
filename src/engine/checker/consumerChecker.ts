/**
 * The checker, after the broker: what each consumer group's application did
 * with every committed record. Processed once; never, although the group's
 * committed offset has passed it (lost after the broker: auto-commit plus an
 * in-memory queue, commit before processing and a crash); skipped by
 * auto.offset.reset; more than once (which member, after which rebalance or
 * restart); or out of order within its key. Not yet reached is lag, not loss.
 */
import type { SimContext } from '../core/context.ts';
import type { CommittedOffset, ConsumerWorld, Group } from '../core/consumerModel.ts';
import type { Replica } from '../core/model.ts';
import { endOffsetForEpoch } from '../broker/log.ts';
import { committedReplica } from '../broker/committedLog.ts';
import { groupLag } from '../consumer/consumerLag.ts';
import { consumerStory, type ConsumerAnomalyKind } from './consumerStory.ts';
import type { StoryStep } from './story.ts';

export interface GroupSummary {
  group: string;
  topic: string;
  state: string;
  generation: number;
  coordinator: number;
  /** Distinct committed records of the topic. */
  consumable: number;
  processed: number;
  lostAfterBroker: number;
  processedTwice: number;
  processedOutOfOrder: number;
  skippedByReset: number;
  /** Committed, not yet processed, not yet passed by the group's committed offset (lag). */
  unconsumed: number;
  /** Repeats the idempotent sink recognised and dropped. */
  deduplicated: number;
  commitsFailed: number;
  rebalances: number;
  lag: number;
  lagOverTime: { t: number; lag: number; processed: number }[];
}

export interface ConsumerAnomaly {
  kind: ConsumerAnomalyKind;
  group: string;
  message: number;
  producer: string;
  key: string | null;
  partition: string;
  offsets: number[];
  story: StoryStep[];
}

export interface ConsumerCheck {
  groups: GroupSummary[];
  anomalies: ConsumerAnomaly[];
}

export function checkConsumers(ctx: SimContext, opts: { stories: boolean; maxAnomalies: number }): ConsumerCheck | null {
  const w = ctx.consumers as ConsumerWorld | null;
  if (!w) return null;
  const groups: GroupSummary[] = [];
  const anomalies: ConsumerAnomaly[] = [];
  for (const g of w.groups) groups.push(checkGroup(ctx, w, g, anomalies, opts));
  return { groups, anomalies };
}

function checkGroup(ctx: SimContext, w: ConsumerWorld, g: Group, anomalies: ConsumerAnomaly[], opts: { stories: boolean; maxAnomalies: number }): GroupSummary {
  const L = g.ledger;
  const m = ctx.msgs;
  const seen = new Uint8Array(m.size);
  // Records still held by a live member's threads are in progress, not lost.
  const inHand = new Set<number>();
  for (const mem of w.members) {
    if (mem.group !== g.index || (mem.status !== 'running' && mem.status !== 'closing')) continue;
    for (const l of mem.lanes) for (let i = l.head; i < l.items.length; i++) {
      const it = l.items[i];
      for (let o = it.from + it.done; o < it.to; o++) inHand.add(it.batch.pb.msgs[o - it.batch.baseOffset]);
    }
  }
  const s = { consumable: 0, lostAfterBroker: 0, processedTwice: 0, processedOutOfOrder: 0, skippedByReset: 0, unconsumed: 0 };
  const note = (kind: ConsumerAnomalyKind, id: number, partition: number, offset: number, other = -1) => {
    if (anomalies.length >= opts.maxAnomalies) return;
    anomalies.push({ kind, group: g.id, message: id, producer: ctx.producers[m.producer[id]].name, key: m.key[id] >= 0 ? `k${m.key[id]}` : null, partition: ctx.partitions[partition].name, offsets: [offset], story: opts.stories ? consumerStory(ctx, w, g, id, partition, offset, kind, other) : [] });
  };
  for (const p of g.partitions) {
    const r = committedReplica(ctx, p);
    if (!r) continue;
    const committed = resumeOffset(r, g.committed.get(p));
    /** Processed keyed records of this log, as (offset, message id) pairs in offset order. */
    const keyed = new Int32Array(2 * r.hw);
    let nKeyed = 0;
    const resets = L.resets.filter((x) => x.partition === p);
    for (const b of r.log) {
      if (b.baseOffset >= r.hw) break;
      const ids = b.pb.msgs;
      for (let i = 0; i < ids.length; i++) {
        const off = b.baseOffset + i;
        if (off >= r.hw) break;
        const id = ids[i];
        if (seen[id]) continue;
        seen[id] = 1;
        s.consumable++;
        const c = id < L.processed.length ? L.processed[id] : 0;
        if (c === 0) {
          if (resets.some((x) => off >= x.from && off < x.to)) {
            s.skippedByReset++;
            note('skipped-by-reset', id, p, off);
          } else if (off < committed && !inHand.has(id)) {
            s.lostAfterBroker++;
            note('lost-after-broker', id, p, off);
          } else s.unconsumed++;
          continue;
        }
        if (c > 1) {
          s.processedTwice++;
          note('processed-twice', id, p, off);
        }
        if (m.key[id] >= 0) {
          keyed[nKeyed++] = off;
          keyed[nKeyed++] = id;
        }
      }
    }
    for (const [id, off, other] of outOfOrder(L.firstSeq, m.key, keyed, nKeyed)) {
      s.processedOutOfOrder++;
      note('processed-out-of-order', id, p, off, other);
    }
  }
  const coordinator = w.offsetsLeader.get(g.index) ?? -1;
  let commitsFailed = 0;
  for (const mem of w.members) if (mem.group === g.index) commitsFailed += mem.commitsFailed;
  return {
    group: g.id,
    topic: g.topic,
    state: g.state,
    generation: g.generation,
    coordinator,
    consumable: s.consumable,
    processed: L.processedCount,
    lostAfterBroker: s.lostAfterBroker,
    processedTwice: s.processedTwice,
    processedOutOfOrder: s.processedOutOfOrder,
    skippedByReset: s.skippedByReset,
    unconsumed: s.unconsumed,
    deduplicated: L.deduplicated,
    commitsFailed,
    rebalances: g.rebalances.length,
    lag: groupLag(ctx, w, g).lag,
    lagOverTime: L.lag.map((x) => ({ ...x })),
  };
}

/**
 * Records of the committed log first processed after a record of the same key
 * at a higher offset of that log: [message, offset, the higher offset]. Records
 * processed from a log that was later truncated are not in it, so they overtake
 * nothing (the consumer read what the leader then held; losing them is the broker's doing).
 */
export function outOfOrder(firstSeq: Int32Array, keys: ArrayLike<number>, keyed: Int32Array, n: number): [number, number, number][] {
  const out: [number, number, number][] = [];
  // Walking down from the highest offset: per key, the earliest first processing seen so far (0: none) and its offset.
  let seqOf = new Int32Array(64);
  let offOf = new Int32Array(64);
  for (let i = n - 2; i >= 0; i -= 2) {
    const off = keyed[i];
    const id = keyed[i + 1];
    const seq = firstSeq[id];
    const k = keys[id];
    if (k >= seqOf.length) {
      const len = Math.max(k + 1, seqOf.length * 2);
      const s2 = new Int32Array(len);
      const o2 = new Int32Array(len);
      s2.set(seqOf);
      o2.set(offOf);
      seqOf = s2;
      offOf = o2;
    }
    if (seqOf[k] !== 0 && seqOf[k] < seq) out.push([id, off, offOf[k]]);
    else {
      seqOf[k] = seq;
      offOf[k] = off;
    }
  }
  return out.reverse();
}

/**
 * Where a member resuming from the committed offset would start: KIP-320
 * validation moves an offset past the end of its leader epoch in this log back
 * to that end (the first diverging offset).
 */
export function resumeOffset(r: Replica, c: CommittedOffset | undefined): number {
  if (!c) return -1;
  if (c.leaderEpoch < 0) return c.offset;
  const end = endOffsetForEpoch(r, c.leaderEpoch);
  return end.endOffset >= 0 && end.endOffset < c.offset ? end.endOffset : c.offset;
}
