/**
 * A broker applying the controller's metadata: a higher leader epoch makes it
 * leader or follower of a partition; a higher partition epoch updates the ISR.
 * Every change of leadership or ISR is followed by maybeIncrementLeaderHW,
 * which completes the DelayedProduces the new HW satisfies.
 * Source: ReplicaManager.applyDelta, Partition.makeLeader / makeFollower.
 */
import { runtimeOf, type SimContext } from '../core/context.ts';
import { assignEpoch } from './log.ts';
import { brokerNode, type Broker, type ControllerPartition } from '../core/model.ts';
import { failAllDelayed } from './purgatory.ts';
import { answerParked, isLeader, maybeIncrementHw, scheduleFetch, truncateReplica } from './replication.ts';

export function applyMetadata(ctx: SimContext, br: Broker, parts: ControllerPartition[]): void {
  // A restarted broker publishes no metadata to its ReplicaManager before the controller has
  // accepted its registration (BrokerServer.startup waits for initialCatchUpFuture), so it cannot
  // resume leading with its pre-crash epoch while the controller still counts its old life.
  if (br.status !== 'running' || !br.registered) return;
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
      // Partition.makeLeader with the same epoch: "we may need to increment high watermark since
      // ISR could be down to 1" — a shrink that leaves only replicas holding a record commits it.
      if (isLeader(br, s.id)) maybeIncrementHw(ctx, br, r);
    }
  }
}

function makeLeader(ctx: SimContext, br: Broker, s: ControllerPartition): void {
  const r = br.replicas.get(s.id)!;
  r.fetchSessionId++;
  r.fetching = false;
  r.pendingIsr = null;
  // Followers' LEOs are unknown until they fetch, so the HW waits for the ISR members. Only ISR
  // members count as caught up now; the others as never (Partition.makeLeader: lastCaughtUpTimeMs
  // is now for ISR members, 0 otherwise), so a dead non-ISR follower does not hold the HW back.
  r.followers = new Map();
  for (const b of ctx.partitions[s.id].assignment) {
    if (b !== br.id) r.followers.set(b, { leo: 0, lastCaughtUpTime: s.isr.includes(b) ? ctx.now : NEVER, lastFetchLeaderLeo: 0, lastFetchTime: ctx.now });
  }
  // The new epoch starts at the log end. A follower rejoins the ISR only once it reaches this
  // offset too (isFollowerInSync), whatever HW this leader recovered from its checkpoint.
  r.leaderEpochStartOffset = r.leo;
  assignEpoch(r, s.leaderEpoch, r.leo);
  ctx.record({ t: ctx.now, type: 'became-leader', broker: br.id, partition: ctx.partitions[s.id].name, epoch: s.leaderEpoch, leo: r.leo, hw: r.hw });
  // "We may need to increment high watermark since ISR could be down to 1" (Partition.makeLeader).
  maybeIncrementHw(ctx, br, r);
}

/** Kafka's lastCaughtUpTimeMs = 0: long before any simulated time. */
const NEVER = -Number.MAX_SAFE_INTEGER;

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

/** A producer's metadata request, answered from this broker's metadata cache. */
export function answerMetadata(ctx: SimContext, br: Broker, client: string, producer: number): void {
  // Every broker's metadata cache holds every partition (KRaftMetadataCache). For partitions it
  // does not host (or before its first metadata after a restart) the controller's state stands in.
  const parts = ctx.controller.partitions.map((cp) => {
    const m = br.meta.get(cp.id) ?? cp;
    return { id: cp.id, leader: m.leader, leaderEpoch: m.leaderEpoch };
  });
  ctx.send(brokerNode(br.id), client, { type: 'metadata-resp', producer, broker: br.id, partitions: parts });
}
