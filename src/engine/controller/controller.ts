/**
 * The KRaft controller (one logical quorum node, 'controller'): broker
 * liveness by heartbeats, fencing, leader election from the ISR (or unclean),
 * AlterPartition requests, and the metadata every broker learns from it.
 * Source: QuorumController, ReplicationControlManager, PartitionChangeBuilder.
 */
import { brokerOf, type SimContext } from '../core/context.ts';
import { brokerNode, type BrokerId, type ControllerPartition, type PartitionId } from '../core/model.ts';
import type { Reason } from '../core/reasons.ts';

const CONTROLLER = 'controller';

function eligible(ctx: SimContext, b: BrokerId): boolean {
  const br = brokerOf(ctx, b);
  return !br.fenced && !br.shuttingDown;
}

/** Pushes the new state of some partitions to every broker (brokers replay the metadata log). */
export function publish(ctx: SimContext, parts: ControllerPartition[]): void {
  const copy = parts.map((p) => ({ ...p, isr: [...p.isr] }));
  for (const b of ctx.brokers) ctx.send(CONTROLLER, brokerNode(b.id), { type: 'metadata-push', partitions: copy });
}

/**
 * PartitionChangeBuilder's election: the first replica in assignment order
 * that is in the ISR and not fenced; else, with unclean.leader.election.enable,
 * the first live replica (data it lacks is lost); else the partition goes offline.
 */
export function electLeader(ctx: SimContext, p: ControllerPartition, why: Reason): void {
  const info = ctx.partitions[p.id];
  const previous = p.leader;
  const isr = p.isr.filter((b) => eligible(ctx, b));
  let leader = info.assignment.find((b) => isr.includes(b)) ?? -1;
  let unclean = false;
  if (leader === -1 && info.unclean) {
    leader = info.assignment.find((b) => eligible(ctx, b)) ?? -1;
    unclean = leader !== -1;
  }
  if (leader === previous) {
    // Still led by the same broker (or still offline): at most the ISR changes.
    if (isr.length !== p.isr.length && isr.length > 0) changeIsr(ctx, p, isr, why);
    return;
  }
  p.leaderEpoch++;
  p.partitionEpoch++;
  if (leader === -1) {
    p.leader = -1;
    // The ISR is never empty in KRaft: the last member stays, so only it may lead again (cleanly).
    if (isr.length > 0) p.isr = isr;
    ctx.cause = ctx.record({ t: ctx.now, type: 'partition-offline', partition: info.name, epoch: p.leaderEpoch, isr: [...p.isr], why });
  } else {
    p.leader = leader;
    p.isr = unclean ? [leader] : isr;
    const leaderLeo = brokerOf(ctx, leader).replicas.get(p.id)?.leo ?? 0;
    ctx.cause = ctx.record({ t: ctx.now, type: 'leader-elected', partition: info.name, leader, epoch: p.leaderEpoch, isr: [...p.isr], unclean, previous, why, leaderLeo });
  }
  publish(ctx, [p]);
}

function changeIsr(ctx: SimContext, p: ControllerPartition, isr: BrokerId[], why: Reason): void {
  const previous = p.isr;
  if (isr.length === 0) return;
  p.isr = isr;
  p.partitionEpoch++;
  ctx.record({ t: ctx.now, type: 'isr-changed', partition: ctx.partitions[p.id].name, isr: [...isr], previous: [...previous], leader: p.leader, why });
  publish(ctx, [p]);
}

/** A fenced broker leads nothing and is removed from every ISR where it is not the last member. */
export function fenceBroker(ctx: SimContext, b: BrokerId, why: Reason): void {
  const br = brokerOf(ctx, b);
  if (br.fenced) return;
  br.fenced = true;
  ctx.cause = ctx.record({ t: ctx.now, type: 'broker-fenced', broker: b, why });
  moveAway(ctx, b, why);
}

function moveAway(ctx: SimContext, b: BrokerId, why: Reason): void {
  for (const p of ctx.controller.partitions) {
    if (p.leader === b) electLeader(ctx, p, why);
    else if (p.isr.includes(b) && p.isr.length > 1) changeIsr(ctx, p, p.isr.filter((x) => x !== b), why);
  }
}

