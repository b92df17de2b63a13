/** Order within a partition, read from the committed log (for the idempotence property test and replays). */
import { committedReplica } from '../../src/engine/broker/committedLog.ts';
import type { SimContext } from '../../src/engine/core/context.ts';

/** Offsets where a record of a producer sits below one it sent earlier, per partition (committed log). */
export function orderViolations(ctx: SimContext): string[] {
  const out: string[] = [];
  for (const part of ctx.partitions) {
    const r = committedReplica(ctx, part.id);
    if (!r) continue;
    const last = new Map<number, number>();
    for (const b of r.log) {
      for (let i = 0; i < b.pb.msgs.length && b.baseOffset + i < r.hw; i++) {
        const id = b.pb.msgs[i];
        const prod = ctx.msgs.producer[id];
        const prev = last.get(prod) ?? -1;
        if (id <= prev) out.push(`${part.name} offset ${b.baseOffset + i}: message ${id} after message ${prev}`);
        last.set(prod, Math.max(prev, id));
      }
    }
  }
  return out;
}

