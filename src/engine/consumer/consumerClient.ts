/**
 * The consumer's group membership (ConsumerCoordinator / AbstractCoordinator):
 * find the coordinator, JoinGroup, SyncGroup (the leader runs the assignor),
 * and the background heartbeat thread, which keeps heartbeating while the
 * application is busy but makes the member leave the group once poll() has
 * not been called for max.poll.interval.ms. Responses are routed from here.
 */
import type { SimContext } from '../core/context.ts';
import { reconnect } from '../core/network.ts';
import type { ConsumerRequest, ConsumerResponse, ConsumerWorld, Member } from '../core/consumerModel.ts';
import { emptyBody, sendRequest, sendToCoordinator } from './consumerRequests.ts';
import { disconnected } from '../core/connections.ts';
import { noteConsumer } from './consumerTrace.ts';
import { LEAVE_POLL_TIMEOUT } from './consumerEventCodes.ts';
import { assign } from './assignor.ts';
import { handleCommitResponse } from './offsetCommit.ts';
import { handleFetchResponse, onAssigned, wakeApp } from './pollLoop.ts';
import { handleEpochEndOffsets, handleListOffsets, handleOffsetFetch } from './fetchPositions.ts';
import { brokerNode } from '../core/model.ts';

const world = (ctx: SimContext) => ctx.consumers as ConsumerWorld;
export const groupOf = (ctx: SimContext, m: Member) => world(ctx).groups[m.group];

const COORDINATOR_LOST = new Set(['NOT_COORDINATOR', 'COORDINATOR_NOT_AVAILABLE', 'NETWORK_EXCEPTION', 'REQUEST_TIMED_OUT', 'COORDINATOR_LOAD_IN_PROGRESS']);

export const inFlight = (m: Member, kind: ConsumerRequest['kind']) => {
  for (const r of m.requests.values()) if (r.kind === kind) return true;
  return false;
};

export function findCoordinator(ctx: SimContext, m: Member): void {
  if (inFlight(m, 'find-coordinator')) return;
  // Any broker answers FindCoordinator (the client's least-loaded node).
  sendRequest(ctx, m, 1 + ctx.rng.int(ctx.brokers.length), { kind: 'find-coordinator', group: groupOf(ctx, m).id });
}

/**
 * AbstractCoordinator.markCoordinatorUnknown: forget the coordinator and
 * disconnect from it ("Requesting disconnect from last known coordinator"), so
 * every request still waiting there fails as disconnected; then look it up again.
 */
export function markCoordinatorUnknown(ctx: SimContext, m: Member): void {
  const old = m.coordinator;
  m.coordinator = -1;
  if (old > 0) {
    reconnect(ctx.net, m.name, brokerNode(old));
    for (const [reqId, p] of m.requests) {
      if (p.broker === old) ctx.timer(m.name, 0, { type: 'consumer', body: { kind: 'request-failed', member: m.index, reqId, error: 'NETWORK_EXCEPTION' } });
    }
  }
  findCoordinator(ctx, m);
}

/** Called from poll(): (re)join if needed. Returns true while the member has a usable assignment. */
export function ensureActiveGroup(ctx: SimContext, m: Member): boolean {
  if (m.coordinator < 0) {
    findCoordinator(ctx, m);
    return m.joinState === 'stable' && !m.rejoinNeeded;
  }
  if (m.joinState === 'stable' && !m.rejoinNeeded) return true;
  if (m.joinState === 'joining' || m.joinState === 'syncing') return false;
  sendJoin(ctx, m);
  return false;
}

export function sendJoin(ctx: SimContext, m: Member): void {
  const c = m.spec.config;
  m.joinState = 'joining';
  // The JoinGroup request may wait at the coordinator for the whole rebalance.
  const timeout = Math.max(c['request.timeout.ms'], c['max.poll.interval.ms'] + 5000);
  sendToCoordinator(ctx, m, { kind: 'join', group: groupOf(ctx, m).id, memberId: m.memberId, groupInstanceId: c['group.instance.id'], protocols: c['partition.assignment.strategy'].split(','), topic: m.spec.topic, sessionTimeoutMs: c['session.timeout.ms'], rebalanceTimeoutMs: c['max.poll.interval.ms'] }, {}, timeout);
}

function resetGeneration(m: Member, memberIdToo: boolean): void {
  m.generation = -1;
  if (memberIdToo) m.memberId = '';
  m.joinState = 'none';
  m.rejoinNeeded = true;
}

