/**
 * The consumer side of the incremental observer: per group and partition, what
 * the application did with each committed record (consumerChecker.ts's
 * verdicts), read once a record is settled and re-read only while it may move.
 * A record is settled below the group's committed offset (KIP-320 adjusted)
 * and below every record a live member still holds: members resume from the
 * committed offset, so nothing under it is processed again, and a later
 * first processing above it comes later in order, so it cannot put a settled
 * record out of order. Above that, each look re-reads up to the high
 * watermark (the lag and the records in hand). A cut-back log, or a new
 * auto.offset.reset skip, or a committed offset moved back, re-reads the
 * partition from its start.
 */
import type { SimContext } from '../engine/context.ts';
import type { ConsumerWorld } from '../engine/consumerWorld.ts';
import type { Group } from '../engine/consumerModel.ts';
import type { GroupSummary } from '../engine/consumerChecker.ts';
import { outOfOrder, resumeOffset } from '../engine/consumerChecker.ts';
import { groupLag } from '../engine/consumerLag.ts';
import type { AnomalySnap } from '../engine/snapshot.ts';
import type { ConsumerAnomalyKind } from '../engine/consumerStory.ts';
import { LogCursor } from './logCursor.ts';
import { Ids } from './ids.ts';

type Counts = { consumable: number; lostAfterBroker: number; processedTwice: number; processedOutOfOrder: number; skippedByReset: number; unconsumed: number };
const zero = (): Counts => ({ consumable: 0, lostAfterBroker: 0, processedTwice: 0, processedOutOfOrder: 0, skippedByReset: 0, unconsumed: 0 });
const FIELD: Record<ConsumerAnomalyKind, keyof Counts> = { 'lost-after-broker': 'lostAfterBroker', 'processed-twice': 'processedTwice', 'processed-out-of-order': 'processedOutOfOrder', 'skipped-by-reset': 'skippedByReset' };

interface PartState {
  cur: LogCursor;
  settled: Counts;
  /** Ids settled (seen), for a re-read to unmark. */
  ids: Ids;
  resets: number;
  /** Settled anomalies (the first few of each kind). */
  found: AnomalySnap[];
}

interface GroupState {
  g: Group;
  seen: Uint8Array;
  parts: Map<number, PartState>;
  live: Counts;
  liveFound: AnomalySnap[];
}

export class ConsumerObserver {
  private readonly w: ConsumerWorld;
  private gs: GroupState[];

  constructor(private readonly ctx: SimContext) {
    this.w = ctx.consumers as ConsumerWorld;
    this.gs = this.w.groups.map((g) => ({ g, seen: new Uint8Array(1024), parts: new Map(g.partitions.map((p) => [p, this.part(p)])), live: zero(), liveFound: [] }));
  }

  private part(p: number): PartState {
    const cur = new LogCursor(p);
    cur.reset(this.ctx);
    return { cur, settled: zero(), ids: new Ids(), resets: 0, found: [] };
  }

  observe(): void {
    for (const s of this.gs) this.observeGroup(s);
  }

