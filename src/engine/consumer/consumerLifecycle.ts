/**
 * A consumer process's life: start, kill -9 (everything in memory is gone:
 * the fetch buffer, the in-memory queue, uncommitted positions; the
 * coordinator only notices after session.timeout.ms), clean close (finish the
 * work in hand, commit if auto-commit is on - KafkaConsumer.close does
 * maybeAutoCommitOffsetsSync - then LeaveGroup so the group rebalances at once),
 * restart (a new process: new member id, offsets from the coordinator) and a
 * stall (GC pause or slow downstream: the app threads stop, the heartbeat
 * thread does not).
 */
import type { SimContext } from '../core/context.ts';
import type { Fault } from '../core/faults.ts';
import type { ConsumerWorld, Member } from '../core/consumerModel.ts';
import { sendRequest } from './consumerRequests.ts';
import { noteConsumer } from './consumerTrace.ts';
import { LEAVE_CLOSING } from './consumerEventCodes.ts';
import { groupOf } from './consumerClient.ts';
import { allConsumed, commitOffsets } from './offsetCommit.ts';
import { dropLanes, initLanes, nextFinish, pendingRecords, settle, stallLanes } from './processing.ts';
import { runApp } from './pollLoop.ts';

export function startMember(ctx: SimContext, m: Member): void {
  if (m.status === 'running' || m.status === 'closing') return;
  const restart = m.lives > 0;
  m.status = 'running';
  m.lives++;
  m.incarnation++;
  m.coordinator = -1;
  m.memberId = '';
  m.generation = -1;
  m.joinState = 'none';
  m.rejoinNeeded = true;
  m.assignment = [];
  m.position = new Map();
  m.buffers = new Map();
  m.fetching = new Set();
  m.awaitingOffsets = new Set();
  m.resetting = new Map();
  m.epochs = new Map();
  m.validating = new Set();
  m.requests = new Map();
  m.conns = new Map();
  m.program = [];
  m.waiting = 'none';
  m.stalledUntil = 0;
  m.closeStage = 0;
  m.lastPollAt = ctx.now;
  m.nextAutoCommit = ctx.now + m.spec.config['auto.commit.interval.ms'];
  initLanes(m);
  // Bootstrap metadata, as the producer has it: the cluster's current leaders.
  m.leaders = new Map();
  for (const p of groupOf(ctx, m).partitions) {
    const s = ctx.controller.partitions[p];
    m.leaders.set(p, { leader: s.leader, epoch: s.leaderEpoch });
  }
  noteConsumer(ctx, m.name, groupOf(ctx, m).id, restart ? 'restarted' : 'started', { life: m.lives });
  m.appToken++;
  ctx.timer(m.name, 0, { type: 'consumer', body: { kind: 'app', member: m.index, token: m.appToken } });
}

export function crashMember(ctx: SimContext, m: Member): void {
  if (m.status !== 'running' && m.status !== 'closing') return;
  settle(ctx, m, ctx.now);
  const lost = dropLanes(m);
  m.status = 'crashed';
  m.incarnation++;
  m.appToken++;
  m.hbToken++;
  m.program = [];
  m.requests = new Map();
  m.conns = new Map();
  m.assignment = [];
  m.position = new Map();
  m.buffers = new Map();
  const g = groupOf(ctx, m);
  ctx.cause = noteConsumer(ctx, m.name, g.id, 'crashed', { lostInQueue: lost, generation: m.generation, inline: m.spec.processing === 'inline' ? 1 : 0 });
}

export function closeMember(ctx: SimContext, m: Member): void {
  if (m.status !== 'running') return;
  m.status = 'closing';
  m.closeStage = 1;
  noteConsumer(ctx, m.name, groupOf(ctx, m).id, 'closing', { autoCommit: m.spec.config['enable.auto.commit'] ? 1 : 0 });
  if (m.waiting === 'poll' || m.waiting === 'space') {
    m.appToken++;
    runApp(ctx, m);
  }
}

/** Called by the poll thread once it sees it is closing and has nothing left in its program. */
export function closeStep(ctx: SimContext, m: Member): void {
  if (pendingRecords(m) > 0) {
    // ExecutorService.shutdown + awaitTermination: workers finish what they hold.
    m.appToken++;
    m.waiting = 'work';
    ctx.timer(m.name, Math.max(0, Math.ceil(nextFinish(m) - ctx.now)), { type: 'consumer', body: { kind: 'app', member: m.index, token: m.appToken } });
    return;
  }
  const g = groupOf(ctx, m);
  if (m.closeStage === 1) {
    m.closeStage = 2;
    if (m.spec.config['enable.auto.commit']) {
      const r = commitOffsets(ctx, m, allConsumed(m), { sync: true, auto: true, since: ctx.now });
      if (r === 'sent') {
        m.appToken++;
        m.waiting = 'commit';
        return;
      }
    }
  }
  // A static member never sends LeaveGroup (KIP-345): only session.timeout.ms removes it.
  if (m.memberId && m.coordinator > 0 && !m.spec.config['group.instance.id']) sendRequest(ctx, m, m.coordinator, { kind: 'leave', group: g.id, memberId: m.memberId, reason: LEAVE_CLOSING });
  m.closeStage = 3;
  m.status = 'left';
  m.appToken++;
  m.hbToken++;
  m.assignment = [];
  m.generation = -1;
  m.memberId = '';
  m.joinState = 'none';
  noteConsumer(ctx, m.name, g.id, 'closed');
}

function stallMember(ctx: SimContext, m: Member, ms: number): void {
  if (m.status !== 'running' && m.status !== 'closing') return;
  settle(ctx, m, ctx.now);
  stallLanes(m, ctx.now, ms);
  m.stalledUntil = Math.max(m.stalledUntil, ctx.now) + ms;
  noteConsumer(ctx, m.name, groupOf(ctx, m).id, 'stalled', { ms });
  if (m.waiting !== 'commit') {
    m.appToken++;
    m.waiting = 'stall';
    ctx.timer(m.name, m.stalledUntil - ctx.now, { type: 'consumer', body: { kind: 'app', member: m.index, token: m.appToken } });
  }
}

export function applyConsumerFault(ctx: SimContext, f: Fault): void {
  if (!('consumer' in f)) return;
  const id = ctx.nodeOf(f.consumer);
  const m = id?.kind === 'consumer' ? (ctx.consumers as ConsumerWorld).members[id.index] : undefined;
  if (!m) return;
  switch (f.type) {
    case 'consumer-crash':
      return crashMember(ctx, m);
    case 'consumer-close':
      return closeMember(ctx, m);
    case 'consumer-restart':
      crashMember(ctx, m);
      return startMember(ctx, m);
    case 'consumer-add':
      return startMember(ctx, m);
    case 'consumer-stall':
      return stallMember(ctx, m, f.ms);
  }
}
