/**
 * What the application does with records after poll(): one or more threads
 * ("lanes"), each working through its FIFO at processingMs per record.
 * inline: the poll thread itself. queue: one worker behind an in-memory
 * queue (a crash loses what it held). thread-pool: each record to the next
 * free worker, so records of one partition finish out of order.
 * per-key-queue: one queue per worker chosen by key, so order per key holds.
 * Records are settled lazily: a record counts as processed once simulated
 * time passes its finish time, with no event per record.
 */
import type { SimContext } from '../core/context.ts';
import type { ConsumerWorld, Group, Lane, Member, Records, Repeats, WorkItem } from '../core/consumerModel.ts';
import type { PartitionId } from '../core/model.ts';
import { markRow } from '../core/changedRows.ts';

const groupOf = (ctx: SimContext, m: Member): Group => (ctx.consumers as ConsumerWorld).groups[m.group];

export function initLanes(m: Member): void {
  m.lanes = Array.from({ length: m.spec.threads }, () => ({ items: [], head: 0, freeAt: 0, pending: 0 }));
}

const finishOf = (it: WorkItem, j: number) => it.startAt + (j + 1) * it.perRecordMs;

function push(lane: Lane, now: number, r: Records, from: number, to: number, perRecordMs: number): void {
  const startAt = Math.max(now, lane.freeAt);
  lane.items.push({ partition: r.partition, batch: r.batch, from, to, startAt, perRecordMs, done: 0 });
  lane.freeAt = startAt + (to - from) * perRecordMs;
  lane.pending += to - from;
}

/** Hands records to the app's threads. */
export function enqueue(ctx: SimContext, m: Member, records: Records[]): void {
  const s = m.spec;
  const d = s.processingMs;
  if (s.processingJitter === 0 && (s.processing === 'inline' || s.processing === 'queue')) {
    for (const r of records) push(m.lanes[0], ctx.now, r, r.from, r.to, d);
    return;
  }
  const msgs = ctx.msgs;
  for (const r of records) {
    for (let o = r.from; o < r.to; o++) {
      const dur = d * (1 + s.processingJitter * (2 * ctx.rng.next() - 1));
      let lane = m.lanes[0];
      if (s.processing === 'thread-pool') {
        for (const l of m.lanes) if (Math.max(l.freeAt, ctx.now) < Math.max(lane.freeAt, ctx.now)) lane = l;
      } else if (s.processing === 'per-key-queue') {
        const key = msgs.key[r.batch.pb.msgs[o - r.batch.baseOffset]];
        lane = m.lanes[(key >= 0 ? key : r.partition) % m.lanes.length];
      }
      push(lane, ctx.now, r, o, o + 1, dur);
    }
  }
}

export const pendingRecords = (m: Member): number => m.lanes.reduce((n, l) => n + l.pending, 0);

/** When the next pending record finishes, or Infinity. */
export function nextFinish(m: Member): number {
  let t = Infinity;
  for (const l of m.lanes) if (l.head < l.items.length) t = Math.min(t, finishOf(l.items[l.head], l.items[l.head].done));
  return t;
}

/** Processes every record whose finish time has passed, in finish-time order across threads. */
export function settle(ctx: SimContext, m: Member, now: number): void {
  const lanes = m.lanes;
  if (lanes.length === 1) {
    const l = lanes[0];
    while (l.head < l.items.length) {
      const it = l.items[l.head];
      processRun(ctx, m, l, it, now);
      if (it.done < it.to - it.from) break;
      l.head++;
    }
    compact(l);
    return;
  }
  for (;;) {
    let best: Lane | null = null;
    let bt = Infinity;
    for (const l of lanes) {
      if (l.head >= l.items.length) continue;
      const it = l.items[l.head];
      const t = finishOf(it, it.done);
      if (t <= now && t < bt) {
        bt = t;
        best = l;
      }
    }
    if (!best) break;
    const it = best.items[best.head];
    processOne(ctx, m, best, it, it.done++);
    if (it.done >= it.to - it.from) best.head++;
  }
  for (const l of lanes) compact(l);
}

/** Drops the finished items (never read again) once they are most of the lane: every checkpoint copies every item the lane holds. */
function compact(l: Lane): void {
  if (l.head >= 8 && l.head * 2 > l.items.length) {
    l.items = l.items.slice(l.head);
    l.head = 0;
  }
}

function processOne(ctx: SimContext, m: Member, lane: Lane, it: WorkItem, j: number): void {
  const offset = it.from + j;
  lane.pending--;
  processRecord(m, groupOf(ctx, m), it.batch.pb.msgs[offset - it.batch.baseOffset], finishOf(it, j), ctx.msgs.producer.length);
}

