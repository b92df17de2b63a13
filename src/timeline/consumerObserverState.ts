/**
 * The consumer observer's bookkeeping per group and partition
 * (consumerObserver.ts reads and moves it): plain data, part of the
 * observer's state (observerState.ts). A group is named by its index in the
 * engine's consumer world, never held: a restore puts a copy of the world in place.
 */
import type { SimContext } from '../engine/core/context.ts';
import type { ConsumerWorld } from '../engine/core/consumerModel.ts';
import type { AnomalySnap } from '../engine/checker/snapshot.ts';
import type { ConsumerAnomalyKind } from '../engine/checker/consumerStory.ts';
import { newCursor, type LogCursor } from './logCursor.ts';
import { trackRows, type RowTracked } from '../engine/core/changedRows.ts';

export type Counts = { consumable: number; lostAfterBroker: number; processedTwice: number; processedOutOfOrder: number; skippedByReset: number; unconsumed: number };
export const SETTLED = 0x80;
export const BIT: Record<ConsumerAnomalyKind, number> = { 'lost-after-broker': 1, 'processed-twice': 2, 'processed-out-of-order': 4, 'skipped-by-reset': 8 };
export const KIND_OF_BIT = Object.entries(BIT) as [ConsumerAnomalyKind, number][];
export const zero = (): Counts => ({ consumable: 0, lostAfterBroker: 0, processedTwice: 0, processedOutOfOrder: 0, skippedByReset: 0, unconsumed: 0 });
export const FIELD: Record<ConsumerAnomalyKind, keyof Counts> = { 'lost-after-broker': 'lostAfterBroker', 'processed-twice': 'processedTwice', 'processed-out-of-order': 'processedOutOfOrder', 'skipped-by-reset': 'skippedByReset' };

/** A settled record not processed yet (in the checker's words: lost after the broker, for now): it may still be. Frozen once its look is done: a change replaces it (checkpoints share it). */
export interface Watched {
  id: number;
  off: number;
  /** What it adds to the settled counts now. */
  kinds: ConsumerAnomalyKind[];
  processed: number;
  inHand: boolean;
  /** The highest offset of any copy of it (a retried write is in the log twice): processing that copy counts for this record too. */
  last: number;
}

export interface PartState {
  cur: LogCursor;
  watched: Readonly<Watched>[];
  settled: Counts;
  resets: number;
  /** The committed offset (KIP-320 adjusted) at the last look. */
  committed: number;
  /** Records processed once below this offset are no longer watched; a poll below it means a re-read. */
  dropBound: number;
  rewound: boolean;
  /** Watched records not processed yet (each look looks at them again). */
  waiting: number;
  /** The bound (committed offset, members' positions) the watch list was last pruned with. */
  reread: number;
  /** Settled anomalies (the first few of each kind). */
  found: AnomalySnap[];
}

/** Rows (message ids) of seen and at are tracked for checkpoints (changedRows.ts). */
export interface GroupState extends RowTracked {
  /** The group's index in the consumer world. */
  gi: number;
  /** Per message: 0 not settled; else SETTLED | the verdict bits it was settled with. */
  seen: Uint8Array;
  /** Per settled message: the offset of the copy its verdicts are about. */
  at: Int32Array;
  parts: Map<number, PartState>;
  live: Counts;
  liveFound: AnomalySnap[];
  /** The group ledger's repeats read so far (a look reads only the new ones). */
  repeatsSeen: number;
}

export interface ConsumerState {
  gs: GroupState[];
  /** Trace events read so far (a look reads only the new ones). */
  traceSeen: number;
}

export function newPart(ctx: SimContext, p: number): PartState {
  return { cur: newCursor(ctx, p), watched: [], settled: zero(), resets: 0, committed: -1, dropBound: 0, rewound: false, reread: -1, waiting: 0, found: [] };
}

export function newConsumerState(ctx: SimContext): ConsumerState {
  const w = ctx.consumers as ConsumerWorld;
  return { gs: w.groups.map((g) => trackRows({ gi: g.index, seen: new Uint8Array(1024), at: new Int32Array(1024), parts: new Map(g.partitions.map((p) => [p, newPart(ctx, p)])), live: zero(), liveFound: [], repeatsSeen: 0 })), traceSeen: 0 };
}
