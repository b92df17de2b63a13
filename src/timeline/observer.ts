/**
 * The incremental observer: the checker's counts and fates, kept up to date
 * as the run goes instead of recomputed from every message. Each look reads
 * only what changed: records that crossed a partition's high watermark
 * (LogCursor), the uncommitted tail, sends whose callback status moved
 * (pending or failed ones: the rest are final), and new messages. A message
 * whose inputs changed gets its fate again, and the counts move by the
 * difference. A partition whose committed log was cut back (new leader,
 * truncation, power loss) is read again from its start. The consumer side is
 * ConsumerObserver. The full checker (checker.ts) stays the oracle:
 * test/timeline/observer.test.ts holds the two equal at random points.
 */
import type { SimContext } from '../engine/core/context.ts';
import { SendStatus } from '../engine/core/messages.ts';
import { addGroupTotals, type AnomalyKind, type FateKind, type Summary } from '../engine/checker/checker.ts';
import type { AnomalySnap } from '../engine/checker/snapshot.ts';
import { cursorValid, readCommitted, readTail, resetCursor } from './logCursor.ts';
import { ConsumerObserver } from './consumerObserver.ts';
import { pushId, type Ids } from './ids.ts';
import { markRow } from '../engine/core/changedRows.ts';
import { NONE, newObserverState, type ObserverState, type PartState } from './observerState.ts';

const FATES: FateKind[] = ['ok', 'lost-acked', 'lost-unacked', 'unseen', 'recovered', 'pending', 'committed-untold'];
/** Bits of a message's class besides its fate (bits 0-2). */
const ACKED = 8, DUP = 16, REORD = 32, KNOWN = 64, COMMITTED = 128;
/** A class that puts the message in the anomaly list (duplicate, reordered, unseen, lost). */
const isAnomaly = (c: number): boolean => (c & (DUP | REORD)) !== 0 || (c & 7) === 1 || (c & 7) === 2 || (c & 7) === 3;
/** The producer-side anomaly kinds in the checker's order for one message: duplicate, reordered, then its fate's. */
const ANOMALY_KINDS: [(c: number) => boolean, AnomalyKind][] = [
  [(c) => (c & DUP) !== 0, 'duplicate'],
  [(c) => (c & REORD) !== 0, 'nonmonotonic-send'],
  [(c) => (c & 7) === 3, 'unseen'],
  [(c) => (c & 7) === 1, 'lost-write'],
  [(c) => (c & 7) === 2, 'lost-unacked'],
];


/** The observer: its state is plain data (observerState.ts); the context is the engine's, as it is now. */
export class Observer {
  readonly consumers: ConsumerObserver | null;
  private listed: { version: number; perKind: number; list: AnomalySnap[] } | null = null;
  /** Scratch for reading a partition's tail (not state). */
  private readonly spare: Ids = { a: new Int32Array(64), length: 0 };
  /** Messages whose class may have moved in this look (scratch, empty between looks: not state, so no checkpoint copies it). */
  private readonly dirty: Ids = { a: new Int32Array(64), length: 0 };

  constructor(
    private readonly ctx: SimContext,
    /** What a checkpoint keeps (a copy of it), to make an observer again after a restore. */
    readonly s: ObserverState = newObserverState(ctx),
  ) {
    this.consumers = s.consumer ? new ConsumerObserver(ctx, s.consumer) : null;
  }

  /** Per producer, acknowledged and failed sends (the Producers panel). */
  get producers(): { acked: number; failed: number }[] {
    return this.s.producers;
  }

  /** Catches up with the run as it is now. */
  observe(): void {
    const ctx = this.ctx;
    const m = ctx.msgs;
    this.grow(m.size);
    if (m.size > this.s.n) {
      markRow(this.s, this.s.n);
      markRow(this.s, m.size - 1);
    }
    for (let id = this.s.n; id < m.size; id++) {
      pushId(this.s.live, id);
      this.s.lastStatus[id] = m.status[id];
      pushId(this.dirty, id);
    }
    this.s.n = m.size;
    for (const ps of this.s.parts) this.readPartition(ps);
    const live = this.s.live;
    let keep = 0;
    for (let i = 0; i < live.length; i++) {
      const id = live.a[i];
      const st = m.status[id];
      if (st !== this.s.lastStatus[id]) {
        this.s.lastStatus[id] = st;
        markRow(this.s, id);
        pushId(this.dirty, id);
      }
      if (st === SendStatus.Pending || st === SendStatus.Failed) {
        if (keep < i) markRow(live, keep);
        live.a[keep++] = id;
      }
    }
    live.length = keep;
    for (let i = 0; i < this.dirty.length; i++) this.classify(this.dirty.a[i]);
    this.dirty.length = 0;
    this.consumers?.observe();
  }

