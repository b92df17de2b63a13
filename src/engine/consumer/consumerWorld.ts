/**
 * The seam between the simulation and the consumer-group model: the
 * simulation hands it consumer faults, timers and network messages; it owns
 * the members (clients + applications), the groups (coordinator state and
 * __consumer_offsets) and the per-message ledger the checker reads.
 */
import type { SimContext } from '../core/context.ts';
import type { ConsumerSpec } from '../core/consumerSpec.ts';
import type { ConsumerNet, ConsumerRequest, ConsumerWorld, ConsumerResponse, ConsumerTimer, Group, GroupLedger, Member } from '../core/consumerModel.ts';
import { trackRows } from '../core/changedRows.ts';
import { handleCoordinatorRequest, onCoordinatorTimer } from './groupCoordinator.ts';
import { handleBrokerRequest } from './consumerFetchHandler.ts';
import { failRequest, handleResponse, onRequestTimeout, heartbeatTick } from './consumerClient.ts';
import { runApp } from './pollLoop.ts';
import { startMember } from './consumerLifecycle.ts';
import { sampleLag } from './consumerLag.ts';
import { errorResponse } from './consumerRequests.ts';
import { expireOffsets } from './offsetExpiry.ts';

/** The consumer a node name stands for, through its typed node id. */
export function memberNamed(ctx: SimContext, name: string): Member | undefined {
  const id = ctx.nodeOf(name);
  return id?.kind === 'consumer' ? ctx.consumers?.members[id.index] : undefined;
}

/** A consumer-group message reaches `to` (a broker: coordinator or partition leader; or a member). */
export function deliverConsumer(c: SimContext, to: string, body: ConsumerNet): void {
  if (body.dir === 'req') {
    const node = c.nodeOf(to);
    if (node?.kind !== 'broker') return;
    const b = node.index;
    if (!handleCoordinatorRequest(c, b, body.req)) handleBrokerRequest(c, b, body.req);
    return;
  }
  const m = memberNamed(c, to);
  if (m) handleResponse(c, m, body.resp);
}

/** A consumer-side timer fires (members' and coordinators' timers, lag samples). */
export function onConsumerTimer(c: SimContext, node: string, t: ConsumerTimer): void {
  const world = worldOf(c);
  const members = world.members;
  switch (t.kind) {
    case 'start':
      return startMember(c, members[t.member]);
    case 'app':
      if (t.token === members[t.member].appToken) runApp(c, members[t.member]);
      return;
    case 'heartbeat':
      if (t.token === members[t.member].hbToken) heartbeatTick(c, members[t.member]);
      return;
    case 'request-timeout':
      return onRequestTimeout(c, members[t.member], t.reqId);
    case 'request-failed':
      return failRequest(c, members[t.member], t.reqId, t.error);
    case 'offsets-expiry':
      return expireOffsets(c, world.groups[t.group], t.emptySince);
    case 'lag-sample':
      sampleLag(c, world);
      c.timer(LAB_NODE, world.sampleEveryMs, { type: 'consumer', body: { kind: 'lag-sample' } });
      return;
    default:
      return onCoordinatorTimer(c, c.nodeOf(node)!.index, t);
  }
}

/** What the host's TCP stack answers when a request reaches a dead broker process. */
export function refusedReply(body: ConsumerNet, broker: number): ConsumerNet | null {
  if (body.dir !== 'req') return null;
  return { dir: 'resp', resp: errorResponse(body.req, broker, 'NETWORK_EXCEPTION') };
}

export const LAB_NODE = 'lab';

export function newLedger(): GroupLedger {
  const n = 1024;
  return trackRows({
    processed: new Uint8Array(n),
    firstSeq: new Int32Array(n),
    firstBy: new Int16Array(n),
    firstGen: new Int32Array(n),
    firstAt: new Float64Array(n),
    repeats: { n: 0, id: new Int32Array(64), member: new Int16Array(64), generation: new Int32Array(64), life: new Int32Array(64), t: new Float64Array(64) },
    deduplicated: 0,
    resets: [],
    lag: [],
    processedCount: 0,
  });
}

export function createConsumerWorld(ctx: SimContext, specs: ConsumerSpec[], until: number): ConsumerWorld {
  const groups: Group[] = [];
  const groupIdx = new Map<string, number>();
  for (const s of specs) {
    if (groupIdx.has(s.group)) continue;
    groupIdx.set(s.group, groups.length);
    groups.push({
      id: s.group,
      index: groups.length,
      topic: s.topic,
      partitions: ctx.partitions.filter((p) => p.topic === s.topic).map((p) => p.id),
      state: 'Empty',
      generation: 0,
      protocol: '',
      leader: '',
      members: new Map(),
      committed: new Map(),
      loadedBy: -1,
      loadedInc: -1,
      rebalanceDeadline: 0,
      emptySince: 0,
      rebalanceReason: { code: 'member-joined', args: {} }, // set by every prepareRebalance
      initialDelayUntil: 0,
      nextMemberSeq: 0,
      staticMembers: new Map(),
      rebalances: [],
      ledger: newLedger(),
    });
  }
  const members: Member[] = specs.map((spec, index) => ({
    index,
    name: spec.name,
    spec,
    group: groupIdx.get(spec.group)!,
    status: 'idle',
    incarnation: 0,
    lives: 0,
    coordinator: -1,
    memberId: '',
    generation: -1,
    joinState: 'none',
    rejoinNeeded: true,
    assignment: [],
    position: new Map(),
    buffers: new Map(),
    fetching: new Set(),
    awaitingOffsets: new Set(),
    resetting: new Map(),
    epochs: new Map(),
    validating: new Set(),
    closeStage: 0,
    leaders: new Map(),
    requests: new Map(),
    conns: new Map(),
    lastPollAt: 0,
    nextAutoCommit: 0,
    stalledUntil: 0,
    program: [],
    waiting: 'none',
    appToken: 0,
    hbToken: 0,
    sessionRenewedAt: 0,
    lanes: [],
    polls: 0,
    commitsFailed: 0,
  }));
  const world: ConsumerWorld = {
    members,
    groups,
    nextReq: 0,
    offsetsLeader: new Map(),
    // About 200 lag samples per run, at least one per second.
    sampleEveryMs: Math.max(1000, Math.ceil(until / 200 / 1000) * 1000),
  };
  ctx.consumers = world;
  ctx.registerNode(LAB_NODE, { kind: 'lab', index: 0 });
  for (const m of members) {
    ctx.registerNode(m.name, { kind: 'consumer', index: m.index });
    if (m.spec.startAt !== null) ctx.timer(LAB_NODE, m.spec.startAt, { type: 'consumer', body: { kind: 'start', member: m.index } });
  }
  if (members.length) ctx.timer(LAB_NODE, 0, { type: 'consumer', body: { kind: 'lag-sample' } });
  return world;
}

export const worldOf = (ctx: SimContext): ConsumerWorld => ctx.consumers as ConsumerWorld;

export type { ConsumerRequest, ConsumerResponse };
