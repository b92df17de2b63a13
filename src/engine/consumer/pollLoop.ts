/**
 * The application's poll thread: `while (running) { records = poll(timeout);
 * handle(records); commit?(); }`. poll() first does the coordinator's work
 * (rejoin with onJoinPrepare: auto-commit, then revoke everything - the eager
 * protocol; the auto-commit when auto.commit.interval.ms has passed), then
 * returns buffered records (at most max.poll.records, advancing the
 * position), and sends fetches to partition leaders for partitions with
 * nothing buffered. Sources: ClassicKafkaConsumer.poll, ConsumerCoordinator.poll
 * / onJoinPrepare / onJoinComplete, Fetcher / FetchCollector, SubscriptionState.
 */
import type { SimContext } from '../core/context.ts';
import type { AppStep, ConsumerWorld, FetchedPartition, Member, Records } from '../core/consumerModel.ts';
import type { PartitionId } from '../core/model.ts';
import { sendRequest } from './consumerRequests.ts';
import { noteConsumer } from './consumerTrace.ts';
import { ensureActiveGroup, groupOf, requestMetadata } from './consumerClient.ts';
import { noteConsumedEpoch, updateFetchPositions } from './fetchPositions.ts';
import { allConsumed, commitOffsets } from './offsetCommit.ts';
import { enqueue, nextFinish, pendingRecords, processedWatermarks, settle } from './processing.ts';
import { closeStep } from './consumerLifecycle.ts';

type Waiting = Member['waiting'];

function sleepUntil(ctx: SimContext, m: Member, t: number, why: Waiting): void {
  m.appToken++;
  m.waiting = why;
  ctx.timer(m.name, Math.max(0, Math.ceil(t - ctx.now)), { type: 'consumer', body: { kind: 'app', member: m.index, token: m.appToken } });
}

function resume(ctx: SimContext, m: Member): void {
  m.appToken++;
  m.waiting = 'none';
  runApp(ctx, m);
}

/** Something poll() was waiting for arrived (records, an assignment, a coordinator). */
export function wakeApp(ctx: SimContext, m: Member, _why: string): void {
  if (m.waiting === 'poll') resume(ctx, m);
}

/** A commitSync returned. On failure the app catches the exception and drops the rest of this poll's work. */
export function commitDone(ctx: SimContext, m: Member, outcome: 'ok' | 'failed' | 'retry', retry?: { offsets: [PartitionId, number][]; since: number }): void {
  if (m.waiting !== 'commit') return;
  if (outcome === 'retry' && retry) {
    m.program.push({ k: 'commit', offsets: retry.offsets, sync: true, since: retry.since });
    return sleepUntil(ctx, m, ctx.now + m.spec.config['retry.backoff.ms'], 'commit');
  }
  if (outcome === 'failed') m.program = [];
  resume(ctx, m);
}

export function runApp(ctx: SimContext, m: Member): void {
  if (m.status !== 'running' && m.status !== 'closing') return;
  m.waiting = 'none';
  settle(ctx, m, ctx.now);
  for (let guard = 0; guard < 100_000; guard++) {
    if (m.stalledUntil > ctx.now) return sleepUntil(ctx, m, m.stalledUntil, 'stall');
    if (m.spec.processing === 'inline' && m.lanes[0].pending > 0) return sleepUntil(ctx, m, m.lanes[0].freeAt, 'work');
    const step = m.program.pop();
    if (step) {
      if (step.k === 'process') {
        const n = step.items.reduce((k, r) => k + r.to - r.from, 0);
        const pending = pendingRecords(m);
        if (m.spec.processing !== 'inline' && pending > 0 && pending + n > m.spec.queueCapacity) {
          // The hand-off queue is full: put() blocks the poll thread until workers make room.
          m.program.push(step);
          return sleepUntil(ctx, m, nextFinish(m), 'space');
        }
        enqueue(ctx, m, step.items);
        settle(ctx, m, ctx.now);
        continue;
      }
      const offsets = step.offsets ?? processedWatermarks(m);
      const r = commitOffsets(ctx, m, offsets, { sync: step.sync, auto: false, since: step.since });
      if (r === 'sent') {
        m.appToken++;
        m.waiting = 'commit';
        return;
      }
      if (r === 'failed' && step.sync) m.program = [];
      continue;
    }
    if (m.status === 'closing') return closeStep(ctx, m);
    const records = poll(ctx, m);
    if (!records) return sleepUntil(ctx, m, ctx.now + m.spec.pollTimeoutMs, 'poll');
    m.program = buildProgram(ctx, m, records);
  }
  sleepUntil(ctx, m, ctx.now + 1, 'work');
}