  private readPartition(ps: PartState): void {
    const ctx = this.ctx;
    if (!cursorValid(ps.cur, ctx)) {
      // Undo what was counted from this partition's committed log: its messages with a committed copy (rare: a new
      // leader, a truncation, power loss; a pass over the message column instead of a list of ids kept for it in every checkpoint).
      const partition = ctx.msgs.partition;
      const copies = this.s.copies;
      for (let id = 0; id < this.s.n; id++) {
        if (copies[id] === 0 || partition[id] !== ps.cur.partition) continue;
        this.s.copies[id] = 0;
        this.s.reordered[id] = 0;
        markRow(this.s, id);
        this.s.firstOffset[id] = -1;
        this.s.extra.delete(id);
        this.s.overtaker.delete(id);
        pushId(this.dirty, id);
      }
      ps.maxSeen.fill(-1);
      this.s.anomalyVersion++;
      resetCursor(ps.cur, ctx);
    }
    const m = ctx.msgs;
    readCommitted(ps.cur, ctx, (id, off) => {
      pushId(this.dirty, id);
      markRow(this.s, id);
      if (this.s.copies[id]++ > 0) {
        const list = this.s.extra.get(id) ?? [this.s.firstOffset[id]];
        list.push(off);
        this.s.extra.set(id, list);
        this.s.anomalyVersion++;
        return;
      }
      this.s.firstOffset[id] = off;
      const key = m.key[id];
      if (key < 0) return;
      // Within one producer, ids grow in send order; a smaller id after a larger one of the same key is out of order.
      const k = this.s.keyBase[m.producer[id]] + key;
      const max = ps.maxSeen[k];
      if (id < max) {
        this.s.reordered[id] = 1;
        // Frozen: never changed once set, so every checkpoint's copy of the map shares it.
        this.s.overtaker.set(id, Object.freeze({ message: max, offset: this.s.firstOffset[max] }));
      } else ps.maxSeen[k] = id;
    });
    // The uncommitted tail read again: only records that left it or joined it change (inLog 2 marks the old tail meanwhile; each keeps or gets back its value, so a record that stays is not marked).
    const inLog = this.s.inLog;
    const old = ps.tail;
    for (let i = 0; i < old.length; i++) inLog[old.a[i]] = 2;
    const tail = this.spare;
    tail.length = 0;
    readTail(ps.cur, ctx, (id) => {
      const was = inLog[id];
      inLog[id] = 1;
      if (was === 0) {
        markRow(this.s, id);
        pushId(this.dirty, id);
      }
      pushId(tail, id);
    });
    for (let i = 0; i < old.length; i++) {
      const id = old.a[i];
      if (inLog[id] !== 2) continue;
      inLog[id] = 0;
      markRow(this.s, id);
      pushId(this.dirty, id);
    }
    old.length = 0;
    for (let i = 0; i < tail.length; i++) pushId(old, tail.a[i]);
  }

  /** The message's class as the checker would give it now; the counts move by the difference. */
  private classify(id: number): void {
    markRow(this.s, id);
    const st = this.s.lastStatus[id];
    const acked = st === SendStatus.Acked;
    let c = acked ? ACKED : 0;
    if (this.s.copies[id] > 0) {
      c |= COMMITTED | (acked ? 0 : st === SendStatus.Pending ? 5 : st === SendStatus.Failed ? 4 : 6);
      if (this.s.copies[id] > 1) c |= DUP;
      if (this.s.reordered[id]) c |= REORD;
    } else if (acked) c |= this.s.inLog[id] ? 3 : 1;
    else if (st === SendStatus.Pending) c |= 5;
    else c |= 2 | (st === SendStatus.Failed ? KNOWN : 0);
    const sf = acked ? 1 : st === SendStatus.Failed || st === SendStatus.Dropped ? 2 : 0;
    if (sf !== this.s.sent[id]) {
      const p = this.s.producers[this.ctx.msgs.producer[id]];
      if (this.s.sent[id] === 1) p.acked--;
      else if (this.s.sent[id] === 2) p.failed--;
      if (sf === 1) p.acked++;
      else if (sf === 2) p.failed++;
      this.s.sent[id] = sf;
    }
    const old = this.s.cls[id];
    if (old === c) return;
    if ((old !== NONE && isAnomaly(old)) || isAnomaly(c)) {
      this.s.anomalyVersion++;
      for (let k = 0; k < ANOMALY_KINDS.length; k++) {
        const [test] = ANOMALY_KINDS[k];
        const was = old !== NONE && test(old);
        const is = test(c);
        if (was && !is) this.s.byKind[k].delete(id);
        else if (is && !was) this.s.byKind[k].add(id);
      }
    }
    if (old !== NONE) this.s.counts[old]--;
    this.s.counts[c]++;
    this.s.cls[id] = c;
  }

