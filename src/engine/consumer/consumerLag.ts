/**
 * Consumer lag per group over time, as kafka-consumer-groups.sh reports it:
 * for each partition, the high watermark (LOG-END-OFFSET for read_uncommitted)
 * minus the group's committed offset (CURRENT-OFFSET). A partition with no
 * committed offset yet counts from where its owner started reading.
 */
import type { SimContext } from '../core/context.ts';
import type { ConsumerWorld, Group } from '../core/consumerModel.ts';
import { committedReplica } from '../broker/committedLog.ts';

export function groupLag(ctx: SimContext, w: ConsumerWorld, g: Group): { lag: number; perPartition: { partition: string; hw: number; committed: number; lag: number }[] } {
  const perPartition = [];
  let lag = 0;
  for (const p of g.partitions) {
    const r = committedReplica(ctx, p);
    const hw = r ? r.hw : 0;
    let base = g.committed.get(p)?.offset;
    if (base === undefined) {
      for (const m of w.members) if (m.group === g.index && m.position.has(p)) base = m.position.get(p);
    }
    const committed = g.committed.get(p)?.offset ?? -1;
    const l = Math.max(0, hw - (base ?? 0));
    lag += l;
    perPartition.push({ partition: ctx.partitions[p].name, hw, committed, lag: l });
  }
  return { lag, perPartition };
}

export function sampleLag(ctx: SimContext, w: ConsumerWorld): void {
  for (const g of w.groups) {
    const { lag } = groupLag(ctx, w, g);
    // Frozen: a sample never changes, so checkpoints share the samples (and, in chunks, the array: chunks.ts) instead of copying each.
    g.ledger.lag.push(Object.freeze({ t: ctx.now, lag, processed: g.ledger.processedCount }));
  }
}
