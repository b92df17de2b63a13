/** Order within a partition, read from the committed log (for the idempotence property test and replays). */
import { committedReplica } from '../../src/engine/broker/committedLog.ts';
import type { SimContext } from '../../src/engine/core/context.ts';
import { batchesOf } from '../../src/engine/broker/log.ts';

/**
 * Offsets where a record of a producer sits below one it sent earlier, per partition (committed log).
 *
 * One case is Kafka's own and is left out: a leader that holds no state for the producer (none of its
 * records in the log) accepts its first batch at any sequence (ProducerAppendInfo.checkSequence: "If
 * there is no current producer epoch ... accept writes with any sequence number"). When that batch
 * overtook earlier ones still in flight to the old leader, the earlier ones come back with
 * OUT_OF_ORDER_SEQUENCE_NUMBER as the next expected sequence, the client bumps its epoch
 * (TransactionManager.canRetry) and they are written after it. A first batch at a non-zero sequence,
 * and the batches that followed it under the same epoch, are that case; idempotentNoProducerState.test.ts
 * pins it.
 */
export function orderViolations(ctx: SimContext): string[] {
  const out: string[] = [];
  for (const part of ctx.partitions) {
    const r = committedReplica(ctx, part.id);
    if (!r) continue;
    const last = new Map<number, number>();
    // Per producer id: the epoch of its first batch in this log, and whether that batch began at a non-zero sequence.
    const first = new Map<number, { epoch: number; stateless: boolean }>();
    for (const b of batchesOf(r, ctx.batches)) {
      if (!first.has(b.pb.pid)) first.set(b.pb.pid, { epoch: b.pb.producerEpoch, stateless: b.pb.baseSeq > 0 });
      const f = first.get(b.pb.pid)!;
      // That batch and those that followed it in sequence under the same epoch overtook the earlier ones.
      const statelessFirst = f.stateless && b.pb.producerEpoch === f.epoch;
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
