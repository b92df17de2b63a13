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
import { tableView, viewBaseOffset, viewFirstRecord, viewRecord, viewRecordsEnd, type TableView } from '../core/logColumns.ts';
import { endOffsetForEpoch } from '../broker/log.ts';
import { committedReplica } from '../broker/committedLog.ts';
import { groupLag } from '../consumer/consumerLag.ts';
import { consumerStory, type ConsumerAnomalyKind } from './consumerStory.ts';
import type { StoryStep } from './story.ts';
import { chunkedIdAt, logChunks } from '../core/replicaLog.ts';

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

/** Per message, within one group: seen in the group's committed logs already (a log can hold a record twice), held by a live member's threads. */
const SEEN = 1;
const IN_HAND = 2;

/** Counts of one group's committed records by what the application did with them. */
const CONSUMABLE = 0;
const SKIPPED = 1;
const LOST = 2;
const UNCONSUMED = 3;
const TWICE = 4;

/** Verdicts the scan records in offset order (it only counts past the anomaly limit), each as (verdict, message, offset). */
const V_SKIPPED = 0;
const V_LOST = 1;
const V_TWICE = 2;
const VERDICTS: ConsumerAnomalyKind[] = ['skipped-by-reset', 'lost-after-broker', 'processed-twice'];

/** What one partition's scan hands back besides its counts. */
interface Scan {
  /** Processed keyed records of the log, as (offset, message id) pairs in offset order, for outOfOrder. */
  keyed: Int32Array;
  nKeyed: number;
  /** (verdict, message, offset) triples, at most `room` verdicts. */
  hits: Float64Array;
  nHits: number;
}

