/**
 * Idle time costs nothing. A quiet cluster still runs its periodic machinery
 * (controller ticks every 250 ms, follower long polls every 500 ms, broker
 * heartbeats, checkpoints), and none of it changes anything while nobody
 * writes, nobody reads and nothing is broken. So when the run is quiescent the
 * simulation jumps over the quiet stretch up to the next scheduled thing that
 * comes from outside (a fault, a producer or consumer starting, a lag sample,
 * an offsets-expiry check, the end of the run): every other queued event and
 * every "last seen at" clock is moved forward by the same amount, which keeps
 * their phases exactly as they were. Without it, 8 simulated days of an idle
 * consumer group took minutes; with it, milliseconds.
 * What it skips would only have repeated: no record moves, no timeout can fire
 * (every follower is caught up, every broker heartbeats, the page cache is
 * written back, the HW checkpointed, every offset committed), no RNG draw is due.
 */
import type { SimContext, SimEvent } from '../core/context.ts';
import type { Member } from '../core/consumerModel.ts';
import { earliestWhere, reschedule, type EventQueue } from '../core/eventQueue.ts';
import { isQuiet } from '../core/network.ts';
import { runtimeOf } from '../core/context.ts';
import { LAB_NODE } from '../consumer/consumerWorld.ts';
import { dirtyCount } from '../broker/dirtyMarks.ts';
import { deadForever } from './deadTimers.ts';

/** Keep this much ordinary running before the next outside event, and skip nothing shorter than MIN_SKIP_MS. */
const MARGIN_MS = 1000;
const MIN_SKIP_MS = 10_000;

/** Events scheduled from outside the cluster's own rhythm: they keep their time. */
function anchored(e: SimEvent): boolean {
  if (e.k === 'fault') return true;
  if (e.k !== 'timer') return false;
  return e.node === LAB_NODE || e.body.type === 'app-send';
}

/**
 * Nothing is in motion: every replica caught up, every producer done or not
 * started, every consumer process idle (or none), no faults in force.
 */
export function quiescent(ctx: SimContext): boolean {
  if (!isQuiet(ctx.net)) return false;
  for (const br of ctx.brokers) {
    if (br.status !== 'running' || !br.registered || br.fenced || br.stopping || br.shuttingDown) return false;
    if (runtimeOf(ctx, br.id).purgatory.size > 0) {
      for (const list of runtimeOf(ctx, br.id).purgatory.values()) if (list.length) return false;
    }
  }
  for (const cp of ctx.controller.partitions) {
    const info = ctx.partitions[cp.id];
    if (cp.leader <= 0 || cp.isr.length !== info.assignment.length) return false;
    const leader = ctx.brokers[cp.leader - 1].replicas.get(cp.id);
    if (!leader) return false;
    for (const b of info.assignment) {
      const r = ctx.brokers[b - 1].replicas.get(cp.id);
      if (!r || r.leo !== leader.leo || r.hw !== leader.leo || r.pendingIsr) return false;
      // Dirty pages would be written back and the HW checkpointed during the stretch: wait until they are.
      if (dirtyCount(r.dirtyMarks) || r.flushed < r.leo || r.hwCheckpoint !== r.hw) return false;
    }
  }
  for (const p of ctx.producers) {
    const started = p.sent > 0 || ctx.now >= p.spec.startAt;
    if (started && p.sent < p.spec.count) return false;
    if (p.requests.size > 0 || p.metadataPending) return false;
    for (const q of p.queues.values()) if (q.length) return false;
  }
  const w = ctx.consumers;
  if (w) {
    const running = new Array<number>(w.groups.length).fill(0);
    for (const m of w.members) {
      if (m.status === 'closing') return false;
      if (m.status !== 'running') continue;
      if (!memberIdle(ctx, m)) return false;
      running[m.group]++;
    }
    // Every member the coordinator knows is a live, idle process (a dead one would be expired).
    for (const g of w.groups) if ((g.members.size > 0 && g.state !== 'Stable') || g.members.size !== running[g.index]) return false;
  }
  return true;
}

/**
 * A running consumer that only polls, fetches nothing and heartbeats: in a
 * stable generation, nothing buffered, in flight or being processed, every
 * position at the end of the log and already committed (so no commit is due).
 */
function memberIdle(ctx: SimContext, m: Member): boolean {
  if (m.joinState !== 'stable' || m.rejoinNeeded || m.coordinator <= 0 || m.waiting !== 'poll') return false;
  if (m.requests.size || m.buffers.size || m.awaitingOffsets.size || m.resetting.size || m.validating.size || m.program.length) return false;
  if (m.stalledUntil > ctx.now || m.lanes.some((l) => l.pending > 0)) return false;
  const g = ctx.consumers!.groups[m.group];
  for (const p of m.assignment) {
    const pos = m.position.get(p);
    const leader = ctx.controller.partitions[p].leader;
    const end = ctx.brokers[leader - 1].replicas.get(p)?.leo;
    if (pos === undefined || pos !== end || g.committed.get(p)?.offset !== pos) return false;
  }
  return true;
}

/**
 * If the run is quiescent, moves every event that is not anchored, and the
 * clocks they are compared with, forward to just before the next anchored event
 * (or `until`). Returns the milliseconds skipped (0: none).
 */
export function maybeSkipIdle(ctx: SimContext, queue: EventQueue<SimEvent>, until: number): number {
  if (!quiescent(ctx)) return 0;
  const next = earliestWhere(queue, anchored, until);
  const d = next - MARGIN_MS - ctx.now;
  if (d < MIN_SKIP_MS) return 0;
  reschedule(queue, (e) => (anchored(e) ? e : shifted(e, d)), (e) => deadForever(ctx, e));
  for (const br of ctx.brokers) {
    br.lastHeartbeatSeen += d;
    for (const r of br.replicas.values()) {
      for (const f of r.followers.values()) {
        if (f.lastCaughtUpTime >= 0) f.lastCaughtUpTime += d;
        f.lastFetchTime += d;
      }
    }
    for (const list of runtimeOf(ctx, br.id).parked.values()) for (const pf of list) pf.deadline += d;
  }
  for (const p of ctx.producers) if (p.senderWakeAt > 0) p.senderWakeAt += d;
  const w = ctx.consumers;
  if (w) {
    for (const m of w.members) {
      if (m.status !== 'running') continue;
      m.lastPollAt += d;
      m.nextAutoCommit += d;
      m.sessionRenewedAt += d;
    }
    for (const g of w.groups) for (const mem of g.members.values()) mem.lastHeartbeat += d;
  }
  return d;
}

/** A copy of a queued event `d` ms later, with the times its body carries moved too. */
function shifted(e: SimEvent, d: number): SimEvent {
  if (e.k === 'net') return { ...e, t: e.t + d, sentAt: e.sentAt + d };
  if (e.k !== 'timer') return { ...e, t: e.t + d };
  const b = e.body;
  if (b.type === 'sender-wake') return { ...e, t: e.t + d, body: { ...b, at: b.at + d } };
  if (b.type === 'fetch-wait') return { ...e, t: e.t + d, body: { ...b, deadline: b.deadline + d } };
  if (b.type === 'consumer' && (b.body.kind === 'session-expiry' || b.body.kind === 'join-deadline')) {
    return { ...e, t: e.t + d, body: { ...b, body: { ...b.body, deadline: b.body.deadline + d } } };
  }
  return { ...e, t: e.t + d };
}
