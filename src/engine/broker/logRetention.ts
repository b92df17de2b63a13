/**
 * Keeping a long run's logs small. A log batch used to carry its history and
 * its producer batch's message ids in arrays that grew by push (a JavaScript
 * engine gives a pushed-to array room for about sixteen entries), so settled
 * batches were compacted to exact-size copies. Now a log batch is a row of
 * integers written once for every replica (core/logColumns.ts), a replica's
 * log a list of batch ids (core/replicaLog.ts), and a batch's history lives
 * apart, in chunks (batchHistory.ts). Nothing is left to compact; the pass
 * stays so its callers keep their cursor, and reports 0.
 */
import type { SimContext } from '../core/context.ts';

/** How far each replica's log ("broker:partition") has been compacted: a caller keeps it between passes. */
export type LogCursor = Map<string, number>;

/** Compacts the settled batches of every log added since the last pass; returns how many it compacted (none: batches are written exact-size and frozen). */
export function compactSettledBatches(ctx: SimContext, cursor: LogCursor): number {
  void ctx;
  void cursor;
  return 0;
}