function checkGroup(ctx: SimContext, w: ConsumerWorld, g: Group, anomalies: ConsumerAnomaly[], opts: { stories: boolean; maxAnomalies: number }): GroupSummary {
  const L = g.ledger;
  const m = ctx.msgs;
  const flags = new Uint8Array(m.size);
  // Records still held by a live member's threads are in progress, not lost.
  for (const mem of w.members) {
    if (mem.group !== g.index || (mem.status !== 'running' && mem.status !== 'closing')) continue;
    for (const l of mem.lanes) for (let i = l.head; i < l.items.length; i++) {
      const it = l.items[i];
      for (let o = it.from + it.done; o < it.to; o++) flags[it.batch.pb.msgs[o - it.batch.baseOffset]] |= IN_HAND;
    }
  }
  const counts = new Float64Array(5);
  let processedOutOfOrder = 0;
  const scan: Scan = { keyed: new Int32Array(0), nKeyed: 0, hits: new Float64Array(0), nHits: 0 };
  const view = tableView(ctx.batches);
  const note = (kind: ConsumerAnomalyKind, id: number, partition: number, offset: number, other = -1) => {
    anomalies.push({ kind, group: g.id, message: id, producer: ctx.producers[m.producer[id]].name, key: m.key[id] >= 0 ? `k${m.key[id]}` : null, partition: ctx.partitions[partition].name, offsets: [offset], story: opts.stories ? consumerStory(ctx, w, g, id, partition, offset, kind, other) : [] });
  };
  for (const p of g.partitions) {
    const r = committedReplica(ctx, p);
    if (!r) continue;
    const room = Math.max(0, opts.maxAnomalies - anomalies.length);
    if (scan.keyed.length < 2 * r.hw) scan.keyed = new Int32Array(2 * r.hw);
    // Three more than the verdicts it may keep: scanLog writes each record's triple and keeps it or not.
    if (scan.hits.length < 3 * Math.min(room, r.hw) + 3) scan.hits = new Float64Array(3 * Math.min(room, r.hw) + 3);
    const resets: number[] = [];
    for (const x of L.resets) if (x.partition === p) resets.push(x.from, x.to);
    scanLog(logChunks(r.log), r.log.length, r.hw, view, resumeOffset(r, g.committed.get(p)), resets, flags, L.processed, m.key, room, counts, scan);
    for (let i = 0; i < scan.nHits; i += 3) note(VERDICTS[scan.hits[i]], scan.hits[i + 1], p, scan.hits[i + 2]);
    for (const [id, off, other] of outOfOrder(L.firstSeq, m.key, scan.keyed, scan.nKeyed)) {
      processedOutOfOrder++;
      if (anomalies.length < opts.maxAnomalies) note('processed-out-of-order', id, p, off, other);
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
    consumable: counts[CONSUMABLE],
    processed: L.processedCount,
    lostAfterBroker: counts[LOST],
    processedTwice: counts[TWICE],
    processedOutOfOrder,
    skippedByReset: counts[SKIPPED],
    unconsumed: counts[UNCONSUMED],
    deduplicated: L.deduplicated,
    commitsFailed,
    rebalances: g.rebalances.length,
    lag: groupLag(ctx, w, g).lag,
    lagOverTime: L.lag.map((x) => ({ ...x })),
  };
}

/**
 * One pass over a committed log, below its high watermark: each distinct
 * record counted once by what the application did with it. A small function
 * of typed arrays read through views of one shape (tableView), and no calls,
 * so the engine compiles it at once (the bench runs it cold on a million
 * records). Counts and verdicts are taken without a branch of their own:
 * code first reached after the loop was compiled (the first record processed
 * twice, say) has no type feedback, and reaching it threw the compiled loop
 * away, back to the interpreter until compiled again.
 */
function scanLog(chunks: Int32Array[], length: number, hw: number, v: TableView, committed: number, resets: number[], flags: Uint8Array, processed: Uint8Array, keys: Int32Array, room: number, counts: Float64Array, out: Scan): void {
  const keyed = out.keyed;
  const hits = out.hits;
  const known = processed.length;
  // hits has room for 3 more: each record's triple is written, then kept (nHits moves on) or overwritten.
  const cap = 3 * room;
  let nKeyed = 0;
  let nHits = 0;
  let consumable = 0;
  let skipped = 0;
  let lost = 0;
  let unconsumed = 0;
  let twice = 0;
  for (let bi = 0; bi < length; bi++) {
    const b = chunkedIdAt(chunks, bi);
    const base = viewBaseOffset(v, b);
    if (base >= hw) break;
    const first = viewFirstRecord(v, b);
    const n = Math.min(viewRecordsEnd(v, b) - first, hw - base);
    for (let i = 0; i < n; i++) {
      const id = viewRecord(v, first + i);
      const f = flags[id];
      if (f & SEEN) continue;
      flags[id] = f | SEEN;
      consumable++;
      const off = base + i;
      const c = id < known ? processed[id] : 0;
      let verdict = -1;
      if (c === 0) {
        let reset = false;
        for (let k = 0; k < resets.length; k += 2) if (off >= resets[k] && off < resets[k + 1]) reset = true;
        if (reset) {
          skipped++;
          verdict = V_SKIPPED;
        } else if (off < committed && (f & IN_HAND) === 0) {
          lost++;
          verdict = V_LOST;
        } else unconsumed++;
      } else {
        verdict = c > 1 ? V_TWICE : -1;
        twice += c > 1 ? 1 : 0;
        if (keys[id] >= 0) {
          keyed[nKeyed++] = off;
          keyed[nKeyed++] = id;
        }
      }
      hits[nHits] = verdict;
      hits[nHits + 1] = id;
      hits[nHits + 2] = off;
      const take = nHits < cap ? 3 : 0;
      nHits += verdict >= 0 ? take : 0;
    }
  }
  counts[CONSUMABLE] += consumable;
  counts[SKIPPED] += skipped;
  counts[LOST] += lost;
  counts[UNCONSUMED] += unconsumed;
  counts[TWICE] += twice;
  out.nKeyed = nKeyed;
  out.nHits = nHits;
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
  // Scratch columns kept between calls (the incremental observer calls this for every partition at every look), zeroed again below.
  let seqOf = keyScratch.seqOf;
  let offOf = keyScratch.offOf;
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
      seqOf = keyScratch.seqOf = s2;
      offOf = keyScratch.offOf = o2;
    }
    if (seqOf[k] !== 0 && seqOf[k] < seq) out.push([id, off, offOf[k]]);
    else {
      seqOf[k] = seq;
      offOf[k] = off;
    }
  }
  // Zeroed by the keys seen when they are fewer than the columns, else at once: a long loop here, after the
  // compiled one above, ran uncompiled in the checker's cold pass over a million records (the observer's are short).
  if (n < seqOf.length) for (let i = n - 1; i >= 0; i -= 2) seqOf[keys[keyed[i]]] = 0;
  else seqOf.fill(0);
  return out.reverse();
}

/** outOfOrder's per-key columns, all zero between calls (the offsets need no zeroing: read only where a sequence is set). */
const keyScratch = { seqOf: new Int32Array(64), offOf: new Int32Array(64) };

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
