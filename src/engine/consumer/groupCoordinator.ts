/**
 * The group coordinator on a broker, classic protocol with eager rebalances:
 * JoinGroup / SyncGroup / Heartbeat / LeaveGroup / OffsetCommit / OffsetFetch,
 * session expiry, the rebalance timeout (the members' max.poll.interval.ms)
 * and group.initial.rebalance.delay.ms for an empty group.
 * Source: group-coordinator GroupCoordinator / ClassicGroup (GroupMetadata.scala,
 * GroupCoordinator.scala: handleJoinGroup, handleSyncGroup, handleHeartbeat,
 * handleCommitOffsets, onExpireHeartbeat, tryCompleteJoin, InitialDelayedJoin).
 */
import type { SimContext } from '../core/context.ts';
import type { ConsumerRequest, ConsumerTimer, ConsumerWorld, Group, GroupMemberState, RebalanceReason } from '../core/consumerModel.ts';
import { selectProtocol } from './assignor.ts';
import { coordinatorFor, ensureLoaded } from './offsetsTopic.ts';
import { reply, replyError } from './consumerRequests.ts';
import { noteConsumer } from './consumerTrace.ts';
import { becameEmpty } from './offsetExpiry.ts';

const world = (ctx: SimContext) => ctx.consumers as ConsumerWorld;
const groupNamed = (ctx: SimContext, id: string) => world(ctx).groups.find((g) => g.id === id);

/** Handles the group APIs; returns false for requests that are not the coordinator's. */
export function handleCoordinatorRequest(ctx: SimContext, broker: number, req: ConsumerRequest): boolean {
  if (req.kind === 'find-coordinator') {
    const g = groupNamed(ctx, req.group)!;
    const c = coordinatorFor(ctx, g);
    if (c < 0) replyError(ctx, broker, req, 'COORDINATOR_NOT_AVAILABLE');
    else reply(ctx, broker, req, null, { kind: 'find-coordinator', coordinator: c });
    return true;
  }
  if (req.kind !== 'join' && req.kind !== 'sync' && req.kind !== 'heartbeat' && req.kind !== 'leave' && req.kind !== 'commit' && req.kind !== 'offset-fetch') return false;
  const g = groupNamed(ctx, req.group)!;
  if (coordinatorFor(ctx, g) !== broker) {
    replyError(ctx, broker, req, 'NOT_COORDINATOR');
    return true;
  }
  ensureLoaded(ctx, broker, g, (lg, wasRebalancing) => {
    for (const mem of lg.members.values()) scheduleExpiry(ctx, lg, mem);
    if (wasRebalancing) prepareRebalance(ctx, lg, { code: 'coordinator-resumed', args: {} });
  });
  switch (req.kind) {
    case 'join':
      return join(ctx, g, req), true;
    case 'sync':
      return sync(ctx, g, req), true;
    case 'heartbeat': {
      const mem = g.members.get(req.memberId);
      if (!mem) return replyError(ctx, broker, req, 'UNKNOWN_MEMBER_ID'), true;
      if (req.generation !== g.generation) return replyError(ctx, broker, req, 'ILLEGAL_GENERATION'), true;
      touch(ctx, g, mem);
      reply(ctx, broker, req, g.state === 'PreparingRebalance' ? 'REBALANCE_IN_PROGRESS' : null, { kind: 'heartbeat' });
      return true;
    }
    case 'leave': {
      const mem = g.members.get(req.memberId);
      if (!mem) return replyError(ctx, broker, req, 'UNKNOWN_MEMBER_ID'), true;
      reply(ctx, broker, req, null, { kind: 'leave' });
      removeMember(ctx, g, mem, { code: 'member-left', args: { member: mem.consumer, leave: req.reason } });
      return true;
    }
    case 'commit': {
      const mem = g.members.get(req.memberId);
      if (!mem) return replyError(ctx, broker, req, 'UNKNOWN_MEMBER_ID'), true;
      if (req.generation !== g.generation) return replyError(ctx, broker, req, 'ILLEGAL_GENERATION'), true;
      if (g.state === 'CompletingRebalance') return replyError(ctx, broker, req, 'REBALANCE_IN_PROGRESS'), true;
      // Written to __consumer_offsets with acks=all: from here it survives any coordinator failover.
      req.offsets.forEach(([p, offset], i) => g.committed.set(p, { offset, leaderEpoch: req.epochs[i] ?? -1, at: ctx.now, consumer: mem.consumer, generation: g.generation }));
      touch(ctx, g, mem);
      reply(ctx, broker, req, null, { kind: 'commit' });
      return true;
    }
    case 'offset-fetch':
      reply(ctx, broker, req, null, { kind: 'offset-fetch', offsets: req.partitions.map((p) => [p, g.committed.get(p)?.offset ?? -1, g.committed.get(p)?.leaderEpoch ?? -1]) });
      return true;
  }
}

