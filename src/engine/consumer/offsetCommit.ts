/**
 * Offset commits as the Java client makes them: auto-commit (async, from
 * inside poll(), every auto.commit.interval.ms, of the positions returned by
 * earlier polls), commitSync (blocks the app, retries retriable errors until
 * default.api.timeout.ms) and commitAsync (fire and forget, no retry). A
 * member that is no longer in a stable generation cannot commit:
 * CommitFailedException (ILLEGAL_GENERATION / UNKNOWN_MEMBER_ID, or locally
 * when it already left), RebalanceInProgressException while rejoining.
 * Source: ConsumerCoordinator.sendOffsetCommitRequest, OffsetCommitResponseHandler,
 * maybeAutoCommitOffsetsAsync, commitOffsetsSync.
 */
import type { SimContext } from '../core/context.ts';
import type { ConsumerWorld, Member, PendingRequest } from '../core/consumerModel.ts';
import type { PartitionId } from '../core/model.ts';
import { sendRequest } from './consumerRequests.ts';
import { noteConsumer } from './consumerTrace.ts';
import type { CommitFailCause } from './consumerEventCodes.ts';
import { markCoordinatorUnknown } from './consumerClient.ts';
import { commitDone } from './pollLoop.ts';
import { commitEpoch } from './fetchPositions.ts';

const groupId = (ctx: SimContext, m: Member) => (ctx.consumers as ConsumerWorld).groups[m.group].id;
const RETRIABLE = new Set(['NOT_COORDINATOR', 'COORDINATOR_NOT_AVAILABLE', 'COORDINATOR_LOAD_IN_PROGRESS', 'NETWORK_EXCEPTION', 'REQUEST_TIMED_OUT']);

/** subscriptions.allConsumed(): the position of every assigned partition that has one. */
export function allConsumed(m: Member): [PartitionId, number][] {
  const out: [PartitionId, number][] = [];
  for (const p of m.assignment) {
    const pos = m.position.get(p);
    if (pos !== undefined && pos >= 0) out.push([p, pos]);
  }
  return out;
}

const fmt = (ctx: SimContext, offsets: [PartitionId, number][]) => offsets.map(([p, o]) => `${ctx.partitions[p].name}@${o}`).join(' ');

/**
 * Starts a commit. Returns 'sent' (a sync commit then waits for commitDone),
 * 'done' (nothing to commit, or async) or 'failed' (the app sees the exception now).
 */
export function commitOffsets(ctx: SimContext, m: Member, offsets: [PartitionId, number][], how: { sync: boolean; auto: boolean; since: number }): 'sent' | 'done' | 'failed' {
  if (offsets.length === 0) return 'done';
  if (m.generation < 0 || m.memberId === '' || m.joinState !== 'stable') {
    const rebalancing = m.joinState === 'joining' || m.joinState === 'syncing';
    const error = rebalancing ? 'RebalanceInProgressException' : 'CommitFailedException';
    failed(ctx, m, offsets, how.auto, error, { cause: rebalancing ? 'rejoining' : 'not-in-group' });
    return 'failed';
  }
  if (m.coordinator < 0) {
    markCoordinatorUnknown(ctx, m);
    if (!how.sync) {
      failed(ctx, m, offsets, how.auto, 'RetriableCommitFailedException', { cause: 'coordinator-unknown' });
      return 'failed';
    }
  }
  const target = m.coordinator > 0 ? m.coordinator : 1 + ctx.rng.int(ctx.brokers.length);
  // OffsetCommit carries each offset's leader epoch, so whoever resumes from it can validate it
  // (KIP-320, OffsetCommit v6); a consumer before it commits none (-1).
  const epochs = offsets.map(([p, o]) => (ctx.rules.consumerTruncationDetection ? commitEpoch(m, p, o) : -1));
  sendRequest(ctx, m, target, { kind: 'commit', group: groupId(ctx, m), memberId: m.memberId, generation: m.generation, offsets, epochs }, { sync: how.sync, auto: how.auto, offsets, since: how.since });
  return how.sync ? 'sent' : 'done';
}

/** `why.cause` says why (consumerEventText.ts); a broker's error code, if any, comes as `brokerError`. */
function failed(ctx: SimContext, m: Member, offsets: [PartitionId, number][], auto: boolean, error: string, why: { cause: CommitFailCause; brokerError?: string; oldGeneration?: number }): void {
  m.commitsFailed++;
  noteConsumer(ctx, m.name, groupId(ctx, m), 'commit-failed', { error, offsets: fmt(ctx, offsets), auto: auto ? 1 : 0, generation: m.generation, ...why });
}

export function handleCommitResponse(ctx: SimContext, m: Member, p: PendingRequest, err: string | null): void {
  const offsets = p.offsets ?? [];
  const auto = p.auto === true;
  if (!err) {
    noteConsumer(ctx, m.name, groupId(ctx, m), 'committed', { offsets: fmt(ctx, offsets), auto: auto ? 1 : 0, generation: m.generation });
    if (p.sync) commitDone(ctx, m, 'ok');
    return;
  }
  if (RETRIABLE.has(err)) {
    markCoordinatorUnknown(ctx, m);
    if (p.sync && ctx.now - (p.since ?? ctx.now) < m.spec.config['default.api.timeout.ms']) return commitDone(ctx, m, 'retry', { offsets, since: p.since ?? ctx.now });
    failed(ctx, m, offsets, auto, p.sync ? 'TimeoutException' : 'RetriableCommitFailedException', { cause: 'broker-error', brokerError: err });
    if (p.sync) commitDone(ctx, m, 'failed');
    return;
  }
  if ((err === 'ILLEGAL_GENERATION' || err === 'UNKNOWN_MEMBER_ID') && p.generation !== m.generation) {
    failed(ctx, m, offsets, auto, 'CommitFailedException', { cause: 'old-generation', brokerError: err, oldGeneration: p.generation ?? -1 });
  } else if (err === 'ILLEGAL_GENERATION' || err === 'UNKNOWN_MEMBER_ID') {
    // resetGenerationOnResponseError + requestRejoin: the member lost its partitions.
    m.generation = -1;
    if (err === 'UNKNOWN_MEMBER_ID') m.memberId = '';
    m.joinState = 'none';
    m.rejoinNeeded = true;
    failed(ctx, m, offsets, auto, 'CommitFailedException', { cause: 'reassigned', brokerError: err });
  } else if (err === 'REBALANCE_IN_PROGRESS') {
    m.rejoinNeeded = true;
    failed(ctx, m, offsets, auto, 'RebalanceInProgressException', { cause: 'broker-error', brokerError: err });
  } else failed(ctx, m, offsets, auto, 'KafkaException', { cause: 'broker-error', brokerError: err });
  if (p.sync) commitDone(ctx, m, 'failed');
}
