/**
 * The KRaft controller (one logical quorum node, 'controller'): broker
 * liveness by heartbeats, fencing, leader election from the ISR (or unclean),
 * AlterPartition requests, and the metadata every broker learns from it.
 * Source: QuorumController, ReplicationControlManager, PartitionChangeBuilder.
 */
import { brokerOf, type SimContext } from '../core/context.ts';
import { brokerNode, type BrokerId, type ControllerPartition, type PartitionId } from '../core/model.ts';
import type { Reason } from '../core/reasons.ts';
import { partitionChange } from './partitionChange.ts';

const CONTROLLER = 'controller';

/** ClusterControlManager.isActive: registered, unfenced, not in controlled shutdown. */
function eligible(ctx: SimContext, b: BrokerId): boolean {
  const br = brokerOf(ctx, b);
  return !br.fenced && !br.shuttingDown;
}

/** Pushes the new state of some partitions to every broker (brokers replay the metadata log). */
export function publish(ctx: SimContext, parts: ControllerPartition[]): void {
  const copy = parts.map((p) => ({ ...p, isr: [...p.isr], elr: [...p.elr], lastKnownElr: [...p.lastKnownElr] }));
  for (const b of ctx.brokers) ctx.send(CONTROLLER, brokerNode(b.id), { type: 'metadata-push', partitions: copy });
}

/** What one generateLeaderAndIsrUpdates call changes (ReplicationControlManager). */
interface Change {
  /** brokerToRemove: out of the target ISR and never an acceptable leader (fenced, shutting down). */
  remove?: BrokerId;
  /** brokerWithUncleanShutdown (KIP-966): out of the ISR and the ELR, never an acceptable leader. */
  uncleanShutdown?: BrokerId;
  /** AlterPartition: the ISR the leader asked for. */
  targetIsr?: BrokerId[];
}

/**
 * Builds one partition change (partitionChange.ts, PartitionChangeBuilder) and applies it:
 * a new leader bumps both epochs, any other change the partition epoch, and the brokers
 * learn it. An election follows the ISR first, then the ELR, then the last known leader,
 * then (unclean.leader.election.enable) any live replica.
 */
export function changePartition(ctx: SimContext, p: ControllerPartition, why: Reason, change: Change = {}): void {
  const info = ctx.partitions[p.id];
  const gone = change.remove ?? change.uncleanShutdown;
  const res = partitionChange(p, {
    assignment: info.assignment,
    targetIsr: change.targetIsr ?? p.isr.filter((b) => b !== gone),
    acceptable: (b) => b !== gone && eligible(ctx, b),
    minIsr: Math.min(info.minIsr, info.assignment.length),
    elrEnabled: ctx.controller.elr,
    unclean: info.unclean,
    uncleanShutdown: change.uncleanShutdown,
  });
  const previous = p.leader;
  const previousIsr = p.isr;
  const previousElr = p.elr;
  const leaderChanged = res.leader !== previous;
  const stateChanged = leaderChanged || !same(res.isr, p.isr) || !same(res.elr, p.elr) || !same(res.lastKnownElr, p.lastKnownElr);
  // An accepted AlterPartition always answers with a new partition epoch, which is what clears the
  // leader's pending ISR (applyMetadata applies only newer epochs); other callers change nothing here.
  if (!stateChanged && !change.targetIsr) return;
  p.isr = res.isr;
  p.elr = res.elr;
  p.lastKnownElr = res.lastKnownElr;
  p.partitionEpoch++;
  const elr = ctx.controller.elr ? { elr: [...p.elr] } : {};
  if (!leaderChanged) {
    if (change.targetIsr || !same(p.isr, previousIsr) || !same(p.elr, previousElr)) {
      // The ISR line names the ELR when there is one or it changed.
      const elrShown = p.elr.length || !same(p.elr, previousElr) ? elr : {};
      ctx.record({ t: ctx.now, type: 'isr-changed', partition: info.name, isr: [...p.isr], previous: [...previousIsr], leader: p.leader, why, ...elrShown });
    }
  } else {
    p.leaderEpoch++;
    p.leader = res.leader;
    if (res.leader === -1) {
      ctx.cause = ctx.record({ t: ctx.now, type: 'partition-offline', partition: info.name, epoch: p.leaderEpoch, isr: [...p.isr], why, ...elr });
    } else {
      const leaderLeo = brokerOf(ctx, res.leader).replicas.get(p.id)?.leo ?? 0;
      const unclean = res.how === 'unclean' || res.how === 'last-known-leader';
      const how = res.how === 'elr' || res.how === 'last-known-leader' ? { how: res.how } : {};
      ctx.cause = ctx.record({ t: ctx.now, type: 'leader-elected', partition: info.name, leader: res.leader, epoch: p.leaderEpoch, isr: [...p.isr], unclean, previous, why, leaderLeo, ...how, ...elr });
    }
  }
  publish(ctx, [p]);
}