function join(ctx: SimContext, g: Group, req: Extract<ConsumerRequest, { kind: 'join' }>): void {
  const consumer = world(ctx).members[req.member].name;
  let mem: GroupMemberState | undefined;
  let isNew = false;
  const known = req.memberId === '' && req.groupInstanceId ? g.members.get(g.staticMembers.get(req.groupInstanceId) ?? '') : undefined;
  if (known) {
    const replaced = replaceStaticMember(ctx, g, known, req, consumer);
    if (replaced === null) return;
    mem = replaced;
  } else if (req.memberId === '') {
    // KIP-394 would first answer MEMBER_ID_REQUIRED; the lab hands out the id in one round trip.
    const memberId = `${req.groupInstanceId || consumer}-${++g.nextMemberSeq}`;
    if (req.groupInstanceId) g.staticMembers.set(req.groupInstanceId, memberId);
    mem = { memberId, groupInstanceId: req.groupInstanceId, consumer, member: req.member, sessionTimeoutMs: req.sessionTimeoutMs, rebalanceTimeoutMs: req.rebalanceTimeoutMs, protocols: req.protocols, topic: req.topic, lastHeartbeat: ctx.now, awaitingJoin: false, awaitingSync: false, joinReq: null, syncReq: null, assignment: [] };
    g.members.set(memberId, mem);
    isNew = true;
  } else {
    mem = g.members.get(req.memberId);
    if (!mem) return replyError(ctx, g.loadedBy, req, 'UNKNOWN_MEMBER_ID');
  }
  if (selectProtocol([...[...g.members.values()].filter((m) => m !== mem).map((m) => m.protocols), req.protocols]) === null) {
    if (isNew) g.members.delete(mem.memberId);
    return replyError(ctx, g.loadedBy, req, 'INCONSISTENT_GROUP_PROTOCOL');
  }
  if (!isNew && (g.state === 'Stable' || g.state === 'CompletingRebalance')) {
    // classicGroupJoinExistingMember: a member rejoining with the same metadata gets the current
    // generation back (the members too if it leads, in CompletingRebalance). Only the leader
    // rejoining a Stable group, or changed metadata, starts a rebalance.
    const same = mem.topic === req.topic && mem.protocols.join(',') === req.protocols.join(',');
    const leads = mem.memberId === g.leader;
    if (same && (g.state === 'CompletingRebalance' || !leads)) {
      touch(ctx, g, mem);
      const members = leads ? [...g.members.values()].map((x) => ({ memberId: x.memberId, topic: x.topic })) : [];
      return reply(ctx, g.loadedBy, req, null, { kind: 'join', memberId: mem.memberId, generation: g.generation, protocol: g.protocol, leader: g.leader, members });
    }
  }
  mem.protocols = req.protocols;
  mem.topic = req.topic;
  mem.awaitingJoin = true;
  mem.joinReq = { reqId: req.reqId, member: req.member };
  touch(ctx, g, mem);
  if (g.state === 'PreparingRebalance') {
    if (isNew && g.initialDelayUntil > ctx.now) {
      // InitialDelayedJoin: each new member extends the wait, up to the rebalance timeout.
      const delay = ctx.brokers[g.loadedBy - 1].config['group.initial.rebalance.delay.ms'];
      g.initialDelayUntil = Math.min(ctx.now + delay, g.rebalanceDeadline);
      ctx.timer(`b${g.loadedBy}`, g.initialDelayUntil - ctx.now, { type: 'consumer', body: { kind: 'join-deadline', group: g.index, deadline: g.initialDelayUntil } });
    }
    return maybeCompleteJoin(ctx, g);
  }
  prepareRebalance(ctx, g, { code: isNew ? 'member-joined' : 'member-rejoined', args: { member: consumer } });
}

/**
 * A static member (known group.instance.id) joins with no member id: a restarted
 * process takes the old member's place, assignment included
 * (GroupCoordinator.updateStaticMemberAndRebalance). In a Stable group whose
 * protocol does not change it gets the current generation back with the old
 * leader's id, so it will not assign, only SyncGroup for its old partitions: no
 * rebalance. Returns null when answered, else the member to carry on joining with.
 */