export function controllerTick(ctx: SimContext): void {
  for (const br of ctx.brokers) {
    if (!br.fenced && ctx.now - br.lastHeartbeatSeen > br.config['broker.session.timeout.ms']) {
      fenceBroker(ctx, br.id, { code: 'fenced-heartbeats', args: { broker: br.id, timeout: br.config['broker.session.timeout.ms'] } });
    }
  }
  ctx.timer(CONTROLLER, 250, { type: 'controller-tick' });
}

/**
 * KRaft's periodic unclean election (QuorumController's "electUnclean" task, every
 * unclean.leader.election.interval.ms, 5 minutes by default): a partition without a
 * leader whose unclean.leader.election.enable is now true gets a leader from its live
 * replicas. Enabling the config on an offline partition takes effect at the next check.
 */
export function uncleanElectionCheck(ctx: SimContext): void {
  const interval = ctx.brokers[0].config['unclean.leader.election.interval.ms'];
  for (const p of ctx.controller.partitions) {
    const info = ctx.partitions[p.id];
    if (p.leader === -1 && info.unclean) electLeader(ctx, p, { code: 'unclean-check', args: { interval, partition: info.name } });
  }
  ctx.timer(CONTROLLER, interval, { type: 'unclean-election-check' });
}

export function handleHeartbeat(ctx: SimContext, b: BrokerId, incarnation: number, shuttingDown: boolean): void {
  const br = brokerOf(ctx, b);
  if (incarnation !== br.registeredIncarnation && !br.fenced && ctx.now - br.lastHeartbeatSeen <= br.config['broker.session.timeout.ms']) {
    // ClusterControlManager.registerBroker: while the previous life's session is valid, a new
    // registration is refused (DuplicateBrokerRegistrationException); the broker keeps trying,
    // and its old life keeps its leaderships until broker.session.timeout.ms has passed.
    return;
  }
  br.lastHeartbeatSeen = ctx.now;
  let shutdownDone = false;
  if (incarnation !== br.registeredIncarnation) {
    // A new registration after the old session expired: the broker starts fenced and is
    // unfenced on a later heartbeat, once it has caught up with the metadata.
    br.registeredIncarnation = incarnation;
    br.shuttingDown = false;
    if (!br.fenced) fenceBroker(ctx, b, { code: 'fenced-reregistered', args: { broker: b } });
  } else if (shuttingDown) {
    // Controlled shutdown: move leadership away first, then let the broker stop (KIP-841 keeps it out of the ISR).
    if (!br.shuttingDown) {
      br.shuttingDown = true;
      moveAway(ctx, b, { code: 'shutting-down', args: { broker: b } });
    }
    shutdownDone = ctx.controller.partitions.every((p) => p.leader !== b);
  } else if (br.fenced) {
    br.fenced = false;
    br.shuttingDown = false;
    ctx.cause = ctx.record({ t: ctx.now, type: 'broker-unfenced', broker: b });
    for (const p of ctx.controller.partitions) {
      if (p.leader === -1 && ctx.partitions[p.id].assignment.includes(b)) electLeader(ctx, p, { code: 'broker-back', args: { broker: b } });
    }
  }
  ctx.send(CONTROLLER, brokerNode(b), { type: 'heartbeat-resp', fenced: br.fenced, partitions: ctx.controller.partitions.map((p) => ({ ...p, isr: [...p.isr] })), shutdownDone });
}

/** AlterPartition (KIP-497): the leader asks to shrink or expand the ISR. */
export function handleAlterPartition(ctx: SimContext, from: BrokerId, req: { partition: PartitionId; leader: BrokerId; leaderEpoch: number; partitionEpoch: number; isr: BrokerId[]; why: Reason }): void {
  const p = ctx.controller.partitions[req.partition];
  let error: string | null = null;
  if (req.leaderEpoch !== p.leaderEpoch || p.leader !== from) error = 'FENCED_LEADER_EPOCH';
  else if (req.partitionEpoch !== p.partitionEpoch) error = 'INVALID_UPDATE_VERSION';
  else if (req.isr.some((b) => !p.isr.includes(b) && !eligible(ctx, b))) error = 'INELIGIBLE_REPLICA';
  if (!error) {
    changeIsr(ctx, p, [...req.isr], req.why);
  }
  ctx.send(CONTROLLER, brokerNode(from), { type: 'alter-partition-resp', partition: req.partition, error, state: { ...p, isr: [...p.isr] } });
}
