/**
 * Follower replication as Kafka does it: followers fetch from the leader; the
 * leader learns each follower's LEO from the fetch offset, advances the high
 * watermark to the smallest LEO in the ISR, and followers learn the HW on
 * their next fetch. ISR shrink/expand go through AlterPartition (KIP-497).
 * Source: Partition.scala (updateFollowerFetchState, maybeExpandIsr,
 * maybeShrinkIsr, maybeIncrementLeaderHW), Replica.scala, AbstractFetcherThread.
 */
import { brokerOf, runtimeOf, type FetchPartitionRequest, type NetBody, type SimContext } from '../core/context.ts';
import { appendBatch, endOffsetForEpoch, lastBatchEpoch, readFrom, truncateTo } from './log.ts';
import { brokerNode, type Broker, type BrokerId, type PartitionId, type Replica } from '../core/model.ts';
import { completeDelayedProduces } from './purgatory.ts';
import { maybeFlush } from './durability.ts';
import { because, type Reason } from '../core/reasons.ts';
import { addHistory, wasRemoved } from './batchHistory.ts';
import { connectFor, FETCHER_CONNECTION } from '../core/connections.ts';
import { reconnect } from '../core/network.ts';
import { baseOffsetOf } from '../core/logColumns.ts';

const MAX_BATCHES_PER_FETCH = 64;

export const isLeader = (br: Broker, p: PartitionId): boolean => br.status === 'running' && br.meta.get(p)?.leader === br.id;

/** Since Kafka 3.7 the rules use min(min.insync.replicas, replication factor) (Partition.effectiveMinIsr). */
export const effectiveMinIsr = (ctx: SimContext, p: PartitionId): number => Math.min(ctx.partitions[p].minIsr, ctx.partitions[p].assignment.length);

/** Replica.isCaughtUp: the follower has the leader's log end, or caught up within replica.lag.time.max.ms. */
function isCaughtUp(ctx: SimContext, br: Broker, r: Replica, b: BrokerId): boolean {
  const f = r.followers.get(b);
  if (!f) return false;
  return f.leo === r.leo || ctx.now - f.lastCaughtUpTime <= br.config['replica.lag.time.max.ms'];
}

/** isReplicaIsrEligible: not fenced and not shutting down, as far as this broker can tell (KIP-841). */
function isrEligible(ctx: SimContext, b: BrokerId): boolean {
  const other = brokerOf(ctx, b);
  return !other.fenced && !other.shuttingDown;
}

/** The ISR used for the HW: the committed ISR plus a pending expansion (KIP-497 "maximal ISR"). */
export function maximalIsr(br: Broker, p: PartitionId): BrokerId[] {
  const isr = br.meta.get(p)!.isr;
  const pending = br.replicas.get(p)!.pendingIsr;
  if (pending && pending.length > isr.length) return pending;
  return isr;
}

// ---- follower side ----------------------------------------------------------

export function scheduleFetch(ctx: SimContext, br: Broker, r: Replica, delayMs: number): void {
  ctx.timer(brokerNode(br.id), delayMs + r.slowMs, { type: 'fetch', partition: r.partition, session: r.fetchSessionId });
}

export function sendFetch(ctx: SimContext, br: Broker, p: PartitionId): void {
  const r = br.replicas.get(p)!;
  const meta = br.meta.get(p);
  if (!meta || meta.leader === -1 || meta.leader === br.id || br.status !== 'running') return;
  r.fetching = true;
  r.fetchSeq++;
  const timeout = br.config['replica.socket.timeout.ms'];
  // NetworkClientUtils.awaitReady: the connection must be up within replica.socket.timeout.ms; to a silent
  // leader the attempt fails at the setup timeout ("Connection to N failed") and the fetch with it.
  const failIn = connectFor(ctx, brokerNode(br.id), runtimeOf(ctx, br.id).fetcherConns, meta.leader, FETCHER_CONNECTION);
  ctx.timer(brokerNode(br.id), failIn > 0 ? Math.min(failIn, timeout) : timeout, { type: 'fetch-timeout', partition: p, session: r.fetchSessionId, seq: r.fetchSeq });
  if (failIn > 0) return;
  ctx.send(brokerNode(br.id), brokerNode(meta.leader), {
    type: 'fetch',
    partition: p,
    replica: br.id,
    fetchOffset: r.leo,
    lastFetchedEpoch: ctx.lab.truncation === 'leader-epoch' ? lastBatchEpoch(r, ctx.batches) : -1,
    leaderEpoch: meta.leaderEpoch,
    session: r.fetchSessionId,
  });
}

