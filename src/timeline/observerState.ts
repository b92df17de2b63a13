/**
 * The incremental observer's state (observer.ts reads and moves it): plain
 * data only (typed arrays, arrays, Maps, Sets, plain objects; no class
 * instance, no closure, nothing of the engine's), so the one plain copy of
 * engine/sim/checkpoint.ts keeps it beside each checkpoint, its long columns
 * in chunks shared with the checkpoint before.
 */
import type { SimContext } from '../engine/core/context.ts';
import { newCursor, type LogCursor } from './logCursor.ts';
import { newIds, type Ids } from './ids.ts';
import { newConsumerState, type ConsumerState } from './consumerObserverState.ts';
import { trackRows, type RowTracked } from '../engine/core/changedRows.ts';

export const NONE = 255;
/** Producer-side anomaly kinds the observer lists (observer.ts's ANOMALY_KINDS). */
const ANOMALY_KIND_COUNT = 5;

export interface PartState {
  cur: LogCursor;
  /** Highest message id seen per (producer, key) in log order. */
  maxSeen: Int32Array;
  /** Ids of the uncommitted tail at the last look. */
  tail: Ids;
}

/** Its typed columns of messages (copies ... sent) have their rows tracked for checkpoints (changedRows.ts). */
export interface ObserverState extends RowTracked {
  n: number;
  copies: Uint8Array;
  reordered: Uint8Array;
  inLog: Uint8Array;
  /** Offsets of a run of at most 10^7 messages (scenario/scenarioRules.ts MAX_MESSAGES): an Int32 holds them, half a Float64. */
  firstOffset: Int32Array;
  extra: Map<number, number[]>;
  overtaker: Map<number, { message: number; offset: number }>;
  cls: Uint8Array;
  lastStatus: Uint8Array;
  /** Per message, what it adds to its producer's counts (1 acked, 2 failed or dropped). */
  sent: Uint8Array;
  /** Per producer, acknowledged and failed sends (the Producers panel). */
  producers: { acked: number; failed: number }[];
  /** Per class code, how many messages have it (a plain array: every typed array here is a column of messages). */
  counts: number[];
  /** Sends whose status may still move (pending, or failed and perhaps resent). */
  live: Ids;
  parts: PartState[];
  keyBase: number[];
  /** Moves when a message enters or leaves the anomaly list, or a partition is read again (offsets may move). */
  anomalyVersion: number;
  /** Per producer-side anomaly kind, the messages that have it now. */
  byKind: Set<number>[];
  consumer: ConsumerState | null;
}

export function newObserverState(ctx: SimContext): ObserverState {
  const keyBase: number[] = [];
  let slots = 0;
  for (const p of ctx.producers) {
    keyBase.push(slots);
    slots += p.spec.keys;
  }
  return trackRows({
    n: 0,
    copies: new Uint8Array(1024),
    reordered: new Uint8Array(1024),
    inLog: new Uint8Array(1024),
    firstOffset: new Int32Array(1024).fill(-1),
    extra: new Map(),
    overtaker: new Map(),
    cls: new Uint8Array(1024).fill(NONE),
    lastStatus: new Uint8Array(1024),
    sent: new Uint8Array(1024),
    producers: ctx.producers.map(() => ({ acked: 0, failed: 0 })),
    counts: new Array<number>(256).fill(0),
    live: newIds(),
    parts: ctx.partitions.map((p) => ({ cur: newCursor(ctx, p.id), maxSeen: new Int32Array(slots).fill(-1), tail: newIds() })),
    keyBase,
    anomalyVersion: 0,
    byKind: Array.from({ length: ANOMALY_KIND_COUNT }, () => new Set<number>()),
    consumer: ctx.consumers ? newConsumerState(ctx) : null,
  });
}