function replaceStaticMember(ctx: SimContext, g: Group, old: GroupMemberState, req: Extract<ConsumerRequest, { kind: 'join' }>, consumer: string): GroupMemberState | null {
  const leaderBefore = g.leader;
  const memberId = `${req.groupInstanceId}-${++g.nextMemberSeq}`;
  const mem: GroupMemberState = { ...old, memberId, consumer, member: req.member, sessionTimeoutMs: req.sessionTimeoutMs, rebalanceTimeoutMs: req.rebalanceTimeoutMs, lastHeartbeat: ctx.now, joinReq: null, syncReq: null, awaitingSync: false };
  g.members.delete(old.memberId);
  g.members.set(memberId, mem);
  g.staticMembers.set(req.groupInstanceId, memberId);
  if (g.leader === old.memberId) g.leader = memberId;
  noteConsumer(ctx, consumer, g.id, 'static-replaced', { instance: req.groupInstanceId, oldMemberId: old.memberId, memberId, state: g.state });
  const sameProtocol = selectProtocol([...g.members.values()].map((m) => (m === mem ? req.protocols : m.protocols))) === g.protocol;
  if (g.state !== 'Stable' || !sameProtocol || mem.topic !== req.topic) return mem;
  touch(ctx, g, mem);
  reply(ctx, g.loadedBy, req, null, { kind: 'join', memberId, generation: g.generation, protocol: g.protocol, leader: leaderBefore, members: [] });
  return null;
}

function sync(ctx: SimContext, g: Group, req: Extract<ConsumerRequest, { kind: 'sync' }>): void {
  const mem = g.members.get(req.memberId);
  if (!mem) return replyError(ctx, g.loadedBy, req, 'UNKNOWN_MEMBER_ID');
  if (req.generation !== g.generation) return replyError(ctx, g.loadedBy, req, 'ILLEGAL_GENERATION');
  if (g.state === 'PreparingRebalance') return replyError(ctx, g.loadedBy, req, 'REBALANCE_IN_PROGRESS');
  touch(ctx, g, mem);
  if (g.state === 'Stable') return reply(ctx, g.loadedBy, req, null, { kind: 'sync', assignment: mem.assignment });
  mem.awaitingSync = true;
  mem.syncReq = { reqId: req.reqId, member: req.member };
  if (mem.memberId !== g.leader || !req.assignments) return;
  // The leader's assignment: persisted with the group metadata, then every waiting member is answered.
  for (const m of g.members.values()) m.assignment = [];
  for (const [id, parts] of req.assignments) {
    const m = g.members.get(id);
    if (m) m.assignment = parts;
  }
  g.state = 'Stable';
  const members = [...g.members.values()].map((m) => ({ consumer: m.consumer, partitions: m.assignment.map((p) => ctx.partitions[p].name) }));
  const why = g.rebalanceReason;
  g.rebalances.push({ t: ctx.now, generation: g.generation, why, members });
  if (g.rebalances.length > 50) g.rebalances.shift();
  noteConsumer(ctx, mem.consumer, g.id, 'stable', { generation: g.generation, protocol: g.protocol, members: members.map((m) => `${m.consumer}=[${m.partitions.join(',')}]`).join(' '), ...why.args, reason: why.code });
  for (const m of g.members.values()) {
    if (!m.awaitingSync || !m.syncReq) continue;
    m.awaitingSync = false;
    respond(ctx, g, m.syncReq, { kind: 'sync', assignment: m.assignment });
    m.syncReq = null;
  }
}

function respond(ctx: SimContext, g: Group, to: { reqId: number; member: number }, body: Parameters<typeof reply>[4]): void {
  const w = world(ctx);
  reply(ctx, g.loadedBy, { kind: 'heartbeat', group: g.id, memberId: '', generation: 0, reqId: to.reqId, member: to.member, inc: w.members[to.member].incarnation }, null, body);
}

function touch(ctx: SimContext, g: Group, mem: GroupMemberState): void {
  mem.lastHeartbeat = ctx.now;
  scheduleExpiry(ctx, g, mem);
}

function scheduleExpiry(ctx: SimContext, g: Group, mem: GroupMemberState): void {
  const deadline = mem.lastHeartbeat + mem.sessionTimeoutMs;
  ctx.timer(`b${g.loadedBy}`, deadline - ctx.now, { type: 'consumer', body: { kind: 'session-expiry', group: g.index, memberId: mem.memberId, deadline } });
}

