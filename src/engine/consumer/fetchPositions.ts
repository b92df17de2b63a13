/**
 * Where a consumer's fetch position comes from and how it is checked
 * (ClassicKafkaConsumer.updateFetchPositions): the committed offset
 * (OffsetFetch), else auto.offset.reset (ListOffsets); and KIP-320 validation.
 * A position carries the leader epoch of the record before it. When the
 * partition's leader (or its epoch) differs from the one the position was last
 * checked against, the consumer stops fetching it and asks the leader where
 * that epoch ends (OffsetsForLeaderEpoch). An end below the position means the
 * log was truncated under the consumer (an unclean election): it seeks back to
 * the first diverging offset, or with auto.offset.reset=none throws
 * LogTruncationException. auto.offset.reset applies only when the leader knows
 * no such epoch. Source: SubscriptionState.maybeValidatePositionForCurrentLeader /
 * maybeCompleteValidation / seekUnvalidated, OffsetFetcher.validatePositionsIfNeeded,
 * OffsetsForLeaderEpochUtils, ConsumerUtils.refreshCommittedOffsets.
 */
import type { SimContext } from '../core/context.ts';
import type { Member, PendingRequest, PositionEpochs } from '../core/consumerModel.ts';
import type { PartitionId } from '../core/model.ts';
import { sendRequest } from './consumerRequests.ts';
import { noteConsumer } from './consumerTrace.ts';
import { findCoordinator, groupOf, inFlight, requestMetadata } from './consumerClient.ts';
import { wakeApp } from './pollLoop.ts';

const pname = (ctx: SimContext, p: PartitionId) => ctx.partitions[p].name;

/** Sets a position that still has to be checked against the leader (seekUnvalidated). */
function seekUnvalidated(m: Member, p: PartitionId, offset: number, epoch: number): void {
  m.position.set(p, offset);
  m.validating.delete(p);
  m.epochs.set(p, { offsetEpoch: epoch, leader: -1, leaderEpoch: -1, seen: epoch >= 0 ? [[epoch, offset - 1]] : [] });
}

/** poll() returned records of `epoch` from `from` on: the position now carries that epoch. */
export function noteConsumedEpoch(m: Member, p: PartitionId, epoch: number, from: number): void {
  let e = m.epochs.get(p);
  if (!e) m.epochs.set(p, (e = { offsetEpoch: -1, leader: -1, leaderEpoch: -1, seen: [] }));
  e.offsetEpoch = epoch;
  const last = e.seen[e.seen.length - 1];
  if (!last || epoch > last[0]) e.seen.push([epoch, from]);
}

/** The epoch a commit of `offset` carries: that of the record before it, as the consumer saw it (-1 unknown). */
export function commitEpoch(m: Member, p: PartitionId, offset: number): number {
  const e = m.epochs.get(p);
  if (!e) return -1;
  if (m.position.get(p) === offset) return e.offsetEpoch;
  for (let i = e.seen.length - 1; i >= 0; i--) if (e.seen[i][1] <= offset - 1) return e.seen[i][0];
  return -1;
}

/** Committed offsets for new partitions (OffsetFetch), else auto.offset.reset (ListOffsets), then validation. */
export function updateFetchPositions(ctx: SimContext, m: Member): void {
  validatePositions(ctx, m);
  // ConsumerCoordinator.fetchCommittedOffsets first waits for a known coordinator (ensureCoordinatorReady).
  if (m.awaitingOffsets.size && !inFlight(m, 'offset-fetch')) {
    if (m.coordinator > 0) sendRequest(ctx, m, m.coordinator, { kind: 'offset-fetch', group: groupOf(ctx, m).id, partitions: [...m.awaitingOffsets] });
    else findCoordinator(ctx, m);
  }
  if (m.resetting.size === 0 || inFlight(m, 'list-offsets')) return;
  const policy = m.spec.config['auto.offset.reset'];
  if (policy === 'none') return;
  const reset = policy === 'earliest' ? 'earliest' : 'latest';
  const byLeader = groupByLeader(m.resetting.keys(), (p) => m.leaders.get(p));
  if (byLeader.size < m.resetting.size) requestMetadata(ctx, m, [...m.resetting.keys()]);
  for (const [b, parts] of byLeader) sendRequest(ctx, m, b, { kind: 'list-offsets', partitions: parts, reset });
}

function groupByLeader(parts: Iterable<PartitionId>, leaderOf: (p: PartitionId) => { leader: number } | undefined): Map<number, PartitionId[]> {
  const out = new Map<number, PartitionId[]>();
  for (const p of parts) {
    const l = leaderOf(p);
    if (!l || l.leader < 0) continue;
    if (!out.has(l.leader)) out.set(l.leader, []);
    out.get(l.leader)!.push(p);
  }
  return out;
}

/**
 * validatePositionsOnMetadataChange + validatePositionsIfNeeded: a position
 * whose leader changed awaits validation (if both epochs are known), and one
 * OffsetsForLeaderEpoch request per leader asks where the position's epoch ends.
 */