/** One thread's run of a work item: every record whose finish time has passed, in one loop (a poll of 500 records is one call, not 500). */
function processRun(ctx: SimContext, m: Member, lane: Lane, it: WorkItem, now: number): void {
  const n = it.to - it.from;
  let j = it.done;
  if (j >= n || finishOf(it, j) > now) return;
  const g = groupOf(ctx, m);
  const ids = it.batch.pb.msgs;
  const base = it.from - it.batch.baseOffset;
  const messages = ctx.msgs.producer.length;
  for (; j < n; j++) {
    const t = finishOf(it, j);
    if (t > now) break;
    processRecord(m, g, ids[base + j], t, messages);
  }
  lane.pending -= j - it.done;
  it.done = j;
}

/**
 * A ledger column grown to `n` rows, the message table's own room (sized for
 * the run's sends, messages.ts expectedMessages): doubling past it left a
 * busy hour's ledger 45% empty, 6 MB a group.
 */
function grow<T extends Uint8Array | Int16Array | Int32Array | Float64Array>(a: T, n: number): T {
  if (a.length >= n) return a;
  const b = new (a.constructor as new (n: number) => T)(n);
  b.set(a);
  return b;
}

/** The application's effect for one record, as the sink sees it. */
export function processRecord(m: Member, g: Group, id: number, t: number, messages: number): void {
  const L = g.ledger;
  if (L.processed.length <= id) {
    L.processed = grow(L.processed, messages);
    L.firstSeq = grow(L.firstSeq, messages);
    L.firstBy = grow(L.firstBy, messages);
    L.firstGen = grow(L.firstGen, messages);
    L.firstAt = grow(L.firstAt, messages);
  }
  const c = L.processed[id];
  if (c > 0 && m.spec.sink === 'idempotent') {
    // "Check a unique key before writing": the sink has this message id already.
    L.deduplicated++;
    return;
  }
  if (c === 0) {
    // Order within a key is judged by the checker against the committed log, not here: a record
    // read from a log that an unclean election later truncated is not the one now at its offset.
    L.firstSeq[id] = ++L.processedCount;
    L.firstBy[id] = m.index;
    L.firstGen[id] = m.generation;
    L.firstAt[id] = t;
  } else if (c <= 8) {
    // c processings so far, c - 1 of them repeats: the first 8 repeats are kept.
    addRepeat(L.repeats, id, m, t);
  }
  if (c < 255) {
    L.processed[id] = c + 1;
    markRow(L, id);
  }
}

function addRepeat(r: Repeats, id: number, m: Member, t: number): void {
  if (r.n === r.id.length) {
    const n = 2 * r.n;
    r.id = grow(r.id, n);
    r.member = grow(r.member, n);
    r.generation = grow(r.generation, n);
    r.life = grow(r.life, n);
    r.t = grow(r.t, n);
  }
  const i = r.n++;
  r.id[i] = id;
  r.member[i] = m.index;
  r.generation[i] = m.generation;
  r.life[i] = m.lives;
  r.t[i] = t;
}

/**
 * The committable offset per partition once workers have finished: below the
 * first record still pending. `handedOff` is the next offset after what poll() returned.
 */
export function processedWatermarks(m: Member): [PartitionId, number][] {
  const low = new Map<PartitionId, number>();
  for (const l of m.lanes) {
    for (let i = l.head; i < l.items.length; i++) {
      const it = l.items[i];
      const o = it.from + it.done;
      if (o < it.to && o < (low.get(it.partition) ?? Infinity)) low.set(it.partition, o);
    }
  }
  const out: [PartitionId, number][] = [];
  for (const p of m.assignment) {
    const pos = m.position.get(p);
    if (pos === undefined || pos < 0) continue;
    out.push([p, Math.min(pos, low.get(p) ?? Infinity)]);
  }
  return out;
}

/** A crash: whatever the threads had not finished is gone. Returns how many records. */
export function dropLanes(m: Member): number {
  const n = pendingRecords(m);
  for (const l of m.lanes) {
    l.items = [];
    l.head = 0;
    l.pending = 0;
  }
  return n;
}

/** A stall (GC pause, slow downstream): every thread stops for `ms`. */
export function stallLanes(m: Member, now: number, ms: number): void {
  for (const l of m.lanes) {
    for (let i = l.head; i < l.items.length; i++) l.items[i].startAt += ms;
    l.freeAt = Math.max(l.freeAt, now) + ms;
  }
}
