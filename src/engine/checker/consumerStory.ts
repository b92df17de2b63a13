/**
 * A consumer-side anomaly's story: the record reaching the committed log,
 * each time an application processed it, and the group events around it
 * (crashes, stalls, rebalances, commits and failed commits), ending with why
 * it counts as lost, repeated, skipped or out of order. Steps are codes
 * prefixed "c-" that src/i18n says (step.c-<code>).
 */
import { restores } from '../core/restores.ts';
import type { SimContext } from '../core/context.ts';
import type { ConsumerWorld, Group, Repeats } from '../core/consumerModel.ts';
import type { StoryStep } from './story.ts';
import type { TraceEvent } from '../core/trace.ts';
import { indexOfKept, keptFrom, traceAt, type Trace } from '../core/traceLog.ts';

export type ConsumerAnomalyKind = 'lost-after-broker' | 'processed-twice' | 'processed-out-of-order' | 'skipped-by-reset';

type CEvent = Extract<TraceEvent, { type: 'consumer' }>;

const NOTABLE = new Set(['truncation-detected', 'truncation-reset', 'log-truncation', 'crashed', 'restarted', 'started', 'stalled', 'poll-timeout', 'session-expired', 'rebalance', 'stable', 'commit-failed', 'closing', 'closed', 'coordinator-loaded', 'removed', 'fenced', 'lost', 'revoked', 'offsets-expired', 'static-replaced']);

type Args = Readonly<Record<string, string | number>>;

/**
 * Indices of each group's notable consumer events, cached per trace length;
 * with the args of the step each event becomes, made once and shared (frozen)
 * by every story that tells it: a thousand stories tell the same few events.
 */
const cache = new WeakMap<Trace, { len: number; byGroup: Map<string, number[]>; commits: Map<string, number[]>; args: Map<number, Args> }>();
function indexOf(ctx: SimContext) {
  let c = cache.get(ctx.trace);
  if (!c) cache.set(ctx.trace, (c = { len: 0, byGroup: new Map(), commits: new Map(), args: new Map() }));
  // Only kept events: an omitted one is a detail event, never a notable one (core/traceLog.ts).
  const tr = ctx.trace;
  for (let j = keptFrom(tr, c.len); j < tr.kept.length; j++) {
    const ev = tr.kept[j];
    if (ev.type !== 'consumer') continue;
    const map = ev.what === 'committed' ? c.commits : NOTABLE.has(ev.what) ? c.byGroup : null;
    if (!map) continue;
    if (!map.has(ev.group)) map.set(ev.group, []);
    map.get(ev.group)!.push(indexOfKept(tr, j));
  }
  c.len = tr.length;
  return c;
}

/** A trace event's step args (a group event's own args with who and which group; a commit's offsets), made once per event. */
function argsOf(idx: ReturnType<typeof indexOf>, ev: CEvent, i: number): Args {
  let a = idx.args.get(i);
  if (!a) {
    const made: Record<string, string | number> = ev.what === 'committed' ? { consumer: ev.consumer, offsets: String(ev.args?.offsets ?? ''), generation: ev.args?.generation ?? '' } : { ...(ev.args ?? {}), consumer: ev.consumer, group: ev.group };
    a = Object.freeze(made);
    idx.args.set(i, a);
  }
  return a;
}

interface Repeat {
  member: number;
  generation: number;
  life: number;
  t: number;
}
/**
 * Each record's repeats, as a list threaded through typed arrays: `last[id]`
 * is 1 + the row in the group's repeats of the record's latest repeat (0:
 * none), `prev[i]` 1 + the row of the one before it. A group's repeats are
 * append-only, so the index grows with them.
 */
const repeatIndex = new WeakMap<Repeats, { len: number; last: Int32Array; prev: Int32Array; at: number }>();
function repeatsOf(L: Group['ledger'], id: number, messages: number): Repeat[] {
  const all = L.repeats;
  let c = repeatIndex.get(all);
  if (!c || c.at !== restores()) repeatIndex.set(all, (c = { len: 0, last: new Int32Array(64), prev: new Int32Array(64), at: restores() }));
  if (c.len < all.n) {
    const ids = all.id;
    // Every message id is below the message table's size: no pass to find the largest.
    const last = (c.last = fit(c.last, messages));
    const prev = (c.prev = fit(c.prev, all.n));
    for (let i = c.len; i < all.n; i++) {
      prev[i] = last[ids[i]];
      last[ids[i]] = i + 1;
    }
    c.len = all.n;
  }
  const out: Repeat[] = [];
  if (id < c.last.length) for (let i = c.last[id] - 1; i >= 0; i = c.prev[i] - 1) out.push({ member: all.member[i], generation: all.generation[i], life: all.life[i], t: all.t[i] });
  return out.reverse();
}

/** `a`, or a copy at least `n` long (doubling). */
function fit(a: Int32Array, n: number): Int32Array {
  if (a.length >= n) return a;
  let len = a.length;
  while (len < n) len *= 2;
  const b = new Int32Array(len);
  b.set(a);
  return b;
}