/**
 * No answer within replica.socket.timeout.ms (a cut link, a powered-off leader), or no connection:
 * the fetcher closes the connection and backs off replica.fetch.backoff.ms (AbstractFetcherThread
 * handlePartitionsWithErrors).
 */
export function onFetchTimeout(ctx: SimContext, br: Broker, p: PartitionId, session: number, seq: number): void {
  const r = br.replicas.get(p);
  if (!r || r.fetchSessionId !== session || !r.fetching || r.fetchSeq !== seq) return;
  r.fetching = false;
  const leader = br.meta.get(p)?.leader;
  if (leader && leader > 0) {
    reconnect(ctx.net, brokerNode(br.id), brokerNode(leader));
    runtimeOf(ctx, br.id).fetcherConns.delete(leader);
  }
  scheduleFetch(ctx, br, r, br.config['replica.fetch.backoff.ms']);
}

export function handleFetchResponse(ctx: SimContext, br: Broker, resp: Extract<NetBody, { type: 'fetch-resp' }>): void {
  const r = br.replicas.get(resp.partition)!;
  if (resp.session !== r.fetchSessionId) return;
  r.fetching = false;
  const name = ctx.partitions[resp.partition].name;
  if (resp.error === 'OFFSET_OUT_OF_RANGE') {
    // The leader's log is shorter than ours (before KIP-101 this is how divergence showed): cut to its end.
    truncateReplica(ctx, br, r, resp.logEndOffset, { code: 'offset-out-of-range', args: { offset: r.leo, leader: resp.leader, leo: resp.logEndOffset } });
    scheduleFetch(ctx, br, r, 0);
    return;
  }
  if (resp.error) {
    // A refused connection (the leader's process is down): BrokerBlockingSender closes it.
    if (resp.error === 'NETWORK_EXCEPTION') runtimeOf(ctx, br.id).fetcherConns.delete(resp.leader);
    scheduleFetch(ctx, br, r, br.config['replica.fetch.backoff.ms']);
    return;
  }
  if (resp.diverging) {
    const d = resp.diverging;
    // AbstractFetcherThread.truncateOnFetchResponse: truncate to where our history stops matching the leader's.
    let to: number;
    let why: Reason;
    if (d.endOffset < 0) {
      to = r.hw;
      why = { code: 'no-epoch', args: { leader: resp.leader } };
    } else {
      const mine = endOffsetForEpoch(r, d.epoch);
      to = mine.epoch === d.epoch ? Math.min(d.endOffset, mine.endOffset) : mine.endOffset < 0 ? r.hw : mine.endOffset;
      why = { code: 'diverging-epoch', args: { leader: resp.leader, leaderEpoch: resp.leaderEpoch, epoch: d.epoch, endOffset: d.endOffset } };
    }
    truncateReplica(ctx, br, r, Math.min(to, r.leo), why);
    scheduleFetch(ctx, br, r, 0);
    return;
  }
  let fsyncWait = 0;
  if (resp.fetchOffset === r.leo) {
    for (const id of resp.batches) {
      if (baseOffsetOf(ctx.batches, id) !== r.leo) break;
      appendBatch(r, ctx.batches, id, ctx.now);
      addHistory(ctx.history, id, { t: ctx.now, broker: br.id, what: 'replicated', cause: -1 });
    }
    if (resp.batches.length && ctx.lab.detail) {
      ctx.record({ t: ctx.now, type: 'fetched', broker: br.id, partition: name, from: resp.fetchOffset, to: r.leo, leader: resp.leader });
    }
    fsyncWait = maybeFlush(ctx, br, r);
  }
  r.hw = Math.min(resp.hw, r.leo);
  // The fetcher thread appends and, at flush.messages, fsyncs before its next fetch.
  scheduleFetch(ctx, br, r, fsyncWait);
}

export function truncateReplica(ctx: SimContext, br: Broker, r: Replica, to: number, why: Reason): void {
  if (to >= r.leo) return;
  const from = r.leo;
  const removed = truncateTo(r, ctx.batches, to);
  const records = removed.reduce((n, b) => n + (b.endOffset - b.baseOffset), 0);
  const cause = ctx.record({ t: ctx.now, type: 'truncated', broker: br.id, partition: ctx.partitions[r.partition].name, from: to, to: from, records, ...because(why.code, why.args) });
  for (const b of removed) {
    if (!wasRemoved(ctx.history, b.id)) ctx.removed.push(b);
    addHistory(ctx.history, b.id, { t: ctx.now, broker: br.id, what: 'truncated', cause });
  }
}

// ---- leader side ------------------------------------------------------------