function validatePositions(ctx: SimContext, m: Member): void {
  // A consumer before KIP-320 (client side in 2.3, KAFKA-7747) never validates: after an unclean
  // election it reads on from its position, and one past the new log end gets OFFSET_OUT_OF_RANGE,
  // then auto.offset.reset (re-reading with earliest, skipping with latest).
  if (!ctx.rules.consumerTruncationDetection) return;
  for (const p of m.assignment) {
    const e = m.epochs.get(p);
    const l = m.leaders.get(p);
    if (!e || !m.position.has(p) || !l || l.leader < 0 || (e.leader === l.leader && e.leaderEpoch === l.epoch)) continue;
    e.leader = l.leader;
    e.leaderEpoch = l.epoch;
    if (e.offsetEpoch >= 0 && l.epoch >= 0) {
      m.validating.add(p);
      // Fetched data of a partition that is no longer fetchable is dropped (FetchCollector).
      m.buffers.delete(p);
    }
  }
  if (m.validating.size === 0 || inFlight(m, 'offsets-for-leader-epoch')) return;
  for (const [b, parts] of groupByLeader(m.validating, (p) => m.epochs.get(p))) {
    const positions = parts.map((p): [PartitionId, number, number, number] => [p, m.position.get(p)!, m.epochs.get(p)!.offsetEpoch, m.epochs.get(p)!.leaderEpoch]);
    sendRequest(ctx, m, b, { kind: 'offsets-for-leader-epoch', partitions: parts.map((p) => [p, m.epochs.get(p)!.offsetEpoch, m.epochs.get(p)!.leaderEpoch]) }, { positions });
  }
}

/** SubscriptionState.maybeCompleteValidation for each answered partition. */
export function handleEpochEndOffsets(ctx: SimContext, m: Member, pending: PendingRequest, answers: { id: PartitionId; error: string | null; epoch: number; endOffset: number }[], err: string | null): void {
  const g = groupOf(ctx, m);
  const none = m.spec.config['auto.offset.reset'] === 'none';
  let retry = err !== null;
  for (const [p, offset, offsetEpoch, leaderEpoch] of pending.positions ?? []) {
    const a = answers.find((x) => x.id === p);
    const e = m.epochs.get(p);
    // An answer about a position that has since moved (or a leader that has since changed) is stale.
    if (!m.validating.has(p) || !e || m.position.get(p) !== offset || e.offsetEpoch !== offsetEpoch || e.leaderEpoch !== leaderEpoch) continue;
    if (!a || a.error) {
      // NOT_LEADER_OR_FOLLOWER, FENCED_LEADER_EPOCH, UNKNOWN_LEADER_EPOCH...: retried after a metadata refresh.
      retry = true;
      continue;
    }
    const name = pname(ctx, p);
    if (a.endOffset < 0 || a.epoch < 0) {
      // The leader knows no epoch at or below ours: only auto.offset.reset can say where to go.
      m.validating.delete(p);
      if (none) stuck(ctx, m, p, { partition: name, offset, divergedAt: '?', epoch: offsetEpoch, leader: e.leader });
      else {
        noteConsumer(ctx, m.name, g.id, 'truncation-reset', { partition: name, offset, epoch: offsetEpoch, leader: e.leader });
        m.position.delete(p);
        m.epochs.delete(p);
        m.resetting.set(p, offset);
      }
    } else if (a.endOffset < offset) {
      m.validating.delete(p);
      if (none) stuck(ctx, m, p, { partition: name, offset, divergedAt: a.endOffset, epoch: a.epoch, leader: e.leader });
      else seekToDivergence(ctx, m, p, e, offset, a.epoch, a.endOffset);
    } else m.validating.delete(p);
  }
  if (retry) requestMetadata(ctx, m, m.assignment);
  wakeApp(ctx, m, 'validated');
}

/** "Truncation detected ... resetting offset to the first offset known to diverge" (seekValidated). */
function seekToDivergence(ctx: SimContext, m: Member, p: PartitionId, e: PositionEpochs, offset: number, epoch: number, end: number): void {
  const name = pname(ctx, p);
  m.position.set(p, end);
  m.buffers.delete(p);
  e.offsetEpoch = epoch;
  while (e.seen.length && e.seen[e.seen.length - 1][1] >= end) e.seen.pop();
  if (!e.seen.length || e.seen[e.seen.length - 1][0] !== epoch) e.seen.push([epoch, end - 1]);
  noteConsumer(ctx, m.name, groupOf(ctx, m).id, 'truncation-detected', { partition: name, offset, divergedAt: end, epoch, leader: e.leader });
}

/** With no reset policy the application gets the exception on every poll() and this partition makes no progress. */
function stuck(ctx: SimContext, m: Member, p: PartitionId, args: Record<string, string | number>): void {
  m.position.delete(p);
  m.buffers.delete(p);
  noteConsumer(ctx, m.name, groupOf(ctx, m).id, 'log-truncation', args);
}

export function handleOffsetFetch(ctx: SimContext, m: Member, offsets: [PartitionId, number, number][]): void {
  for (const [p, o, epoch] of offsets) {
    if (!m.awaitingOffsets.delete(p)) continue;
    if (o >= 0) seekUnvalidated(m, p, o, epoch);
    else if (m.spec.config['auto.offset.reset'] === 'none') {
      noteConsumer(ctx, m.name, groupOf(ctx, m).id, 'no-offset', { partition: pname(ctx, p) });
    } else m.resetting.set(p, -1);
  }
  wakeApp(ctx, m, 'offsets');
}

export function handleListOffsets(ctx: SimContext, m: Member, offsets: [PartitionId, number, number][]): void {
  const g = groupOf(ctx, m);
  const reset = m.spec.config['auto.offset.reset'];
  for (const [p, o, epoch] of offsets) {
    if (!m.resetting.has(p)) continue;
    if (o < 0) {
      requestMetadata(ctx, m, [p]);
      continue;
    }
    const from = Math.max(0, m.resetting.get(p)!);
    m.resetting.delete(p);
    seekUnvalidated(m, p, o, epoch);
    if (o > from) g.ledger.resets.push({ partition: p, from, to: o, t: ctx.now, consumer: m.name });
    noteConsumer(ctx, m.name, g.id, 'offset-reset', { partition: pname(ctx, p), offset: o, skipped: Math.max(0, o - from), reset });
  }
  wakeApp(ctx, m, 'reset');
}
