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
import { LogCursor } from './logCursor.ts';
import { ConsumerObserver } from './consumerObserver.ts';
import { Ids } from './ids.ts';

const FATES: FateKind[] = ['ok', 'lost-acked', 'lost-unacked', 'unseen', 'recovered', 'pending', 'committed-untold'];
const NONE = 255;
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

interface PartState {
  cur: LogCursor;
  /** Ids counted below the high watermark, in log order (what a re-read undoes). */
  ids: Ids;
  /** Highest message id seen per (producer, key) in log order. */
  maxSeen: Int32Array;
  /** Ids of the uncommitted tail at the last look. */
  tail: Ids;
}

export class Observer {
  private n = 0;
  private copies = new Uint8Array(1024);
  private reordered = new Uint8Array(1024);
  private inLog = new Uint8Array(1024);
  private firstOffset = new Float64Array(1024);
  private extra = new Map<number, number[]>();
  private overtaker = new Map<number, { message: number; offset: number }>();
  private cls = new Uint8Array(1024);
  private lastStatus = new Uint8Array(1024);
  /** Per message, what it adds to its producer's counts (1 acked, 2 failed or dropped). */
  private sent = new Uint8Array(1024);
  /** Per producer, acknowledged and failed sends (the Producers panel). */
  readonly producers: { acked: number; failed: number }[];
  /** Per class code, how many messages have it. */
  private counts = new Float64Array(256);
  /** Sends whose status may still move (pending, or failed and perhaps resent). */
  private live = new Ids();
  private dirty = new Ids();
  private parts: PartState[] = [];
  private keyBase: number[] = [];
  readonly consumers: ConsumerObserver | null;

  constructor(private readonly ctx: SimContext) {
    let slots = 0;
    for (const p of ctx.producers) {
      this.keyBase.push(slots);
      slots += p.spec.keys;
    }
    this.parts = ctx.partitions.map((p) => ({ cur: new LogCursor(p.id), ids: new Ids(), maxSeen: new Int32Array(slots).fill(-1), tail: new Ids() }));
    for (const s of this.parts) s.cur.reset(ctx);
    this.cls.fill(NONE);
    this.firstOffset.fill(-1);
    this.producers = ctx.producers.map(() => ({ acked: 0, failed: 0 }));
    this.consumers = ctx.consumers ? new ConsumerObserver(ctx) : null;
  }

  /** Catches up with the run as it is now. */
  observe(): void {
    const ctx = this.ctx;
    const m = ctx.msgs;
    this.grow(m.size);
    for (let id = this.n; id < m.size; id++) {
      this.live.push(id);
      this.lastStatus[id] = m.status[id];
      this.dirty.push(id);
    }
    this.n = m.size;
    for (const s of this.parts) this.readPartition(s);
    const live = this.live;
    let keep = 0;
    for (let i = 0; i < live.length; i++) {
      const id = live.a[i];
      const st = m.status[id];
      if (st !== this.lastStatus[id]) {
        this.lastStatus[id] = st;
        this.dirty.push(id);
      }
      if (st === SendStatus.Pending || st === SendStatus.Failed) live.a[keep++] = id;
    }
    live.length = keep;
    for (let i = 0; i < this.dirty.length; i++) this.classify(this.dirty.a[i]);
    this.dirty.length = 0;
    this.consumers?.observe();
  }

  private readPartition(s: PartState): void {
    const ctx = this.ctx;
    if (!s.cur.valid(ctx)) {
      for (let i = 0; i < s.ids.length; i++) {
        const id = s.ids.a[i];
        this.copies[id] = 0;
        this.reordered[id] = 0;
        this.firstOffset[id] = -1;
        this.extra.delete(id);
        this.overtaker.delete(id);
        this.dirty.push(id);
      }
      s.ids.length = 0;
      s.maxSeen.fill(-1);
      this.anomalyVersion++;
      s.cur.reset(ctx);
    }
    const m = ctx.msgs;
    s.cur.readCommitted((id, off) => {
      s.ids.push(id);
      this.dirty.push(id);
      if (this.copies[id]++ > 0) {
        const list = this.extra.get(id) ?? [this.firstOffset[id]];
        list.push(off);
        this.extra.set(id, list);
        this.anomalyVersion++;
        return;
      }
      this.firstOffset[id] = off;
      const key = m.key[id];
      if (key < 0) return;
      // Within one producer, ids grow in send order; a smaller id after a larger one of the same key is out of order.
      const k = this.keyBase[m.producer[id]] + key;
      const max = s.maxSeen[k];
      if (id < max) {
        this.reordered[id] = 1;
        this.overtaker.set(id, { message: max, offset: this.firstOffset[max] });
      } else s.maxSeen[k] = id;
    });
    for (let i = 0; i < s.tail.length; i++) {
      this.inLog[s.tail.a[i]] = 0;
      this.dirty.push(s.tail.a[i]);
    }
    s.tail.length = 0;
    s.cur.readTail((id) => {
      this.inLog[id] = 1;
      s.tail.push(id);
      this.dirty.push(id);
    });
  }