export function handleResponse(ctx: SimContext, m: Member, resp: ConsumerResponse): void {
  const pending = m.requests.get(resp.reqId);
  if (!pending) return;
  m.requests.delete(resp.reqId);
  const err = resp.error;
  // A reset or refused connection: the next request to that broker opens a new one.
  if (err === 'NETWORK_EXCEPTION' && resp.broker > 0) disconnected(ctx, m.conns, resp.broker);
  switch (resp.kind) {
    case 'find-coordinator':
      if (err || resp.coordinator < 0) {
        ctx.timer(m.name, m.spec.config['retry.backoff.ms'], { type: 'consumer', body: { kind: 'app', member: m.index, token: m.appToken } });
        return;
      }
      m.coordinator = resp.coordinator;
      return wakeApp(ctx, m, 'coordinator');
    case 'metadata':
      for (const p of resp.partitions) {
        const known = m.leaders.get(p.id);
        if (!known || p.epoch >= known.epoch) m.leaders.set(p.id, { leader: p.leader, epoch: p.epoch });
      }
      return;
    case 'join':
      if (err) {
        if (err === 'UNKNOWN_MEMBER_ID') resetGeneration(m, true);
        else if (COORDINATOR_LOST.has(err)) markCoordinatorUnknown(ctx, m);
        m.joinState = 'none';
        return wakeApp(ctx, m, 'join failed');
      }
      m.memberId = resp.memberId;
      m.generation = resp.generation;
      m.joinState = 'syncing';
      startHeartbeats(ctx, m);
      sendSync(ctx, m, resp);
      return;
    case 'sync':
      if (err) {
        if (err === 'UNKNOWN_MEMBER_ID' || err === 'ILLEGAL_GENERATION') resetGeneration(m, err === 'UNKNOWN_MEMBER_ID');
        else if (COORDINATOR_LOST.has(err)) markCoordinatorUnknown(ctx, m);
        m.joinState = 'none';
        m.rejoinNeeded = true;
        return wakeApp(ctx, m, 'sync failed');
      }
      m.joinState = 'stable';
      m.rejoinNeeded = false;
      return onAssigned(ctx, m, resp.assignment);
    case 'heartbeat':
      if (!err) m.sessionRenewedAt = ctx.now;
      // HeartbeatResponseHandler ignores errors about a generation the member has already left behind.
      if (!err || pending.generation !== m.generation) return;
      if (err === 'REBALANCE_IN_PROGRESS') m.rejoinNeeded = true;
      else if (err === 'ILLEGAL_GENERATION' || err === 'UNKNOWN_MEMBER_ID') {
        noteConsumer(ctx, m.name, groupOf(ctx, m).id, 'fenced', { error: err, generation: m.generation });
        resetGeneration(m, err === 'UNKNOWN_MEMBER_ID');
      } else if (COORDINATOR_LOST.has(err)) markCoordinatorUnknown(ctx, m);
      return;
    case 'leave':
      return;
    case 'commit':
      return handleCommitResponse(ctx, m, pending, err);
    case 'offset-fetch':
      if (err) {
        if (COORDINATOR_LOST.has(err)) markCoordinatorUnknown(ctx, m);
        return wakeApp(ctx, m, 'offset fetch failed');
      }
      return handleOffsetFetch(ctx, m, resp.offsets);
    case 'list-offsets':
      return handleListOffsets(ctx, m, resp.offsets);
    case 'offsets-for-leader-epoch':
      return handleEpochEndOffsets(ctx, m, pending, resp.partitions, err);
    case 'fetch':
      return handleFetchResponse(ctx, m, pending.broker, resp.partitions, err);
  }
}

function sendSync(ctx: SimContext, m: Member, resp: Extract<ConsumerResponse, { kind: 'join' }>): void {
  let assignments: [string, number[]][] | null = null;
  if (resp.leader === m.memberId) {
    // The leader assigns on the client (ConsumerCoordinator.onLeaderElected) with the chosen strategy.
    const g = groupOf(ctx, m);
    const owned = new Map<string, number[]>();
    for (const mem of g.members.values()) owned.set(mem.memberId, mem.assignment);
    const result = assign(resp.protocol, g.partitions, resp.members.map((x) => ({ memberId: x.memberId, owned: owned.get(x.memberId) ?? [] })));
    assignments = [...result.entries()];
  }
  sendToCoordinator(ctx, m, { kind: 'sync', group: groupOf(ctx, m).id, memberId: m.memberId, generation: m.generation, assignments });
}

