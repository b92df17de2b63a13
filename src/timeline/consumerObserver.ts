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
import type { SimContext } from '../engine/core/context.ts';
import type { GroupSummary } from '../engine/checker/consumerChecker.ts';
import { outOfOrder, resumeOffset } from '../engine/checker/consumerChecker.ts';
import type { AnomalySnap } from '../engine/checker/snapshot.ts';
import type { ConsumerAnomalyKind } from '../engine/checker/consumerStory.ts';
import { cursorReplica, cursorValid, readCommitted, readTail } from './logCursor.ts';
import { overtaken } from './overtaken.ts';
import { markRewinds } from './pollRanges.ts';
import { consumerAnomalies, groupSummaries } from './consumerCounts.ts';
import { markRow } from '../engine/core/changedRows.ts';
import type { ConsumerWorld, Group } from '../engine/core/consumerModel.ts';
import { SETTLED, BIT, KIND_OF_BIT, zero, FIELD, newPart, type ConsumerState, type Watched, type PartState, type GroupState } from './consumerObserverState.ts';

const NO_RESETS: readonly never[] = [];
/** A watched record's kinds while it has none (shared: frozen, as every settled one's are). */
const NO_KINDS = Object.freeze([]) as unknown as ConsumerAnomalyKind[];

export class ConsumerObserver {
  constructor(
    private readonly ctx: SimContext,
    private readonly st: ConsumerState,
  ) {}

  private byName: Map<string, number> | null = null;
  /** Scratch of one look, reused (not state: a look starts them empty). */
  private readonly inHand = new Set<number>();
  private readonly repeated = new Set<number>();
  /** Per message, 1 while it is counted live in this look (a record's other copy in the same tail counts once). */
  private liveMark = new Uint8Array(1024);
  private readonly recs: number[] = [];
  private keyed = new Int32Array(256);

  /** A partition's id by its name (-1: none). */
  private partitionNamed(name: string): number {
    this.byName ??= new Map(this.ctx.partitions.map((p) => [p.name, p.id]));
    return this.byName.get(name) ?? -1;
  }

  /** The consumer world as the engine holds it now (a checkpoint restore puts a copy in place). */
  private get w(): ConsumerWorld {
    return this.ctx.consumers as ConsumerWorld;
  }

  private get gs(): GroupState[] {
    return this.st.gs;
  }

  /** The group of `s` as the engine holds it now. */
  private g(s: GroupState): Group {
    return this.w.groups[s.gi];
  }

  observe(): void {
    markRewinds(this.ctx, this.st, (name) => this.partitionNamed(name));
    for (const s of this.gs) this.observeGroup(s);
  }

