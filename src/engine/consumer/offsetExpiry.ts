/**
 * Committed offsets expire (KIP-211, Kafka 2.1+): the offsets of a group that
 * uses the group protocol are deleted once the group has been Empty for
 * offsets.retention.minutes (7 days since Kafka 2.0, KIP-186); while it has
 * members they never expire. The coordinator checks every
 * offsets.retention.check.interval.ms (10 minutes), so they go at the first
 * check after that. A member that comes back later finds no committed offset
 * and starts where auto.offset.reset says: `latest` silently skips everything
 * written while the group was away, `earliest` reads it all again.
 * Sources: GroupMetadata.removeExpiredOffsets (base time = currentStateTimestamp
 * when Empty), the new coordinator's OffsetMetadataManager.cleanupExpiredOffsets
 * with ClassicGroup.offsetExpirationCondition; GroupCoordinatorConfig
 * (OFFSETS_RETENTION_MINUTES_DEFAULT, OFFSETS_RETENTION_CHECK_INTERVAL_MS_DEFAULT).
 */
import type { SimContext } from '../core/context.ts';
import type { Group } from '../core/consumerModel.ts';
import { LAB_NODE } from './consumerWorld.ts';
import { noteConsumer } from './consumerTrace.ts';

/** The group has just become Empty: its offsets' clock starts; the check that will find them expired is scheduled. */
export function becameEmpty(ctx: SimContext, g: Group): void {
  g.emptySince = ctx.now;
  if (g.committed.size === 0) return;
  const c = ctx.brokers[0].config;
  const interval = c['offsets.retention.check.interval.ms'];
  const due = ctx.now + c['offsets.retention.minutes'] * 60_000;
  // The cleanup task runs every interval from the coordinator's start (t=0 here): the first run at or after `due`.
  const at = Math.ceil(due / interval) * interval;
  ctx.timer(LAB_NODE, at - ctx.now, { type: 'consumer', body: { kind: 'offsets-expiry', group: g.index, emptySince: ctx.now } });
}

/** The cleanup run: if the group is still Empty since then, its committed offsets are deleted. */
export function expireOffsets(ctx: SimContext, g: Group, emptySince: number): void {
  if (g.state !== 'Empty' || g.emptySince !== emptySince || g.committed.size === 0) return;
  const offsets = [...g.committed].map(([p, o]) => `${ctx.partitions[p].name}@${o.offset}`).join(' ');
  g.committed.clear();
  noteConsumer(ctx, '', g.id, 'offsets-expired', { offsets, emptySince, retentionMinutes: ctx.brokers[0].config['offsets.retention.minutes'] });
}
