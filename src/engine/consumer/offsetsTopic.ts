/**
 * __consumer_offsets, reduced to what decides behaviour: which broker
 * coordinates a group, and that committed offsets and group metadata survive
 * a coordinator failover. The topic has offsets.topic.num.partitions=50
 * partitions and replication factor min(3, brokers); a group lives in
 * partition abs(groupId.hashCode()) % 50 and its coordinator is that
 * partition's leader (GroupCoordinator.partitionFor, FindCoordinator).
 * Commits are written with acks=all (offsets.commit.required.acks=-1), so the
 * lab keeps them in one place that every replica shares instead of
 * replicating the records; the leader moves like any partition's: to the
 * next live replica when the controller fences the leader.
 */
import type { SimContext } from '../core/context.ts';
import type { ConsumerWorld, Group } from '../core/consumerModel.ts';
import { noteConsumer } from './consumerTrace.ts';

export const OFFSETS_PARTITIONS = 50;

/** Java's String.hashCode. */
export function javaHashCode(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0;
  return h;
}

export function offsetsPartitionFor(groupId: string): number {
  const h = javaHashCode(groupId);
  // Utils.abs: Integer.MIN_VALUE maps to 0.
  return (h === -2147483648 ? 0 : Math.abs(h)) % OFFSETS_PARTITIONS;
}

export function offsetsReplicas(ctx: SimContext, groupId: string): number[] {
  const n = ctx.brokers.length;
  const p = offsetsPartitionFor(groupId);
  return Array.from({ length: Math.min(3, n) }, (_, k) => ((p + k) % n) + 1);
}

const active = (ctx: SimContext, b: number) => {
  const br = ctx.brokers[b - 1];
  return !br.fenced && !br.shuttingDown;
};

/** The group's coordinator as the controller sees it: the current leader of its offsets partition, or -1. */
export function coordinatorFor(ctx: SimContext, g: Group): number {
  const w = ctx.consumers as ConsumerWorld;
  const cur = w.offsetsLeader.get(g.index);
  if (cur !== undefined && cur > 0 && active(ctx, cur)) return cur;
  const next = offsetsReplicas(ctx, g.id).find((b) => active(ctx, b)) ?? -1;
  w.offsetsLeader.set(g.index, next);
  return next;
}

/**
 * A broker that has just become the group's coordinator (or restarted) loads
 * it from __consumer_offsets: offsets and the last stable generation are all
 * there; a rebalance in progress is forgotten and members get a fresh session
 * (GroupMetadataManager.loadGroupsAndOffsets, then heartbeats are rescheduled).
 * Calls `loaded(g, wasRebalancing)` when it loads.
 */
export function ensureLoaded(ctx: SimContext, broker: number, g: Group, loaded: (g: Group, wasRebalancing: boolean) => void): void {
  const inc = ctx.brokers[broker - 1].incarnation;
  if (g.loadedBy === broker && g.loadedInc === inc) return;
  const first = g.loadedBy < 0;
  g.loadedBy = broker;
  g.loadedInc = inc;
  if (g.generation === 0 && g.members.size) {
    // The group's metadata record is written only when a generation completes (GroupMetadataManager.storeGroup,
    // at SyncGroup): a group still in its first rebalance left nothing to load, so it comes back Empty.
    g.members.clear();
    g.state = 'Empty';
    g.leader = '';
  }
  for (const mem of g.members.values()) {
    mem.lastHeartbeat = ctx.now;
    mem.awaitingJoin = false;
    mem.awaitingSync = false;
    mem.joinReq = null;
    mem.syncReq = null;
  }
  const wasRebalancing = g.state === 'PreparingRebalance' || g.state === 'CompletingRebalance';
  if (!first) noteConsumer(ctx, '', g.id, 'coordinator-loaded', { broker, generation: g.generation });
  loaded(g, wasRebalancing);
}
