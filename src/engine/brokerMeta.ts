/**
 * A broker applying the controller's metadata: a higher leader epoch makes it
 * leader or follower of a partition; a higher partition epoch updates the ISR.
 * Source: ReplicaManager.applyDelta, Partition.makeLeader / makeFollower.
 */
import { runtimeOf, type SimContext } from './context.ts';
import { assignEpoch } from './log.ts';
import type { Broker, ControllerPartition } from './model.ts';
import { failAllDelayed } from './purgatory.ts';
import { answerParked, scheduleFetch, truncateReplica } from './replication.ts';

export function applyMetadata(ctx: SimContext, br: Broker, parts: ControllerPartition[]): void {
  if (br.status !== 'running') return;
  for (const s of parts) {
    const known = br.meta.get(s.id);
    const r = br.replicas.get(s.id);
    if (!r) continue;
    if (!known || s.leaderEpoch > known.leaderEpoch) {
      br.meta.set(s.id, { leader: s.leader, leaderEpoch: s.leaderEpoch, partitionEpoch: s.partitionEpoch, isr: [...s.isr] });
      if (s.leader === br.id) makeLeader(ctx, br, s);
      else makeFollower(ctx, br, s, known?.leader === br.id);
    } else if (s.partitionEpoch > known.partitionEpoch) {
      known.isr = [...s.isr];
      known.partitionEpoch = s.partitionEpoch;
      if (r.pendingIsr) r.pendingIsr = null;
    }
  }
}

function makeLeader(ctx: SimContext, br: Broker, s: ControllerPartition): void {
  const r = br.replicas.get(s.id)!;
  r.fetchSessionId++;
  r.fetching = false;
  r.pendingIsr = null;
  // Followers' LEOs are unknown until they fetch, so the HW waits for them.
  r.followers = new Map();
  for (const b of ctx.partitions[s.id].assignment) if (b !== br.id) r.followers.set(b, { leo: 0, lastCaughtUpTime: ctx.now, lastFetchLeaderLeo: 0, lastFetchTime: ctx.now });
  assignEpoch(r, s.leaderEpoch, r.leo);
  ctx.record({ t: ctx.now, type: 'became-leader', broker: br.id, partition: ctx.partitions[s.id].name, epoch: s.leaderEpoch, leo: r.leo, hw: r.hw });
}

function makeFollower(ctx: SimContext, br: Broker, s: ControllerPartition, wasLeader: boolean): void {
  const r = br.replicas.get(s.id)!;
  if (wasLeader) {
    failAllDelayed(ctx, br, s.id);
    answerParked(ctx, br, s.id);
    runtimeOf(ctx, br.id).parked.set(s.id, []);
  }
  r.followers = new Map();
  r.pendingIsr = null;
  r.fetchSessionId++;
  r.fetching = false;
  if (s.leader === -1) return;
  ctx.record({ t: ctx.now, type: 'became-follower', broker: br.id, partition: ctx.partitions[s.id].name, epoch: s.leaderEpoch, leader: s.leader });
  if (ctx.lab.truncation === 'high-watermark') {
    // Before KIP-101 (Kafka < 0.11) a new follower cut its log back to its own high watermark.
    truncateReplica(ctx, br, r, r.hw, { code: 'legacy-follower-hw', args: { leader: s.leader, epoch: s.leaderEpoch, hw: r.hw } });
  }
  scheduleFetch(ctx, br, r, 0);
}
