/**
 * One partition change as the KRaft controller computes it (PartitionChangeBuilder.build):
 * a target ISR, then the eligible leader replicas (KIP-966), then the election, then
 * the last known leader. A pure function over plain data; controller.ts applies the result.
 *
 * The order of Kafka's build(), step by step:
 * 1. maybePopulateTargetElr: with the ELR feature on, an ISR at or above the effective
 *    min.insync.replicas has no ELR; below it, every replica leaving the ISR joins the ELR
 *    (old ISR ∪ ELR, minus the target ISR, minus a replica back from an unclean shutdown).
 *    Safe because of the strict min-ISR rule (KAFKA-15583): the HW does not advance while
 *    the ISR is below min ISR, so each of them holds every committed record.
 * 2. electAnyLeader: keep the current leader if still valid; else the first replica in
 *    assignment order that is in the target ISR, or (ISR empty) in the ELR, and acceptable
 *    (registered, unfenced, not shutting down); else the last known leader; else, with
 *    unclean.leader.election.enable, any acceptable replica (ISR forced to it).
 *    A leader taken from the ELR becomes the ISR alone and leaves the ELR.
 * 3. maybeUpdateRecordElr: an unclean election or the feature off empties the ELR.
 * 4. The ISR may become empty only with the feature on (without it the last member stays).
 * 5. maybeUpdateLastKnownLeader: the first time the ISR becomes empty the old leader is
 *    remembered (lastKnownElr); a partition with a leader forgets it.
 *
 * The last known leader is elected only if acceptable (unfenced), as the 4.0/4.1 docs
 * say ("Select the last known leader if it is unfenced"); Kafka's canElectLastKnownLeader
 * only logs that case, so Kafka may name it while it is still fenced, a heartbeat earlier.
 * Kafka counts that election as unclean (the ISR is forced to it, LeaderRecoveryState
 * RECOVERING): its log may miss what an ELR member that crashed had.
 */
import type { BrokerId, ControllerPartition } from '../core/model.ts';

export type ElectionHow = 'isr' | 'elr' | 'last-known-leader' | 'unclean';

export interface ChangeRequest {
  assignment: BrokerId[];
  targetIsr: BrokerId[];
  /** isAcceptableLeader: registered, unfenced, not in controlled shutdown, not the broker being removed. */
  acceptable: (b: BrokerId) => boolean;
  /** The topic's effective min ISR: min(min.insync.replicas, replication factor) (getTopicEffectiveMinIsr). */
  minIsr: number;
  elrEnabled: boolean;
  /** Election.UNCLEAN: the topic's unclean.leader.election.enable. */
  unclean: boolean;
  /** A broker that re-registered after an unclean shutdown: out of the ISR and the ELR, and no leader. */
  uncleanShutdown?: BrokerId;
}

export interface ChangeResult {
  leader: BrokerId;
  isr: BrokerId[];
  elr: BrokerId[];
  lastKnownElr: BrokerId[];
  /** How a new leader was found (only when the leader changes to a broker). */
  how: ElectionHow | null;
}

const same = (a: BrokerId[], b: BrokerId[]) => a.length === b.length && a.every((x, i) => x === b[i]);

export function partitionChange(p: ControllerPartition, req: ChangeRequest): ChangeResult {
  let targetIsr = req.targetIsr;
  let targetElr = p.elr;
  if (req.elrEnabled) {
    if (targetIsr.length >= req.minIsr) targetElr = [];
    else {
      // A set of replica ids: Kafka's HashSet of small integers iterates in ascending order.
      const candidates = new Set([...p.elr, ...p.isr]);
      targetElr = [...candidates].filter((b) => !targetIsr.includes(b) && b !== req.uncleanShutdown).sort((a, b) => a - b);
    }
  }
  const valid = (b: BrokerId) => b >= 0 && (targetIsr.includes(b) || (targetIsr.length === 0 && targetElr.includes(b))) && req.acceptable(b);
  let leader = -1;
  let how: ElectionHow | null = null;
  if (valid(p.leader)) leader = p.leader;
  else {
    const online = req.assignment.find(valid);
    if (online !== undefined) {
      leader = online;
      how = targetElr.includes(online) ? 'elr' : 'isr';
    } else if (req.elrEnabled && targetElr.length === 0 && targetIsr.length === 0 && p.lastKnownElr.length === 1 && req.acceptable(p.lastKnownElr[0])) {
      leader = p.lastKnownElr[0];
      how = 'last-known-leader';
    } else if (req.unclean) {
      const any = req.assignment.find(req.acceptable);
      if (any !== undefined) {
        leader = any;
        how = 'unclean';
      }
    }
  }
  let forcedIsr: BrokerId[] | null = null;
  if (leader !== p.leader && leader >= 0) {
    if (how === 'elr') {
      targetIsr = [leader];
      targetElr = targetElr.filter((b) => b !== leader);
    }
    // An unclean election (the last known leader counts as one) forces the ISR to the new leader.
    if (how === 'unclean' || how === 'last-known-leader') forcedIsr = [leader];
  }
  if (forcedIsr || !req.elrEnabled) targetElr = [];
  let isr = p.isr;
  if (forcedIsr) isr = forcedIsr;
  else if ((targetIsr.length > 0 || req.elrEnabled) && !same(targetIsr, p.isr)) isr = targetIsr;
  let lastKnownElr = req.elrEnabled ? p.lastKnownElr : [];
  if (req.elrEnabled) {
    if (isr.length === 0 && p.leader >= 0 && !(p.lastKnownElr.length === 1 && p.lastKnownElr[0] === p.leader)) lastKnownElr = [p.leader];
    else if (leader >= 0) lastKnownElr = [];
  }
  return { leader, isr, elr: targetElr, lastKnownElr, how: leader !== p.leader && leader >= 0 ? how : null };
}