  private observeGroup(s: GroupState): void {
    const ctx = this.ctx;
    const m = ctx.msgs;
    const L = s.g.ledger;
    if (s.seen.length < m.size) {
      const b = new Uint8Array(Math.max(m.size, s.seen.length * 2));
      b.set(s.seen);
      s.seen = b;
    }
    // Records still held by a live member's threads are in progress, not lost.
    const inHand = new Set<number>();
    const lowestInHand = new Map<number, number>();
    for (const mem of this.w.members) {
      if (mem.group !== s.g.index || (mem.status !== 'running' && mem.status !== 'closing')) continue;
      for (const l of mem.lanes) for (let i = l.head; i < l.items.length; i++) {
        const it = l.items[i];
        for (let o = it.from + it.done; o < it.to; o++) inHand.add(it.batch.pb.msgs[o - it.batch.baseOffset]);
        if (it.from + it.done < it.to) lowestInHand.set(it.partition, Math.min(lowestInHand.get(it.partition) ?? Infinity, it.from + it.done));
      }
    }
    s.live = zero();
    s.liveFound = [];
    const temp = new Set<number>();
    for (const p of s.g.partitions) {
      const ps = s.parts.get(p)!;
      const resets = L.resets.filter((x) => x.partition === p);
      const r0 = ps.cur.rep;
      const committed0 = r0 ? resumeOffset(r0, s.g.committed.get(p)) : -1;
      if (!ps.cur.valid(ctx) || resets.length !== ps.resets || committed0 < ps.cur.offset) {
        for (let i = 0; i < ps.ids.length; i++) s.seen[ps.ids.a[i]] = 0;
        Object.assign(ps, this.part(p), { resets: resets.length });
      }
      const r = ps.cur.rep;
      if (!r) continue;
      const committed = resumeOffset(r, s.g.committed.get(p));
      const settleTo = Math.max(ps.cur.offset, Math.min(r.hw, committed, lowestInHand.get(p) ?? Infinity));
      // [settled end, high watermark): the part read now, its first part settling for good.
      const recs: number[] = [];
      const take = (id: number, off: number) => recs.push(id, off);
      const start = ps.cur.offset;
      ps.cur.readCommitted(take, settleTo);
      const nSettling = recs.length;
      ps.cur.readTail(take, r.hw);
      const keyed = new Int32Array(recs.length);
      let nKeyed = 0;
      const flags = new Map<number, ConsumerAnomalyKind>();
      for (let i = 0; i < recs.length; i += 2) {
        const id = recs[i];
        const off = recs[i + 1];
        if (s.seen[id] || temp.has(id)) continue;
        const settling = i < nSettling;
        if (settling) {
          s.seen[id] = 1;
          ps.ids.push(id);
        } else temp.add(id);
        const c = settling ? ps.settled : s.live;
        c.consumable++;
        const n = id < L.processed.length ? L.processed[id] : 0;
        if (n === 0) {
          if (resets.some((x) => off >= x.from && off < x.to)) flags.set(off, 'skipped-by-reset');
          else if (off < committed && !inHand.has(id)) flags.set(off, 'lost-after-broker');
          else c.unconsumed++;
          continue;
        }
        if (n > 1) flags.set(off, 'processed-twice');
        if (m.key[id] >= 0) {
          keyed[nKeyed++] = off;
          keyed[nKeyed++] = id;
        }
      }
      const found = (kind: ConsumerAnomalyKind, id: number, off: number) => {
        const settling = off < settleTo;
        (settling ? ps.settled : s.live)[FIELD[kind]]++;
        const list = settling ? ps.found : s.liveFound;
        if (list.filter((a) => a.kind === kind).length < 12) list.push({ kind, message: id, key: m.key[id] >= 0 ? `k${m.key[id]}` : null, partition: ctx.partitions[p].name, offsets: [off], group: s.g.id });
      };
      for (const [off, kind] of flags) found(kind, recsId(recs, off, start), off);
      for (const [id, off] of outOfOrder(L.firstSeq, m.key, keyed, nKeyed)) found('processed-out-of-order', id, off);
    }
  }

  groups(): GroupSummary[] {
    return this.gs.map((s) => {
      const c = { ...s.live };
      for (const ps of s.parts.values()) for (const k of Object.keys(c) as (keyof Counts)[]) c[k] += ps.settled[k];
      let commitsFailed = 0;
      for (const mem of this.w.members) if (mem.group === s.g.index) commitsFailed += mem.commitsFailed;
      const g = s.g;
      return { group: g.id, topic: g.topic, state: g.state, generation: g.generation, coordinator: this.w.offsetsLeader.get(g.index) ?? -1, ...c, processed: g.ledger.processedCount, deduplicated: g.ledger.deduplicated, commitsFailed, rebalances: g.rebalances.length, lag: groupLag(this.ctx, this.w, g).lag, lagOverTime: [] };
    });
  }

  anomalies(perKind: number): AnomalySnap[] {
    const out: AnomalySnap[] = [];
    const taken = new Map<string, number>();
    for (const s of this.gs) for (const a of [...[...s.parts.values()].flatMap((p) => p.found), ...s.liveFound]) {
      const n = taken.get(a.kind) ?? 0;
      if (n < perKind) out.push(a);
      taken.set(a.kind, n + 1);
    }
    return out;
  }
}

/** The id read at `off` (recs holds id, offset pairs from offset `start` on, in order). */
function recsId(recs: number[], off: number, start: number): number {
  const i = 2 * (off - start);
  if (recs[i + 1] === off) return recs[i];
  for (let k = 1; k < recs.length; k += 2) if (recs[k] === off) return recs[k - 1];
  return -1;
}