export function handleFetch(ctx: SimContext, br: Broker, req: FetchPartitionRequest): void {
  const p = req.partition;
  const r = br.replicas.get(p)!;
  const meta = br.meta.get(p);
  if (!meta || meta.leader !== br.id) return fetchReply(ctx, br, r, req, 'NOT_LEADER_OR_FOLLOWER', null);
  if (req.leaderEpoch < meta.leaderEpoch) return fetchReply(ctx, br, r, req, 'FENCED_LEADER_EPOCH', null);
  if (req.leaderEpoch > meta.leaderEpoch) return fetchReply(ctx, br, r, req, 'UNKNOWN_LEADER_EPOCH', null);
  if (ctx.lab.truncation === 'leader-epoch' && req.lastFetchedEpoch >= 0) {
    // Fetch v12+ validation (KIP-595 fields, KAFKA-10554): tell the follower where its history diverges.
    const e = endOffsetForEpoch(r, req.lastFetchedEpoch);
    // Partition.readRecords: no epoch at or below the follower's last one is OFFSET_OUT_OF_RANGE ("Could not
    // determine the end offset of the last fetched epoch"); the follower then truncates to the leader's log end.
    if (e.epoch < 0 || e.endOffset < 0) return fetchReply(ctx, br, r, req, 'OFFSET_OUT_OF_RANGE', null);
    if (e.epoch < req.lastFetchedEpoch || e.endOffset < req.fetchOffset) return fetchReply(ctx, br, r, req, null, e);
  }
  if (req.fetchOffset > r.leo) return fetchReply(ctx, br, r, req, 'OFFSET_OUT_OF_RANGE', null);
  updateFollowerState(ctx, r, req.replica, req.fetchOffset);
  maybeExpandIsr(ctx, br, r, req.replica);
  maybeIncrementHw(ctx, br, r);
  if (req.fetchOffset === r.leo) {
    // Nothing new: park the fetch until data arrives or replica.fetch.wait.max.ms passes.
    const rt = runtimeOf(ctx, br.id);
    let list = rt.parked.get(p);
    if (!list) rt.parked.set(p, (list = []));
    let i = list.length - 1;
    while (i >= 0 && list[i].req.replica !== req.replica) i--;
    const parked = { req, deadline: ctx.now + br.config['replica.fetch.wait.max.ms'] };
    if (i >= 0) list[i] = parked;
    else list.push(parked);
    ctx.timer(brokerNode(br.id), br.config['replica.fetch.wait.max.ms'], { type: 'fetch-wait', partition: p, replica: req.replica, session: req.session, deadline: parked.deadline });
    return;
  }
  fetchReply(ctx, br, r, req, null, null);
}

function fetchReply(ctx: SimContext, br: Broker, r: Replica, req: FetchPartitionRequest, error: string | null, diverging: { epoch: number; endOffset: number } | null): void {
  const meta = br.meta.get(req.partition);
  const batches = error || diverging ? [] : readFrom(r, ctx.batches, req.fetchOffset, MAX_BATCHES_PER_FETCH);
  ctx.send(brokerNode(br.id), brokerNode(req.replica), { type: 'fetch-resp', partition: req.partition, leader: br.id, leaderEpoch: meta?.leaderEpoch ?? -1, session: req.session, error, batches, hw: r.hw, logEndOffset: r.leo, fetchOffset: req.fetchOffset, diverging });
}

/**
 * Answers parked fetches: all of them on new data, or the one whose wait
 * expired (DelayedFetch: each parked fetch has its own timeout).
 */
export function answerParked(ctx: SimContext, br: Broker, p: PartitionId, onlyReplica?: BrokerId, session?: number, deadline?: number): void {
  const list = runtimeOf(ctx, br.id).parked.get(p);
  if (!list || list.length === 0) return;
  const r = br.replicas.get(p)!;
  const error = isLeader(br, p) ? null : 'NOT_LEADER_OR_FOLLOWER';
  let w = 0;
  for (const f of list) {
    // A wait timer answers only the fetch it was set for (an earlier timer of the same follower must not),
    // so once that fetch is answered the timer is dead for good and the queue may drop it (sim/deadTimers.ts).
    if (onlyReplica !== undefined && (f.req.replica !== onlyReplica || f.req.session !== session || f.deadline !== deadline)) list[w++] = f;
    else fetchReply(ctx, br, r, f.req, error, null);
  }
  list.length = w;
}

/** Replica.updateFetchStateOrThrow: when did this follower last catch up with the leader? */
function updateFollowerState(ctx: SimContext, r: Replica, follower: BrokerId, fetchOffset: number): void {
  let f = r.followers.get(follower);
  if (!f) {
    f = { leo: fetchOffset, lastCaughtUpTime: ctx.now, lastFetchLeaderLeo: r.leo, lastFetchTime: ctx.now };
    r.followers.set(follower, f);
  }
  if (fetchOffset >= r.leo) f.lastCaughtUpTime = ctx.now;
  else if (fetchOffset >= f.lastFetchLeaderLeo) f.lastCaughtUpTime = Math.max(f.lastCaughtUpTime, f.lastFetchTime);
  f.leo = fetchOffset;
  f.lastFetchLeaderLeo = r.leo;
  f.lastFetchTime = ctx.now;
}

