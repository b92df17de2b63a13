/**
 * What crosses to the view, as patches against what the view already holds.
 * While playing, a busy cluster's pieces take turns: each frame carries the
 * clock and the messages in flight, and a share of the rest (a partition or
 * two, or the counts), so every piece still updates several times a second
 * but no frame pays for all of them. Paused, stepping or seeking: everything.
 */
import { newSnapshotCache, snapshot, type LabSnapshot, type PartitionSnap, type SnapshotOptions } from '../engine/checker/snapshot.ts';
import type { Simulation } from '../engine/sim/simulation.ts';
import type { CellsPatch, PartitionPatch, SnapshotPatch } from './protocol.ts';
import type { CellSnap, ReplicaSnap } from '../engine/checker/snapshot.ts';

/** While playing, a piece of the snapshot crosses every STRIDE frames, in its slot (partition i in slot i % STRIDE). */
export const STRIDE = 4;
const SLOT_ALWAYS = -1;
export const SLOT_TRACE = 1;
export const SLOT_COUNTS = 3;

export class PatchSender {
  private cache = newSnapshotCache();
  /** The snapshot the view holds (what the next patch is relative to). */
  private sent: LabSnapshot | null = null;
  private frameNo = 0;

  reset(): void {
    this.cache = newSnapshotCache();
    this.sent = null;
  }

  /** Whose turn it is this update: -1 means everyone's. */
  turn(playing: boolean): (slot: number) => boolean {
    const slot = playing && this.sent ? this.frameNo++ % STRIDE : -1;
    return (k: number) => slot < 0 || k < 0 || k % STRIDE === slot;
  }

  /** The snapshot now, with what the view already holds left out (and, while playing, the pieces whose turn it is not). */
  patch(sim: Simulation, opts: SnapshotOptions, due: (slot: number) => boolean): SnapshotPatch {
    const prev = this.sent;
    // A partition not due keeps what the view holds unless its leader, epoch or ISR moved (below): its cells are not even built.
    const next = snapshot(sim, prev ? { ...opts, mayKeep: (i) => !due(i) } : opts, this.cache);
    if (!prev) {
      this.sent = next;
      return next;
    }
    const p: SnapshotPatch = { t: next.t, next: next.next, flights: next.flights };
    // What the view holds after this patch.
    const held: LabSnapshot = { ...next };
    const take = <K extends 'brokers' | 'producers' | 'links' | 'summary' | 'anomalies' | 'consumers'>(k: K, slot: number) => {
      if (next[k] === prev[k]) return;
      if (!due(slot)) held[k] = prev[k];
      else (p as Record<K, LabSnapshot[K]>)[k] = next[k];
    };
    take('brokers', SLOT_ALWAYS);
    take('links', SLOT_ALWAYS);
    take('producers', SLOT_COUNTS);
    take('summary', SLOT_COUNTS);
    take('anomalies', SLOT_COUNTS);
    // The counts and the groups together, so "processed twice" and the rebalance behind it show at once.
    take('consumers', SLOT_COUNTS);
    if (next.partitions.length !== prev.partitions.length) p.partitions = next.partitions;
    else {
      // A new leader, epoch or ISR crosses at once; log contents in the partition's turn.
      const moved = (x: PartitionSnap, o: PartitionSnap) => x.leader !== o.leader || x.leaderEpoch !== o.leaderEpoch || x.isr.length !== o.isr.length || x.isr.some((b, j) => b !== o.isr[j]);
      held.partitions = next.partitions.map((x, i) => (x === prev.partitions[i] || due(i) || moved(x, prev.partitions[i]) ? x : prev.partitions[i]));
      if (held.partitions.some((x, i) => x !== prev.partitions[i])) p.partitions = held.partitions.map((x, i) => (x === prev.partitions[i] ? null : partitionPatch(x, prev.partitions[i])));
    }
    this.sent = held;
    return p;
  }
}

/** Fewer cells than this in common with what the view holds: the replica's cells cross whole. */
const MIN_KEPT = 8;
const sameCell = (a: CellSnap, b: CellSnap) => a.o === b.o && a.k === b.k && a.m === b.m && a.e === b.e && a.d === b.d;

/**
 * A replica's cells as a delta against the cells the view holds for it: the
 * run of held cells that is still there (from the first cell now shown), then
 * only the new ones. A growing log sends its newest records, not its whole
 * window again every time (most of an update's bytes, and of the view's
 * garbage, were cells it already had).
 */
export function cellsPatch(now: CellSnap[], held: CellSnap[] | undefined): CellsPatch {
  if (!held || held.length === 0 || now.length === 0) return { cells: now };
  let from = 0;
  while (from < held.length && held[from].o < now[0].o) from++;
  let n = 0;
  while (n < now.length && from + n < held.length && sameCell(now[n], held[from + n])) n++;
  return n < MIN_KEPT ? { cells: now } : { cells: now.slice(n), keep: [from, n] };
}

function partitionPatch(x: PartitionSnap, held: PartitionSnap): PartitionPatch {
  return {
    ...x,
    replicas: x.replicas.map((r) => {
      const h: ReplicaSnap | undefined = held.replicas.find((o) => o.broker === r.broker);
      return h === r ? { ...r, cells: [], keep: [0, r.cells.length] } : { ...r, ...cellsPatch(r.cells, h?.cells) };
    }),
  };
}