/** KafkaConsumer.poll(): coordinator work, then records from the fetch buffer; null if there are none yet. */
function poll(ctx: SimContext, m: Member): Records[] | null {
  const c = m.spec.config;
  m.polls++;
  m.lastPollAt = ctx.now;
  if (m.rejoinNeeded && m.coordinator > 0 && (m.joinState === 'none' || m.joinState === 'stable')) onJoinPrepare(ctx, m);
  const active = ensureActiveGroup(ctx, m);
  if (c['enable.auto.commit'] && ctx.now >= m.nextAutoCommit) {
    m.nextAutoCommit = ctx.now + c['auto.commit.interval.ms'];
    commitOffsets(ctx, m, allConsumed(m), { sync: false, auto: true, since: ctx.now });
  }
  if (!active) return null;
  updateFetchPositions(ctx, m);
  const out = collect(m, c['max.poll.records']);
  sendFetches(ctx, m);
  if (out.length === 0) return null;
  if (ctx.lab.detail) {
    const n = out.reduce((k, r) => k + r.to - r.from, 0);
    const ranges = new Map<PartitionId, [number, number]>();
    for (const r of out) ranges.set(r.partition, [Math.min(ranges.get(r.partition)?.[0] ?? r.from, r.from), r.to - 1]);
    noteConsumer(ctx, m.name, groupOf(ctx, m).id, 'polled', { records: n, generation: m.generation, ranges: [...ranges].map(([p, [a, b]]) => `${ctx.partitions[p].name}[${a}..${b}]`).join(' ') });
  }
  return out;
}

/** Before (re)joining: auto-commit what was consumed, then give up every partition (eager rebalance). */
function onJoinPrepare(ctx: SimContext, m: Member): void {
  const g = groupOf(ctx, m);
  if (m.spec.config['enable.auto.commit']) commitOffsets(ctx, m, allConsumed(m), { sync: false, auto: true, since: ctx.now });
  if (m.assignment.length) {
    const lost = m.generation < 0;
    noteConsumer(ctx, m.name, g.id, lost ? 'lost' : 'revoked', { generation: m.generation, partitions: m.assignment.map((p) => ctx.partitions[p].name).join(',') });
  }
  m.assignment = [];
  m.position.clear();
  m.buffers.clear();
  m.awaitingOffsets.clear();
  m.resetting.clear();
  m.epochs.clear();
  m.validating.clear();
  m.joinState = 'none';
}

export function onAssigned(ctx: SimContext, m: Member, assignment: PartitionId[]): void {
  m.assignment = [...assignment].sort((a, b) => a - b);
  m.position.clear();
  m.buffers.clear();
  m.resetting.clear();
  m.epochs.clear();
  m.validating.clear();
  m.awaitingOffsets = new Set(m.assignment);
  noteConsumer(ctx, m.name, groupOf(ctx, m).id, 'assigned', { generation: m.generation, partitions: m.assignment.map((p) => ctx.partitions[p].name).join(',') });
  wakeApp(ctx, m, 'assigned');
}

function collect(m: Member, max: number): Records[] {
  const out: Records[] = [];
  const n = m.assignment.length;
  let budget = max;
  for (let k = 0; k < n && budget > 0; k++) {
    const p = m.assignment[(m.polls + k) % n];
    const buf = m.buffers.get(p);
    let pos = m.position.get(p);
    if (!buf || pos === undefined) continue;
    while (budget > 0 && buf.batches.length) {
      const b = buf.batches[0];
      if (b.endOffset <= pos) {
        buf.batches.shift();
        continue;
      }
      const from = Math.max(pos, b.baseOffset);
      const to = Math.min(b.endOffset, buf.end, from + budget);
      if (to <= from) break;
      out.push({ partition: p, batch: b, from, to });
      noteConsumedEpoch(m, p, b.leaderEpoch, from);
      budget -= to - from;
      pos = to;
      if (to >= b.endOffset) buf.batches.shift();
      else break;
    }
    m.position.set(p, pos);
    if (buf.batches.length === 0 || pos >= buf.end) m.buffers.delete(p);
  }
  return out;
}