  fate(id: number): FateKind {
    return FATES[this.s.cls[id] & 7];
  }

  fates(): FateKind[] {
    return Array.from({ length: this.s.n }, (_, id) => this.fate(id));
  }

  summary(): Summary {
    const s: Summary = { produced: this.s.n, acked: 0, committed: 0, lostAcked: 0, lostUnacked: 0, lostUnackedKnown: 0, lostUnackedUnknown: 0, unseen: 0, recovered: 0, committedUntold: 0, resentAfterRestart: this.ctx.msgs.restartResent, pending: 0, duplicated: 0, reordered: 0, processed: 0, lostAfterBroker: 0, processedTwice: 0, processedOutOfOrder: 0, skippedByReset: 0, rebalances: 0, consumerGroups: [] };
    for (let c = 0; c < 256; c++) {
      const k = this.s.counts[c];
      if (!k) continue;
      if (c & ACKED) s.acked += k;
      if (c & COMMITTED) s.committed += k;
      if (c & DUP) s.duplicated += k;
      if (c & REORD) s.reordered += k;
      const f = c & 7;
      if (f === 1) s.lostAcked += k;
      else if (f === 3) s.unseen += k;
      else if (f === 4) s.recovered += k;
      else if (f === 5) s.pending += k;
      else if (f === 6) s.committedUntold += k;
      else if (f === 2) {
        s.lostUnacked += k;
        if (c & KNOWN) s.lostUnackedKnown += k;
        else s.lostUnackedUnknown += k;
      }
    }
    if (this.consumers) {
      addGroupTotals(s, this.consumers.groups());
    }
    return s;
  }

  /** The first few anomalies of each producer-side kind, in message order (what the view lists), then the consumer side's. */
  anomalies(perKind = 12): AnomalySnap[] {
    const l = this.listed;
    const producerSide = l && l.version === this.s.anomalyVersion && l.perKind === perKind ? l.list : this.producerAnomalies(perKind);
    this.listed = { version: this.s.anomalyVersion, perKind, list: producerSide };
    return this.consumers ? [...producerSide, ...this.consumers.anomalies(perKind)] : producerSide;
  }

  private producerAnomalies(perKind: number): AnomalySnap[] {
    const ctx = this.ctx;
    // The smallest ids of each kind (the checker lists anomalies in message order, a few of each kind).
    const picked: [number, number][] = [];
    this.s.byKind.forEach((set, k) => {
      const top: number[] = [];
      for (const id of set) {
        if (top.length === perKind && id >= top[perKind - 1]) continue;
        let i = top.length;
        while (i > 0 && top[i - 1] > id) i--;
        top.splice(i, 0, id);
        if (top.length > perKind) top.pop();
      }
      for (const id of top) picked.push([id, k]);
    });
    picked.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    return picked.map(([id, k]) => {
      const offsets = this.s.extra.get(id) ?? (this.s.firstOffset[id] >= 0 && this.s.copies[id] > 0 ? [this.s.firstOffset[id]] : []);
      const key = ctx.msgs.key[id];
      return { kind: ANOMALY_KINDS[k][1], message: id, key: key >= 0 ? `k${key}` : null, partition: ctx.partitions[ctx.msgs.partition[id]].name, offsets };
    });
  }

  private grow(n: number): void {
    if (n <= this.s.cls.length) return;
    // Doubling, but no further than the message table's columns (sized for the whole run up front, messages.ts):
    // a column twice the run's messages was a third of the observer at one simulated hour.
    let len = this.s.cls.length;
    while (len < n) len *= 2;
    len = Math.max(n, Math.min(len, this.ctx.msgs.producer.length));
    const g = <T extends Uint8Array | Int32Array>(a: T, fill = 0): T => {
      const b = new (a.constructor as new (n: number) => T)(len);
      b.fill(fill as never);
      b.set(a);
      return b;
    };
    this.s.copies = g(this.s.copies);
    this.s.reordered = g(this.s.reordered);
    this.s.inLog = g(this.s.inLog);
    this.s.firstOffset = g(this.s.firstOffset, -1);
    this.s.cls = g(this.s.cls, NONE);
    this.s.lastStatus = g(this.s.lastStatus);
    this.s.sent = g(this.s.sent);
  }
}
