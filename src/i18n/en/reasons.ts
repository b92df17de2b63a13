/** Why something happened (the engine's Reason codes, src/engine/core/reasons.ts), in English. */
export const reasonsEn = {
  'reason.isr-lagging': 'broker {brokers} had not caught up with leader {leader} for replica.lag.time.max.ms={lag}',
  'reason.isr-caught-up': 'broker {broker} caught up with leader {leader} (LEO {leo} >= HW {hw})',
  'reason.fenced-heartbeats': 'broker {broker} missed heartbeats for broker.session.timeout.ms={timeout}',
  'reason.fenced-reregistered': 'broker {broker} registered again after a restart (its previous session expired)',
  'reason.shutting-down': 'broker {broker} is shutting down',
  'reason.broker-back': 'broker {broker} is back',
  'reason.diverging-epoch': "log diverges from leader {leader} (epoch {leaderEpoch}): the leader's epoch {epoch} ends at offset {endOffset}",
  'reason.no-epoch': 'leader {leader} knows no epoch at or before ours; truncating to the high watermark',
  'reason.offset-out-of-range': "offset {offset} is past leader {leader}'s log end {leo} (OFFSET_OUT_OF_RANGE)",
  'reason.legacy-follower-hw': 'became follower of broker {leader} in epoch {epoch}: truncating to own high watermark {hw} (pre-0.11 rule)',
  'reason.legacy-restart-hw': 'restart: truncating to the checkpointed high watermark {hw} (pre-0.11 rule)',
  'reason.flush-messages': 'flush.messages={n}',
  'reason.flush-ms': 'flush.ms={ms}',
  'reason.os-writeback': 'OS writeback of dirty pages',
  'reason.unclean-check': "the controller's periodic check (unclean.leader.election.interval.ms={interval}) found {partition} without a leader, and unclean.leader.election.enable is true",
} as const;
