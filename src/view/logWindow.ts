/**
 * Which offsets a partition's log view shows. All replicas share one offset
 * axis; the window is chosen from snapshot data so it always holds what
 * matters now: the HW, every replica's log end (LEO), the records that differ
 * between replicas and records just removed. When they do not all fit, the
 * ones a learner needs most win: the HW, the running replicas' ends, the
 * removed records, then the down replicas' ends.
 */
import type { PartitionSnap } from '../engine/checker/snapshot.ts';

/**
 * Cell widths in css px, widest first. Below ~22 px a cell has no room for its
 * offset (the ruler above carries it); below 6 px records merge into a bar,
 * which still shows a divergence of hundreds of records in one picture (half
 * a pixel a record: on a phone, the ex-leader's few hundred extra records
 * still fit beside the new leader's log end).
 */
export const CELL_STEPS = [28, 24, 20, 17, 14, 11, 8, 6, 4, 3, 2, 1, 0.5];
export const MIN_CELL = CELL_STEPS[CELL_STEPS.length - 1];

export interface LogWindow {
  /** First offset shown. */
  from: number;
  /** One past the last offset shown. */
  to: number;
  /** Cell width, css px. */
  cell: number;
}

/** The lowest offset at which two replicas hold different records, or Infinity. */
export function firstDivergence(p: PartitionSnap): number {
  let low = Infinity;
  const at = new Map<number, number>();
  for (const r of p.replicas) {
    for (const c of r.cells) {
      const m = at.get(c.o);
      if (m === undefined) at.set(c.o, c.m);
      else if (m !== c.m && c.o < low) low = c.o;
    }
  }
  return low;
}

/** Offsets that must be in view, most important first. */
export function pointsOfInterest(p: PartitionSnap, down: number[], removed: number[]): number[][] {
  const running = p.replicas.filter((r) => !down.includes(r.broker));
  const dead = p.replicas.filter((r) => down.includes(r.broker));
  const div = firstDivergence(p);
  return [[p.hw, ...running.map((r) => r.leo)], removed, div < Infinity ? [div] : [], dead.map((r) => r.leo)];
}

/**
 * The window for `room` css px. `zoom` (a cell width) and `center` (an offset) are the user's, when they zoomed or panned.
 */
export function logWindow(p: PartitionSnap, room: number, down: number[], removed: number[], zoom?: { cell: number; center: number }): LogWindow {
  const top = Math.max(p.hw, ...p.replicas.map((r) => r.leo));
  if (zoom) {
    const n = Math.max(1, Math.floor(room / zoom.cell));
    const from = Math.max(0, Math.min(zoom.center - Math.floor(n / 2), top + 1 - n + 2));
    return { from, to: from + n, cell: zoom.cell };
  }
  const most = Math.floor(room / MIN_CELL);
  let lo = Infinity;
  let hi = -Infinity;
  for (const group of pointsOfInterest(p, down, removed)) {
    if (group.length === 0) continue;
    const l = Math.min(lo, ...group);
    const h = Math.max(hi, ...group.map((o) => o + 1));
    // A margin of a cell either side; a group that cannot fit with the ones before it is left to the overview strip.
    if (h - l + 3 > most && lo !== Infinity) break;
    lo = l;
    hi = h;
  }
  if (lo === Infinity) lo = hi = top;
  const span = Math.max(1, hi - lo + 3);
  const fit = Math.floor(room / span);
  const cell = CELL_STEPS.find((c) => c <= fit) ?? MIN_CELL;
  const n = Math.floor(room / cell);
  // The newest records at the right edge, unless that leaves offsets with no records drawn on the left
  // (before the log start or the snapshot's cells): then the window starts at the records and leaves room for new ones.
  const fits = hi - lo + 3 <= n;
  let from = Math.max(0, fits ? Math.min(lo - 1, top + 2 - n) : hi + 2 - n);
  const first = Math.min(lo - 1, ...p.replicas.map((r) => (r.cells.length ? r.cells[0].o : r.leo)));
  if (fits && from < first) from = Math.max(0, Math.min(first, lo - 1));
  return { from, to: from + n, cell };
}
