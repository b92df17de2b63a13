/**
 * What each consumer group's application did with every message, as the
 * checker reads it (checker/consumerChecker.ts, consumerStory.ts): typed
 * arrays indexed by message id, and the repeats in columns. Written by
 * consumer/processing.ts.
 */
import type { PartitionId } from './model.ts';
import type { RowTracked } from './changedRows.ts';

/**
 * A group's repeated processings in columns, `n` rows in the order they
 * happened: a big run repeats 100,000 records and more, so no object per
 * repeat (a checkpoint chunks the columns like the ledger's other arrays).
 */
export interface Repeats {
  n: number;
  id: Int32Array;
  /** The member that processed it again, its generation then, and which life of its process (1 = first). */
  member: Int16Array;
  generation: Int32Array;
  life: Int32Array;
  t: Float64Array;
}

/** Per-group bookkeeping of what the application did with each message (typed arrays, index = message id; rows tracked for checkpoints, changedRows.ts). */
export interface GroupLedger extends RowTracked {
  processed: Uint8Array;
  /** Order of first processing (1, 2, ...): the checker compares it within each key of the committed log. */
  firstSeq: Int32Array;
  firstBy: Int16Array;
  firstGen: Int32Array;
  firstAt: Float64Array;
  /** Later processings of a processed message (8 each at most), append-only. */
  repeats: Repeats;
  deduplicated: number;
  /** Offsets skipped by auto.offset.reset. */
  resets: { partition: PartitionId; from: number; to: number; t: number; consumer: string }[];
  lag: { t: number; lag: number; processed: number }[];
  processedCount: number;
}