  private observeGroup(s: GroupState): void {
    const ctx = this.ctx;
    const g = this.g(s);
    const L = g.ledger;
    if (s.seen.length < ctx.msgs.size) {
      // As long as the message table's columns (sized for the whole run up front, messages.ts): no doubling past them.
      const n = Math.max(ctx.msgs.size, Math.min(s.seen.length * 2, ctx.msgs.producer.length));
      const b = new Uint8Array(n);
      b.set(s.seen);
      s.seen = b;
      const a = new Int32Array(n);
      a.set(s.at);
      s.at = a;
    }
    // Records still held by a live member's threads are in progress, not lost.
    const inHand = this.inHand;
    inHand.clear();
    for (const mem of this.w.members) {
      if (mem.group !== g.index || (mem.status !== 'running' && mem.status !== 'closing')) continue;
      for (const l of mem.lanes) for (let i = l.head; i < l.items.length; i++) {
        const it = l.items[i];
        for (let o = it.from + it.done; o < it.to; o++) inHand.add(it.batch.pb.msgs[o - it.batch.baseOffset]);
      }
    }
    s.live = zero();
    s.liveFound = [];
    // Records processed again since the last look (the ledger's repeats are append-only; the first repeat of each is always kept).
    const repeated = this.repeated;
    repeated.clear();
    for (let i = s.repeatsSeen; i < L.repeats.n; i++) repeated.add(L.repeats.id[i]);
    s.repeatsSeen = L.repeats.n;
    for (const p of g.partitions) {
      const ps = s.parts.get(p)!;
      const resets = L.resets.length === 0 ? NO_RESETS : L.resets.filter((x) => x.partition === p);
      const r0 = cursorReplica(ps.cur, ctx);
      const committed0 = r0 ? resumeOffset(r0, g.committed.get(p)) : -1;
      // A committed offset moved back (an older commit won, a reset): members resume lower, so settled records may move.
      if (!cursorValid(ps.cur, ctx) || resets.length !== ps.resets || committed0 < ps.committed || ps.rewound) {
        // Its settled records unmarked (a pass over the message column: rare, and no list of them kept in every checkpoint).
        const partition = ctx.msgs.partition;
        for (let id = 0; id < ctx.msgs.size; id++) {
          if (s.seen[id] === 0 || partition[id] !== p) continue;
          s.seen[id] = 0;
          markRow(s, id);
        }
        Object.assign(ps, newPart(ctx, p), { resets: resets.length });
      }
      const r = cursorReplica(ps.cur, ctx);
      if (!r) continue;
      const committed = resumeOffset(r, g.committed.get(p));
      ps.committed = committed;
      // Only a watched record not processed yet (a first processing, a member holding it) or processed
      // again since the last look (a repeat in the ledger) can have moved: the others are not looked at.
      let twice = false;
      let waiting = ps.waiting;
      if (waiting > 0 || repeated.size > 0) {
        waiting = 0;
        for (let i = 0; i < ps.watched.length; i++) {
          const w = ps.watched[i];
          if (w.processed !== 0 && !repeated.has(w.id)) continue;
          const now = this.rewatch(s, ps, w, inHand);
          ps.watched[i] = now;
          if (now.processed > 1) twice = true;
          else if (now.processed === 0) waiting++;
        }
      }
      // Processed once and below both the committed offset (where members resume) and every member's own fetch
      // position (a member cut off from the coordinator goes on from where it was): nothing will process it again.
      let reread = committed;
      for (const mem of this.w.members) if (mem.group === g.index && mem.position.has(p)) reread = Math.min(reread, mem.position.get(p)!);
      // (A record a member still holds will be processed again, whatever the offsets say.)
      // Dropped when it can no longer move (processed twice; or once, below where members resume and not held):
      // looked for when that bound moves, or a record was processed twice. One that stays a little longer is
      // harmless: nothing below the bound is processed again without a poll below it (rewinds: a re-read).
      if (twice || reread !== ps.reread) {
        // In place (the list is the live state's own; a checkpoint keeps a copy).
        const list = ps.watched;
        let kept = 0;
        for (let i = 0; i < list.length; i++) {
          const w = list[i];
          if (w.processed === 0 || (w.processed === 1 && (w.last >= reread || inHand.has(w.id)))) list[kept++] = w;
        }
        list.length = kept;
        ps.reread = reread;
      }
      ps.dropBound = Math.max(ps.dropBound, reread);
      const n0 = (id: number) => (id < L.processed.length ? L.processed[id] : 0);
      const skipped = (off: number) => resets.length > 0 && resets.some((x) => off >= x.from && off < x.to);
      // A record settles once its verdict can only move in ways the watch list follows: processed and not in
      // hand (a second processing is watched while above the committed offset), lost, or skipped by a reset.
      const settles = (id: number, off: number) => !inHand.has(id) && (n0(id) > 0 || skipped(off) || off < committed);
      const recs = this.recs;
      recs.length = 0;
      readCommitted(ps.cur, ctx, (id, off) => (settles(id, off) ? void recs.push(id, off) : false));
      const nSettling = recs.length;
      const settleTo = ps.cur.offset;
      readTail(ps.cur, ctx, (id, off) => void recs.push(id, off), r.hw);
      if (recs.length === 0) {
        ps.waiting = waiting;
        continue;
      }
      if (this.keyed.length < recs.length) this.keyed = new Int32Array(Math.max(recs.length, this.keyed.length * 2));
      const keyed = this.keyed;
      let nKeyed = 0;
      const verdicts: [ConsumerAnomalyKind, number, number][] = [];
      // The records watched from this look on are at the end of the list, from here.
      const firstNew = ps.watched.length;
      if (this.liveMark.length < ctx.msgs.size) this.liveMark = new Uint8Array(Math.max(ctx.msgs.size, this.liveMark.length * 2));
      const liveMark = this.liveMark;
      let again: [number, number][] | null = null;
      for (let i = 0; i < recs.length; i += 2) {
        const id = recs[i];
        const off = recs[i + 1];
        if (s.seen[id]) {
          // Another copy of a settled record (a duplicate write): processing it counts for the settled one, so watch that again.
          (again ??= []).push([id, off]);
          continue;
        }
        if (liveMark[id]) continue;
        const settling = i < nSettling;
        if (settling) {
          s.seen[id] = SETTLED;
          s.at[id] = off;
          markRow(s, id);
        } else liveMark[id] = 1;
        const c = settling ? ps.settled : s.live;
        c.consumable++;
        const n = n0(id);
        if (n === 0) {
          if (skipped(off)) verdicts.push(['skipped-by-reset', id, off]);
          else if (off < committed && !inHand.has(id)) verdicts.push(['lost-after-broker', id, off]);
          else c.unconsumed++;
        } else if (n > 1) verdicts.push(['processed-twice', id, off]);
        if (settling && n < 2 && !skipped(off)) {
          ps.watched.push({ id, off, kinds: NO_KINDS, processed: n, inHand: false, last: off });
          if (n === 0) waiting++;
        }
        if (n > 0 && ctx.msgs.key[id] >= 0) {
          keyed[nKeyed++] = off;
          keyed[nKeyed++] = id;
        }
      }
      if (nKeyed > 0) for (const [id, off] of outOfOrder(L.firstSeq, ctx.msgs.key, keyed, nKeyed)) verdicts.push(['processed-out-of-order', id, off]);
      for (const [kind, id, off] of verdicts) {
        const settling = off < settleTo;
        (settling ? ps.settled : s.live)[FIELD[kind]]++;
        if (settling) {
          for (let i = firstNew; i < ps.watched.length; i++) {
            const w = ps.watched[i] as Watched;
            if (w.off === off) w.kinds = [...w.kinds, kind];
          }
          s.seen[id] |= BIT[kind];
        }
        const list = settling ? ps.found : s.liveFound;
        if (list.filter((a) => a.kind === kind).length < 12) list.push(this.anomaly(kind, id, p, off, g.id));
      }
      // Settled from here on: a watched record is replaced, not changed, so checkpoints share it (rewatch).
      for (let i = firstNew; i < ps.watched.length; i++) {
        const w = Object.freeze(ps.watched[i]);
        if (w.kinds !== NO_KINDS) Object.freeze(w.kinds);
      }
      for (let i = nSettling; i < recs.length; i += 2) liveMark[recs[i]] = 0;
      ps.waiting = waiting;
      if (again) for (const [id, off] of again) this.watchAgain(s, id, off, inHand);
    }
  }