function startHeartbeats(ctx: SimContext, m: Member): void {
  m.hbToken++;
  m.sessionRenewedAt = ctx.now;
  ctx.timer(m.name, m.spec.config['heartbeat.interval.ms'], { type: 'consumer', body: { kind: 'heartbeat', member: m.index, token: m.hbToken } });
}

/** The heartbeat thread's loop body. */
export function heartbeatTick(ctx: SimContext, m: Member): void {
  const c = m.spec.config;
  if (m.status !== 'running' && m.status !== 'closing') return;
  // The heartbeat thread is disabled while the member is (re)joining (MemberState.PREPARING_REBALANCE);
  // the coordinator keeps a member that waits for its JoinGroup answer alive.
  if (m.generation < 0 || m.memberId === '' || m.joinState === 'none' || m.joinState === 'joining') {
    ctx.timer(m.name, c['heartbeat.interval.ms'], { type: 'consumer', body: { kind: 'heartbeat', member: m.index, token: m.hbToken } });
    return;
  }
  const pollDeadline = m.lastPollAt + c['max.poll.interval.ms'];
  if (m.status === 'running' && ctx.now >= pollDeadline) {
    // AbstractCoordinator.HeartbeatThread: "consumer poll timeout has expired" -> maybeLeaveGroup.
    const g = groupOf(ctx, m);
    noteConsumer(ctx, m.name, g.id, 'poll-timeout', { generation: m.generation, lastPoll: m.lastPollAt, maxPollIntervalMs: c['max.poll.interval.ms'] });
    // maybeLeaveGroup: "only dynamic members will send LeaveGroupRequest" (KIP-345); a static member only forgets its generation.
    if (m.coordinator > 0 && !c['group.instance.id']) sendRequest(ctx, m, m.coordinator, { kind: 'leave', group: g.id, memberId: m.memberId, reason: LEAVE_POLL_TIMEOUT });
    resetGeneration(m, true);
    return;
  }
  if (m.coordinator > 0 && ctx.now - m.sessionRenewedAt >= c['session.timeout.ms']) {
    // HeartbeatThread: "session timed out without receiving a heartbeat response": the coordinator
    // may be gone (a cut link, a powered-off host), so look for it again instead of waiting out request.timeout.ms.
    m.sessionRenewedAt = ctx.now;
    markCoordinatorUnknown(ctx, m);
  }
  if (m.coordinator < 0) findCoordinator(ctx, m);
  else if (!inFlight(m, 'heartbeat')) sendRequest(ctx, m, m.coordinator, { kind: 'heartbeat', group: groupOf(ctx, m).id, memberId: m.memberId, generation: m.generation });
  const next = m.status === 'running' ? Math.min(ctx.now + c['heartbeat.interval.ms'], pollDeadline) : ctx.now + c['heartbeat.interval.ms'];
  ctx.timer(m.name, Math.max(1, next - ctx.now), { type: 'consumer', body: { kind: 'heartbeat', member: m.index, token: m.hbToken } });
}

export function onRequestTimeout(ctx: SimContext, m: Member, reqId: number): void {
  const p = m.requests.get(reqId);
  if (!p) return;
  // The client closes the connection that stopped answering and will open a new one.
  reconnect(ctx.net, m.name, brokerNode(p.broker));
  disconnected(ctx, m.conns, p.broker);
  failRequest(ctx, m, reqId, 'REQUEST_TIMED_OUT');
}

/** A request that ends without a broker's answer, handled as a response carrying `error`. */
export function failRequest(ctx: SimContext, m: Member, reqId: number, error: string): void {
  const p = m.requests.get(reqId);
  if (!p) return;
  const body = emptyBody({ kind: p.kind, memberId: m.memberId } as ConsumerRequest);
  handleResponse(ctx, m, { ...body, reqId, member: m.index, broker: p.broker, error } as ConsumerResponse);
}

/** Asks a broker where the leaders of these partitions are. */
export function requestMetadata(ctx: SimContext, m: Member, partitions: number[]): void {
  if (inFlight(m, 'metadata')) return;
  sendRequest(ctx, m, 1 + ctx.rng.int(ctx.brokers.length), { kind: 'metadata', partitions });
}