/**
 * A group's commits that named one partition, as (trace index, committed
 * offset) pairs in trace order: parsed once from the events' offsets
 * ("events-0@120 events-3@98"), not once per story.
 */
const commitIndex = new WeakMap<number[], Map<string, { len: number; pairs: number[] }>>();
function commitsOf(ctx: SimContext, commits: number[], pname: string): number[] {
  let byPartition = commitIndex.get(commits);
  if (!byPartition) commitIndex.set(commits, (byPartition = new Map()));
  let c = byPartition.get(pname);
  if (!c) byPartition.set(pname, (c = { len: 0, pairs: [] }));
  for (; c.len < commits.length; c.len++) {
    const i = commits[c.len];
    const o = offsetIn(String((traceAt(ctx.trace, i) as CEvent).args?.offsets ?? ''), pname);
    if (o >= 0) c.pairs.push(i, o);
  }
  return c.pairs;
}

/** The offset after `<partition>@` at the start of the list or after a space; -1 if none. */
function offsetIn(offsets: string, pname: string): number {
  const tag = pname + '@';
  for (let k = offsets.indexOf(tag); k >= 0; k = offsets.indexOf(tag, k + 1)) {
    if (k > 0 && offsets.charCodeAt(k - 1) !== 32) continue;
    let end = k + tag.length;
    while (end < offsets.length && offsets.charCodeAt(end) >= 48 && offsets.charCodeAt(end) <= 57) end++;
    if (end > k + tag.length) return Number(offsets.slice(k + tag.length, end));
  }
  return -1;
}

export function consumerStory(ctx: SimContext, w: ConsumerWorld, g: Group, id: number, partition: number, offset: number, kind: ConsumerAnomalyKind, other = -1): StoryStep[] {
  const m = ctx.msgs;
  const L = g.ledger;
  const pname = ctx.partitions[partition].name;
  const steps: StoryStep[] = [];
  const step = (t: number, code: string, args: Args, event = -1) => steps.push({ t, code, args, event });
  step(m.sentAt[id], 'sent', { producer: ctx.producers[m.producer[id]].name, key: m.key[id] >= 0 ? `k${m.key[id]}` : '-', partition: pname });
  const processed = id < L.processed.length ? L.processed[id] : 0;
  let last = m.sentAt[id];
  if (processed > 0) {
    step(L.firstAt[id], 'c-processed', { consumer: w.members[L.firstBy[id]].name, generation: L.firstGen[id], offset, partition: pname });
    last = L.firstAt[id];
    for (const r of repeatsOf(L, id, m.size)) {
      step(r.t, 'c-reprocessed', { consumer: w.members[r.member].name, generation: r.generation, life: r.life, offset, partition: pname });
      last = Math.max(last, r.t);
    }
  }
  const idx = indexOf(ctx);
  // The commit that first moved the group past this record.
  let passedAt = Infinity;
  const passing = commitsOf(ctx, idx.commits.get(g.id) ?? [], pname);
  for (let k = 0; k < passing.length; k += 2) {
    if (passing[k + 1] <= offset) continue;
    const i = passing[k];
    const ev = traceAt(ctx.trace, i) as CEvent;
    step(ev.t, 'c-committed', argsOf(idx, ev, i), i);
    passedAt = ev.t;
    break;
  }
  // A skipped record's story runs up to the reset that jumped over it (and what led there: an expiry, a restart).
  const resetAt = kind === 'skipped-by-reset' ? (L.resets.find((x) => x.partition === partition && offset >= x.from && offset < x.to)?.t ?? last) : last;
  const to = Math.max(last, resetAt, passedAt === Infinity ? last : passedAt, kind === 'lost-after-broker' ? ctx.now : last);
  let shown = 0;
  for (const i of idx.byGroup.get(g.id) ?? []) {
    const ev = traceAt(ctx.trace, i) as CEvent;
    // An expiry before the record was written still explains why the group later had no offset to resume from.
    const early = ev.what === 'offsets-expired' && kind === 'skipped-by-reset';
    if ((ev.t < m.sentAt[id] && !early) || ev.t > to || shown >= 10) continue;
    shown++;
    step(ev.t, `c-${ev.what}`, argsOf(idx, ev, i), i);
  }
  const end = (code: string, args: Record<string, string | number>) => step(Infinity, code, args);
  if (kind === 'lost-after-broker') end('c-lost-after-broker', { group: g.id, partition: pname, offset, committed: g.committed.get(partition)?.offset ?? -1 });
  else if (kind === 'skipped-by-reset') {
    const r = L.resets.find((x) => x.partition === partition && offset >= x.from && offset < x.to)!;
    end('c-skipped', { group: g.id, consumer: r.consumer, partition: pname, offset, to: r.to });
  } else if (kind === 'processed-twice') end('c-twice', { group: g.id, times: processed, offset, partition: pname });
  else end('c-out-of-order', { group: g.id, offset, partition: pname, other });
  steps.sort((a, b) => a.t - b.t);
  for (const s of steps) if (s.t === Infinity) s.t = ctx.now;
  return steps;
}