  private anomaly(kind: ConsumerAnomalyKind, id: number, p: number, off: number, group: string): AnomalySnap {
    const k = this.ctx.msgs.key[id];
    return { kind, message: id, key: k >= 0 ? `k${k}` : null, partition: this.ctx.partitions[p].name, offsets: [off], group };
  }

  /**
   * A settled record counted lost (committed past, never processed) can still
   * move: a member may hold it or process it yet (a commit made before
   * processing). Its verdicts are taken again when that changed.
   */
  private rewatch(s: GroupState, ps: PartState, w: Readonly<Watched>, inHand: Set<number>): Readonly<Watched> {
    const L = this.g(s).ledger;
    const n = w.id < L.processed.length ? L.processed[w.id] : 0;
    const held = n === 0 && inHand.has(w.id);
    if (n === w.processed && held === w.inHand) return w;
    for (const k of w.kinds) ps.settled[FIELD[k]]--;
    if (w.processed === 0 && w.inHand) ps.settled.unconsumed--;
    ps.found = ps.found.filter((a) => a.message !== w.id);
    const kinds: ConsumerAnomalyKind[] = [];
    if (n === 0) {
      if (held) ps.settled.unconsumed++;
      else kinds.push('lost-after-broker');
    } else {
      if (n > 1) kinds.push('processed-twice');
      if (w.kinds.includes('processed-out-of-order') || (w.processed === 0 && cursorReplica(ps.cur, this.ctx) !== undefined && overtaken(this.ctx.msgs.key, this.ctx.batches, cursorReplica(ps.cur, this.ctx)!, w.id, w.off, L))) kinds.push('processed-out-of-order');
    }
    for (const k of kinds) {
      ps.settled[FIELD[k]]++;
      if (ps.found.filter((a) => a.kind === k).length < 12) ps.found.push(this.anomaly(k, w.id, ps.cur.partition, w.off, this.g(s).id));
    }
    s.seen[w.id] = kinds.reduce((b, k) => b | BIT[k], SETTLED);
    markRow(s, w.id);
    return Object.freeze({ ...w, kinds: Object.freeze(kinds) as ConsumerAnomalyKind[], processed: n, inHand: held });
  }

  /** Another copy of a settled record (a retried write) was read: the record is watched until that copy too is below where members resume. */
  private watchAgain(s: GroupState, id: number, copyAt: number, inHand: Set<number>): void {
    const bits = s.seen[id];
    if (bits & BIT['processed-twice']) return;
    const ps = s.parts.get(this.ctx.msgs.partition[id]);
    if (!ps) return;
    const i = ps.watched.findIndex((w) => w.id === id);
    if (i >= 0) {
      const watched = ps.watched[i];
      ps.watched[i] = Object.freeze({ ...watched, last: Math.max(watched.last, copyAt) });
      return;
    }
    const kinds = Object.freeze(KIND_OF_BIT.filter(([, b]) => bits & b).map(([k]) => k));
    const w: Readonly<Watched> = Object.freeze({ id, off: s.at[id], kinds: kinds as ConsumerAnomalyKind[], processed: 1, inHand: false, last: Math.max(s.at[id], copyAt) });
    const now = this.rewatch(s, ps, w, inHand);
    ps.watched.push(now);
    if (now.processed === 0) ps.waiting++;
  }

  groups(): GroupSummary[] {
    return groupSummaries(this.ctx, this.st);
  }

  anomalies(perKind: number): AnomalySnap[] {
    return consumerAnomalies(this.st, perKind);
  }
}
