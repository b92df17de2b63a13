/** Order within a partition, read from the committed log (for the idempotence property test and replays). */
import { committedReplica } from '../../src/engine/broker/committedLog.ts';
import type { SimContext } from '../../src/engine/core/context.ts';

/**
 * Offsets where a record of a producer sits below one it sent earlier, per partition (committed log).
 *
 * One case is Kafka's own and is left out: a leader that holds no state for the producer (none of its
 * records in the log) accepts its first batch at any sequence (ProducerAppendInfo.checkSequence: "If
 * there is no current producer epoch ... accept writes with any sequence number"). When that batch
 * overtook earlier ones still in flight to the old leader, the earlier ones come back with
 * OUT_OF_ORDER_SEQUENCE_NUMBER as the next expected sequence, the client bumps its epoch
 * (TransactionManager.canRetry) and they are written after it. A first batch at a non-zero sequence
 * is that case; idempotentNoProducerState.test.ts pins it.
 */
export function orderViolations(ctx: SimContext): string[] {
  const out: string[] = [];
  for (const part of ctx.partitions) {
    const r = committedReplica(ctx, part.id);
    if (!r) continue;
    const last = new Map<number, number>();
    const seen = new Set<number>();
    for (const b of r.log) {
      const statelessFirst = b.pb.baseSeq > 0 && !seen.has(b.pb.pid);
      seen.add(b.pb.pid);
      for (let i = 0; i < b.pb.msgs.length && b.baseOffset + i < r.hw; i++) {
        const id = b.pb.msgs[i];
        const prod = ctx.msgs.producer[id];
        const prev = last.get(prod) ?? -1;
        if (id <= prev) out.push(`${part.name} offset ${b.baseOffset + i}: message ${id} after message ${prev}`);
        if (!statelessFirst) last.set(prod, Math.max(prev, id));
      }
    }
  }
  return out;
}