  /** The message's class as the checker would give it now; the counts move by the difference. */
  private classify(id: number): void {
    const st = this.lastStatus[id];
    const acked = st === SendStatus.Acked;
    let c = acked ? ACKED : 0;
    if (this.copies[id] > 0) {
      c |= COMMITTED | (acked ? 0 : st === SendStatus.Pending ? 5 : st === SendStatus.Failed ? 4 : 6);
      if (this.copies[id] > 1) c |= DUP;
      if (this.reordered[id]) c |= REORD;
    } else if (acked) c |= this.inLog[id] ? 3 : 1;
    else if (st === SendStatus.Pending) c |= 5;
    else c |= 2 | (st === SendStatus.Failed ? KNOWN : 0);
    const sf = acked ? 1 : st === SendStatus.Failed || st === SendStatus.Dropped ? 2 : 0;
    if (sf !== this.sent[id]) {
      const p = this.producers[this.ctx.msgs.producer[id]];
      if (this.sent[id] === 1) p.acked--;
      else if (this.sent[id] === 2) p.failed--;
      if (sf === 1) p.acked++;
      else if (sf === 2) p.failed++;
      this.sent[id] = sf;
    }
    const old = this.cls[id];
    if (old === c) return;
    if ((old !== NONE && isAnomaly(old)) || isAnomaly(c)) {
      this.anomalyVersion++;
      for (let k = 0; k < ANOMALY_KINDS.length; k++) {
        const [test] = ANOMALY_KINDS[k];
        const was = old !== NONE && test(old);
        const is = test(c);
        if (was && !is) this.byKind[k].delete(id);
        else if (is && !was) this.byKind[k].add(id);
      }
    }
    if (old !== NONE) this.counts[old]--;
    this.counts[c]++;
    this.cls[id] = c;
  }

  fate(id: number): FateKind {
    return FATES[this.cls[id] & 7];
  }

  fates(): FateKind[] {
    return Array.from({ length: this.n }, (_, id) => this.fate(id));
  }

  summary(): Summary {
    const s: Summary = { produced: this.n, acked: 0, committed: 0, lostAcked: 0, lostUnacked: 0, lostUnackedKnown: 0, lostUnackedUnknown: 0, unseen: 0, recovered: 0, committedUntold: 0, resentAfterRestart: this.ctx.msgs.restartResent, pending: 0, duplicated: 0, reordered: 0, processed: 0, lostAfterBroker: 0, processedTwice: 0, processedOutOfOrder: 0, skippedByReset: 0, rebalances: 0, consumerGroups: [] };
    for (let c = 0; c < 256; c++) {
      const k = this.counts[c];
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

  /** Moves when a message enters or leaves the anomaly list, or a partition is read again (offsets may move). */
  private anomalyVersion = 0;
  /** Per producer-side anomaly kind (ANOMALY_KINDS order), the messages that have it now. */
  private byKind: Set<number>[] = ANOMALY_KINDS.map(() => new Set());
  private listed: { version: number; perKind: number; list: AnomalySnap[] } | null = null;

  /** The first few anomalies of each producer-side kind, in message order (what the view lists), then the consumer side's. */
  anomalies(perKind = 12): AnomalySnap[] {
    const l = this.listed;
    const producerSide = l && l.version === this.anomalyVersion && l.perKind === perKind ? l.list : this.producerAnomalies(perKind);
    this.listed = { version: this.anomalyVersion, perKind, list: producerSide };
    return this.consumers ? [...producerSide, ...this.consumers.anomalies(perKind)] : producerSide;
  }

  private producerAnomalies(perKind: number): AnomalySnap[] {
    const ctx = this.ctx;
    // The smallest ids of each kind (the checker lists anomalies in message order, a few of each kind).
    const picked: [number, number][] = [];
    this.byKind.forEach((set, k) => {
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
      const offsets = this.extra.get(id) ?? (this.firstOffset[id] >= 0 && this.copies[id] > 0 ? [this.firstOffset[id]] : []);
      const key = ctx.msgs.key[id];
      return { kind: ANOMALY_KINDS[k][1], message: id, key: key >= 0 ? `k${key}` : null, partition: ctx.partitions[ctx.msgs.partition[id]].name, offsets };
    });
  }

  private grow(n: number): void {
    if (n <= this.cls.length) return;
    let len = this.cls.length;
    while (len < n) len *= 2;
    const g = <T extends Uint8Array | Float64Array>(a: T, fill = 0): T => {
      const b = new (a.constructor as new (n: number) => T)(len);
      b.fill(fill as never);
      b.set(a);
      return b;
    };
    this.copies = g(this.copies);
    this.reordered = g(this.reordered);
    this.inLog = g(this.inLog);
    this.firstOffset = g(this.firstOffset, -1);
    this.cls = g(this.cls, NONE);
    this.lastStatus = g(this.lastStatus);
    this.sent = g(this.sent);
  }
}