export function prepareRebalance(ctx: SimContext, g: Group, reason: RebalanceReason): void {
  const wasEmpty = g.state === 'Empty';
  // Members waiting for their assignment learn that the generation they joined is already over.
  for (const m of g.members.values()) {
    if (m.awaitingSync && m.syncReq) {
      reply(ctx, g.loadedBy, { kind: 'sync', group: g.id, memberId: m.memberId, generation: g.generation, assignments: null, reqId: m.syncReq.reqId, member: m.syncReq.member, inc: 0 }, 'REBALANCE_IN_PROGRESS', { kind: 'sync', assignment: [] });
      m.awaitingSync = false;
      m.syncReq = null;
    }
  }
  g.state = 'PreparingRebalance';
  g.emptySince = -1;
  g.rebalanceReason = reason;
  const timeout = Math.max(0, ...[...g.members.values()].map((m) => m.rebalanceTimeoutMs));
  g.rebalanceDeadline = ctx.now + timeout;
  noteConsumer(ctx, '', g.id, 'rebalance', { generation: g.generation, ...reason.args, reason: reason.code });
  const node = `b${g.loadedBy}`;
  if (wasEmpty) {
    const delay = ctx.brokers[g.loadedBy - 1].config['group.initial.rebalance.delay.ms'];
    g.initialDelayUntil = Math.min(ctx.now + delay, g.rebalanceDeadline);
    ctx.timer(node, g.initialDelayUntil - ctx.now, { type: 'consumer', body: { kind: 'join-deadline', group: g.index, deadline: g.initialDelayUntil } });
  } else g.initialDelayUntil = 0;
  ctx.timer(node, timeout, { type: 'consumer', body: { kind: 'join-deadline', group: g.index, deadline: g.rebalanceDeadline } });
  maybeCompleteJoin(ctx, g);
}

function maybeCompleteJoin(ctx: SimContext, g: Group): void {
  if (g.state !== 'PreparingRebalance' || g.initialDelayUntil > ctx.now) return;
  for (const m of g.members.values()) if (!m.awaitingJoin) return;
  completeJoin(ctx, g);
}

function completeJoin(ctx: SimContext, g: Group): void {
  const w = world(ctx);
  for (const m of [...g.members.values()]) {
    if (!m.awaitingJoin) {
      g.members.delete(m.memberId);
      noteConsumer(ctx, m.consumer, g.id, 'removed', { memberId: m.memberId });
    }
  }
  g.generation++;
  if (g.members.size === 0) {
    g.state = 'Empty';
    g.leader = '';
    becameEmpty(ctx, g);
    return;
  }
  const members = [...g.members.values()];
  g.protocol = selectProtocol(members.map((m) => m.protocols)) ?? 'range';
  if (!g.members.has(g.leader)) g.leader = members[0].memberId;
  g.state = 'CompletingRebalance';
  for (const m of members) {
    m.awaitingJoin = false;
    const isLeader = m.memberId === g.leader;
    if (m.joinReq) respond(ctx, g, m.joinReq, { kind: 'join', memberId: m.memberId, generation: g.generation, protocol: g.protocol, leader: g.leader, members: isLeader ? members.map((x) => ({ memberId: x.memberId, topic: x.topic })) : [] });
    m.joinReq = null;
    scheduleExpiry(ctx, g, m);
  }
  void w;
}

function removeMember(ctx: SimContext, g: Group, mem: GroupMemberState, reason: RebalanceReason): void {
  g.members.delete(mem.memberId);
  if (g.state === 'Stable' || g.state === 'CompletingRebalance') prepareRebalance(ctx, g, reason);
  else if (g.state === 'PreparingRebalance') {
    if (g.members.size === 0) completeJoin(ctx, g);
    else maybeCompleteJoin(ctx, g);
  }
}

export function onCoordinatorTimer(ctx: SimContext, broker: number, t: ConsumerTimer): void {
  if (t.kind !== 'session-expiry' && t.kind !== 'join-deadline') return;
  const g = world(ctx).groups[t.group];
  if (g.loadedBy !== broker || coordinatorFor(ctx, g) !== broker) return;
  if (t.kind === 'join-deadline') {
    if (g.state !== 'PreparingRebalance') return;
    if (t.deadline === g.rebalanceDeadline) {
      g.initialDelayUntil = 0;
      return completeJoin(ctx, g);
    }
    if (t.deadline === g.initialDelayUntil) {
      g.initialDelayUntil = 0;
      maybeCompleteJoin(ctx, g);
    }
    return;
  }
  const mem = g.members.get(t.memberId);
  if (!mem || mem.lastHeartbeat + mem.sessionTimeoutMs !== t.deadline) return;
  // MemberMetadata.shouldKeepAlive: a member waiting for its join or sync answer is not expired.
  if (mem.awaitingJoin || mem.awaitingSync) return;
  noteConsumer(ctx, mem.consumer, g.id, 'session-expired', { memberId: mem.memberId, sessionTimeoutMs: mem.sessionTimeoutMs });
  removeMember(ctx, g, mem, { code: 'session-timeout', args: { member: mem.consumer } });
}