const same = (a: BrokerId[], b: BrokerId[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** An election on the partition's current state (a leaderless partition, the periodic unclean check). */
export function electLeader(ctx: SimContext, p: ControllerPartition, why: Reason): void {
  changePartition(ctx, p, why);
}

/**
 * handleBrokerFenced: the broker leaves every ISR (with the ELR feature off, except where it
 * is the last member: the partition then has leader -1 and keeps that ISR); the partitions it
 * led elect again. It stays in the ELRs it is in: fencing alone loses no data.
 */
export function fenceBroker(ctx: SimContext, b: BrokerId, why: Reason): void {
  const br = brokerOf(ctx, b);
  if (br.fenced) return;
  br.fenced = true;
  ctx.cause = ctx.record({ t: ctx.now, type: 'broker-fenced', broker: b, why });
  moveAway(ctx, b, why);
}

function moveAway(ctx: SimContext, b: BrokerId, why: Reason): void {
  for (const p of ctx.controller.partitions) {
    if (p.leader === b || p.isr.includes(b)) changePartition(ctx, p, why, { remove: b });
  }
}

/**
 * KIP-966 (KAFKA-15586, KAFKA-18635): a broker that registers without a clean shutdown
 * behind it (kill -9, power loss) may have lost unflushed records, so the controller takes it
 * out of every ISR and ELR it is in (handleBrokerUncleanShutdown). Only with the ELR feature:
 * without it the last ISR member stays, and is elected when it comes back.
 */
function handleUncleanShutdown(ctx: SimContext, b: BrokerId): void {
  if (!ctx.controller.elr) return;
  const why: Reason = { code: 'unclean-shutdown', args: { broker: b } };
  for (const p of ctx.controller.partitions) {
    if (p.isr.includes(b) || p.elr.includes(b)) changePartition(ctx, p, why, { uncleanShutdown: b });
  }
}

/**
 * ClearElrRecord: a changed min.insync.replicas (a topic's, or the cluster default) empties
 * the ELR and last known ELR of the topic's partitions (or of all), as the docs' "Eligible
 * Leader Replicas" section says: the old ELR was computed against the old min ISR.
 */
export function clearElr(ctx: SimContext, topic: string | null): void {
  if (!ctx.controller.elr) return;
  for (const p of ctx.controller.partitions) {
    const info = ctx.partitions[p.id];
    if ((topic !== null && info.topic !== topic) || (p.elr.length === 0 && p.lastKnownElr.length === 0)) continue;
    const previous = p.elr;
    p.elr = [];
    p.lastKnownElr = [];
    p.partitionEpoch++;
    if (previous.length) ctx.record({ t: ctx.now, type: 'isr-changed', partition: info.name, isr: [...p.isr], previous: [...p.isr], leader: p.leader, why: { code: 'min-isr-changed', args: { partition: info.name, minIsr: info.minIsr } }, elr: [] });
    publish(ctx, [p]);
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
    if (!br.startedClean) handleUncleanShutdown(ctx, b);
  } else if (shuttingDown) {
    // Controlled shutdown: move leadership away first, then let the broker stop (KIP-841 keeps it out of the ISR).
    if (!br.shuttingDown) {
      br.shuttingDown = true;
      moveAway(ctx, b, { code: 'shutting-down', args: { broker: b } });
    }
    shutdownDone = ctx.controller.partitions.every((p) => p.leader !== b);
    // BrokerHeartbeatManager.calculateNextBrokerState: once no leadership is left the broker is granted
    // SHUTDOWN_NOW, and processBrokerHeartbeat fences it in the same step (handleBrokerFenced), not
    // broker.session.timeout.ms later. A fenced broker has no valid session, so it may register again at once.
    if (shutdownDone) fenceBroker(ctx, b, { code: 'fenced-shutdown', args: { broker: b } });
  } else if (br.fenced) {
    br.fenced = false;
    br.shuttingDown = false;
    ctx.cause = ctx.record({ t: ctx.now, type: 'broker-unfenced', broker: b });
    for (const p of ctx.controller.partitions) {
      if (p.leader === -1 && ctx.partitions[p.id].assignment.includes(b)) electLeader(ctx, p, { code: 'broker-back', args: { broker: b } });
    }
  }
  ctx.send(CONTROLLER, brokerNode(b), { type: 'heartbeat-resp', fenced: br.fenced, partitions: ctx.controller.partitions.map((p) => ({ ...p, isr: [...p.isr], elr: [...p.elr], lastKnownElr: [...p.lastKnownElr] })), shutdownDone });
}

/** AlterPartition (KIP-497): the leader asks to shrink or expand the ISR. */
export function handleAlterPartition(ctx: SimContext, from: BrokerId, req: { partition: PartitionId; leader: BrokerId; leaderEpoch: number; partitionEpoch: number; isr: BrokerId[]; why: Reason }): void {
  const p = ctx.controller.partitions[req.partition];
  let error: string | null = null;
  if (req.leaderEpoch !== p.leaderEpoch || p.leader !== from) error = 'FENCED_LEADER_EPOCH';
  else if (req.partitionEpoch !== p.partitionEpoch) error = 'INVALID_UPDATE_VERSION';
  else if (req.isr.some((b) => !p.isr.includes(b) && !eligible(ctx, b))) error = 'INELIGIBLE_REPLICA';
  if (!error) changePartition(ctx, p, req.why, { targetIsr: [...req.isr] });
  ctx.send(CONTROLLER, brokerNode(from), { type: 'alter-partition-resp', partition: req.partition, error, state: { ...p, isr: [...p.isr], elr: [...p.elr], lastKnownElr: [...p.lastKnownElr] } });
}
