/**
 * Keeping a long run's logs small. Every log batch carries its history (for
 * stories) and its producer batch's message ids; both are arrays that grew by
 * push, and a JavaScript engine gives a pushed-to array room for about
 * sixteen entries, where a settled batch holds one message and three history
 * steps. Once a batch lies below the log end of every replica of its
 * partition, nothing is likely to be added to either, so each is replaced by
 * an exact-size copy: the same entries, several times less memory. Contents
 * never change, so the run (and its trace) is the same byte for byte; should
 * an entry come later (a truncation), the array simply grows again.
 */
import type { SimContext } from './context.ts';

/** How far each replica's log ("broker:partition") has been compacted: a caller keeps it between passes. */
export type LogCursor = Map<string, number>;

/** Compacts the settled batches of every log added since the last pass; returns how many it compacted. */
export function compactSettledBatches(ctx: SimContext, cursor: LogCursor): number {
  let n = 0;
  for (const p of ctx.partitions) {
    let settled = Infinity;
    for (const b of p.assignment) settled = Math.min(settled, ctx.brokers[b - 1].replicas.get(p.id)?.leo ?? 0);
    for (const b of p.assignment) {
      const r = ctx.brokers[b - 1].replicas.get(p.id);
      if (!r) continue;
      const key = `${b}:${p.id}`;
      // A truncation or a restore may have shortened the log: start again from where it now ends.
      let i = Math.min(cursor.get(key) ?? 0, r.log.length);
      for (; i < r.log.length && r.log[i].endOffset <= settled; i++) {
        const lb = r.log[i];
        lb.history = lb.history.slice();
        if (!lb.pb.open) lb.pb.msgs = lb.pb.msgs.slice();
        n++;
      }
      cursor.set(key, i);
    }
  }
  return n;
}