/** A follower rejoins the ISR once it has reached the HW and this leader's epoch start (isFollowerInSync). */
function maybeExpandIsr(ctx: SimContext, br: Broker, r: Replica, follower: BrokerId): void {
  const meta = br.meta.get(r.partition)!;
  // Partition.canAddReplicaToIsr: nothing in flight, not in the ISR, isReplicaIsrEligible (KIP-841: not fenced or
  // shutting down); else a restarted, still fenced follower is proposed on every fetch (INELIGIBLE_REPLICA each time).
  if (r.pendingIsr || meta.isr.includes(follower) || !isrEligible(ctx, follower)) return;
  const f = r.followers.get(follower)!;
  // Partition.isFollowerInSync: LEO >= HW and >= leaderEpochStartOffset (set in makeLeader). The
  // HW alone is not enough: a leader restarted from a stale HW checkpoint would re-admit a
  // follower that lacks records it acknowledged before the crash.
  if (f.leo >= r.hw && f.leo >= r.leaderEpochStartOffset) {
    alterIsr(ctx, br, r, [...meta.isr, follower].sort((a, b) => a - b), { code: 'isr-caught-up', args: { broker: follower, leader: br.id, leo: f.leo, hw: r.hw } });
  }
}

/** The isr-expiration task: drop followers that have not caught up for replica.lag.time.max.ms. */
export function maybeShrinkIsr(ctx: SimContext, br: Broker): void {
  const lag = br.config['replica.lag.time.max.ms'];
  for (const [p, r] of br.replicas) {
    if (!isLeader(br, p) || r.pendingIsr) continue;
    const meta = br.meta.get(p)!;
    // Replica.isCaughtUp: a follower that has the leader's whole log is in sync however long ago it fetched.
    const out = meta.isr.filter((b) => b !== br.id && !isCaughtUp(ctx, br, r, b));
    if (out.length) alterIsr(ctx, br, r, meta.isr.filter((b) => !out.includes(b)), { code: 'isr-lagging', args: { brokers: out.join(', '), leader: br.id, lag } });
  }
}

function alterIsr(ctx: SimContext, br: Broker, r: Replica, isr: BrokerId[], why: Reason): void {
  const meta = br.meta.get(r.partition)!;
  r.pendingIsr = isr;
  ctx.send(brokerNode(br.id), 'controller', { type: 'alter-partition', partition: r.partition, leader: br.id, leaderEpoch: meta.leaderEpoch, partitionEpoch: meta.partitionEpoch, isr, why });
}

/**
 * Partition.maybeIncrementLeaderHW: the HW is the smallest LEO among the
 * maximal ISR and the followers caught up enough to join it
 * (shouldWaitForReplicaToJoinIsr). Since Kafka 3.7 it does not advance while
 * the committed ISR is smaller than the effective min.insync.replicas
 * (KAFKA-15583), so an acks=1 write is not exposed to consumers until enough
 * replicas hold it.
 */
export function maybeIncrementHw(ctx: SimContext, br: Broker, r: Replica): void {
  const meta = br.meta.get(r.partition)!;
  if (ctx.rules.strictMinIsrHw && meta.isr.length < effectiveMinIsr(ctx, r.partition)) return;
  // maximalIsr with the replica at hand; followers by key, not by [key, value] entries (this runs on every fetch).
  const pending = r.pendingIsr;
  const isr = pending && pending.length > meta.isr.length ? pending : meta.isr;
  let hw = r.leo;
  for (const b of r.followers.keys()) {
    const f = r.followers.get(b)!;
    if (isr.includes(b) || (isCaughtUp(ctx, br, r, b) && isrEligible(ctx, b))) hw = Math.min(hw, f.leo);
  }
  for (const b of isr) if (b !== br.id && !r.followers.has(b)) hw = 0;
  if (hw > r.hw) {
    r.hw = hw;
    if (ctx.lab.detail) ctx.record({ t: ctx.now, type: 'hw-advanced', broker: br.id, partition: ctx.partitions[r.partition].name, hw });
    completeDelayedProduces(ctx, br, r);
  }
}

export function leaderOfPartition(ctx: SimContext, p: PartitionId): Broker | undefined {
  const l = ctx.controller.partitions[p].leader;
  return l > 0 ? brokerOf(ctx, l) : undefined;
}