function sendFetches(ctx: SimContext, m: Member): void {
  const byLeader = new Map<number, [PartitionId, number, number][]>();
  let unknown = false;
  for (const p of m.assignment) {
    if (m.buffers.has(p) || m.validating.has(p)) continue;
    const pos = m.position.get(p);
    if (pos === undefined) continue;
    // Fetches go to the position's current leader, with its epoch (FENCED_LEADER_EPOCH if stale).
    const e = m.epochs.get(p);
    const l = e && e.leader >= 0 ? { leader: e.leader, epoch: e.leaderEpoch } : m.leaders.get(p);
    if (!l || l.leader < 0) {
      unknown = true;
      continue;
    }
    if (m.fetching.has(l.leader)) continue;
    let list = byLeader.get(l.leader);
    if (!list) byLeader.set(l.leader, (list = []));
    // Fetch v9+ carries the consumer's current leader epoch (KIP-320); an older consumer sends none (-1), so
    // the broker checks nothing and a position past a truncated log end is only OFFSET_OUT_OF_RANGE.
    list.push([p, pos, ctx.rules.consumerTruncationDetection ? l.epoch : -1]);
  }
  if (unknown) requestMetadata(ctx, m, m.assignment);
  for (const [b, parts] of byLeader) {
    m.fetching.add(b);
    sendRequest(ctx, m, b, { kind: 'fetch', partitions: parts });
  }
}

export function handleFetchResponse(ctx: SimContext, m: Member, broker: number, parts: FetchedPartition[], err: string | null): void {
  m.fetching.delete(broker);
  if (err) return requestMetadata(ctx, m, m.assignment);
  let wake = false;
  let meta = false;
  for (const fp of parts) {
    const pos = m.position.get(fp.partition);
    if (pos === undefined || pos !== fp.fetchOffset || m.buffers.has(fp.partition)) continue;
    // UNKNOWN_LEADER_EPOCH (the broker is behind the consumer's metadata) is simply retried.
    if (fp.error === 'NOT_LEADER_OR_FOLLOWER' || fp.error === 'FENCED_LEADER_EPOCH') meta = true;
    else if (fp.error === 'OFFSET_OUT_OF_RANGE') {
      // FetchCollector.handleInitializeErrors: reset by policy. After an unclean election the
      // new leader's epoch has normally been validated first (fetchPositions.ts), so this is
      // what a position with no epoch (an epoch-less commit, an old client) still runs into.
      noteConsumer(ctx, m.name, groupOf(ctx, m).id, 'out-of-range', { partition: ctx.partitions[fp.partition].name, offset: pos });
      m.position.delete(fp.partition);
      m.epochs.delete(fp.partition);
      m.resetting.set(fp.partition, pos);
      wake = true;
    } else if (fp.batches.length) {
      m.buffers.set(fp.partition, { batches: fp.batches.slice(), end: fp.hw });
      wake = true;
    }
  }
  if (meta) requestMetadata(ctx, m, m.assignment);
  if (wake) wakeApp(ctx, m, 'records');
}

/** The steps the app runs for one poll's records, as a stack (next step last). */
function buildProgram(ctx: SimContext, m: Member, records: Records[]): AppStep[] {
  const s = m.spec;
  const sync = s.commitApi === 'sync';
  const since = ctx.now;
  // Kafka's rule: commit the offset of the next record to read. The off-by-one app commits the last one it processed.
  const back = s.commitOffset === 'last-processed' ? 1 : 0;
  const ends = (rs: Records[]): [PartitionId, number][] => {
    const e = new Map<PartitionId, number>();
    for (const r of rs) e.set(r.partition, Math.max(e.get(r.partition) ?? 0, r.to - back));
    return [...e.entries()];
  };
  const steps: AppStep[] = [];
  if (s.commit === 'auto') steps.push({ k: 'process', items: records });
  else if (s.commitPer === 'record') {
    for (const r of records) {
      for (let o = r.from; o < r.to; o++) {
        const one: Records = { partition: r.partition, batch: r.batch, from: o, to: o + 1 };
        const commit: AppStep = { k: 'commit', offsets: [[r.partition, o + 1 - back]], sync, since };
        if (s.commit === 'before-process') steps.push(commit, { k: 'process', items: [one] });
        else steps.push({ k: 'process', items: [one] }, commit);
      }
    }
  } else if (s.commit === 'before-process') steps.push({ k: 'commit', offsets: ends(records), sync, since }, { k: 'process', items: records });
  else steps.push({ k: 'process', items: records }, { k: 'commit', offsets: s.processing === 'inline' ? ends(records) : null, sync, since });
  void (ctx.consumers as ConsumerWorld);
  return steps.reverse();
}
