/**
 * Which records vanished from a partition's replicas between two snapshots
 * (truncation, power loss), and when. The one place the view works this out,
 * so it can move into the timeline without touching the drawing.
 */
import type { CellSnap, PartitionSnap } from '../engine/snapshot.ts';
import type { TraceEvent } from '../engine/trace.ts';

export interface Removed {
  broker: number;
  c: CellSnap;
  /** Simulated time the record was removed. */
  at: number;
}

/** Records of `prev` (at time `from`) no longer in `next` (at `to`), or replaced at their offset. Moving the timeline back is not a removal. */
export function removedRecords(prev: PartitionSnap, next: PartitionSnap, trace: TraceEvent[], from: number, to: number): Removed[] {
  if (prev === next || to < from) return [];
  const out: Removed[] = [];
  next.replicas.forEach((r, i) => {
    const p = prev.replicas[i];
    if (!p || p === r || p.broker !== r.broker) return;
    const first = r.cells.length ? r.cells[0].o : r.leo;
    const kept = new Map(r.cells.map((c) => [c.o, c.m]));
    const gone = p.cells.filter((c) => c.o >= first && kept.get(c.o) !== c.m);
    if (gone.length === 0) return;
    const at = removedAt(trace, r.broker, next.name, from, to);
    for (const c of gone) out.push({ broker: r.broker, c, at });
  });
  return out;
}

/** When records of a replica were removed: the truncation or power-loss event in (from, to], else `to`. */
function removedAt(trace: TraceEvent[], broker: number, partition: string, from: number, to: number): number {
  for (let i = trace.length - 1; i >= 0 && i >= trace.length - 5000; i--) {
    const e = trace[i];
    if (e.t > to) continue;
    if (e.t <= from) break;
    if ((e.type === 'truncated' || e.type === 'power-loss-dropped') && e.broker === broker && e.partition === partition) return e.t;
  }
  return to;
}
