/** Where a partition's committed records are read from, and which log batches ever held a message. */
import type { SimContext } from '../core/context.ts';
import { lastStanding, type LogBatch, type MessageId, type Replica } from '../core/model.ts';
import { holdsRecord, logBatchOf } from '../core/logColumns.ts';
import { logIdAt } from '../core/replicaLog.ts';

/** The replica whose committed prefix counts: the leader, or for an offline partition the last ISR member (else its first ELR member, else its last known leader). */
export function committedReplica(ctx: SimContext, partition: number): Replica | undefined {
  const s = ctx.controller.partitions[partition];
  const b = s.leader > 0 ? s.leader : lastStanding(s);
  return b ? ctx.brokers[b - 1].replicas.get(partition) : undefined;
}

/** Every log batch that ever held `id`: in some replica's log now, or removed from one. */
export function batchesHolding(ctx: SimContext, id: MessageId): LogBatch[] {
  const t = ctx.batches;
  const seen = new Set<number>();
  const out: LogBatch[] = [];
  const part = ctx.msgs.partition[id];
  for (const br of ctx.brokers) {
    const r = br.replicas.get(part);
    if (!r) continue;
    for (let i = 0; i < r.log.length; i++) {
      const b = logIdAt(r.log, i);
      if (holdsRecord(t, b, id) && !seen.has(b)) {
        seen.add(b);
        out.push(logBatchOf(t, b));
      }
    }
  }
  for (const b of ctx.removed) {
    if (b.pb.partition === part && !seen.has(b.id) && b.pb.msgs.includes(id)) {
      seen.add(b.id);
      out.push(b);
    }
  }
  return out.sort((a, b) => a.appendedAt - b.appendedAt || a.id - b.id);
}
