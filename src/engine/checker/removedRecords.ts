/**
 * Which records each replica lost recently (KIP-101 truncation, page-cache
 * loss on power failure), and when: read from the removed log batches' own
 * histories, so the view draws them fading and decides nothing about them.
 */
import type { SimContext } from '../core/context.ts';
import type { CellSnap, SnapshotCache } from './snapshot.ts';
import { historyOf } from '../broker/batchHistory.ts';
import { indexOfKept, keptFrom } from '../core/traceLog.ts';

export interface RemovedCellSnap extends CellSnap {
  /** Simulated time the record was removed from this replica. */
  at: number;
}

/** How long a removed record stays in a replica's snapshot (simulated ms). */
export const REMOVED_WINDOW_MS = 2000;

/**
 * Records removed from a replica's log in the last REMOVED_WINDOW_MS, per
 * "partition:broker", oldest removal first: read from the removed batches'
 * own histories (the engine notes each truncation and page-cache loss there).
 */
export function recentlyRemoved(sim: { ctx: SimContext }, cache?: SnapshotCache): Map<string, RemovedCellSnap[]> {
  const ctx = sim.ctx;
  const out = new Map<string, RemovedCellSnap[]>();
  const since = ctx.now - REMOVED_WINDOW_MS;
  if (cache) {
    // Every removal is traced (truncated, power-loss-dropped): read only the new events. A shorter
    // trace means a seek back: the removals noted past its end are forgotten, nothing is read again.
    const trace = ctx.trace;
    const r = (cache.removals ??= { read: 0, at: [], t: [] });
    if (r.read > trace.length) {
      while (r.at.length > 0 && r.at[r.at.length - 1] >= trace.length) {
        r.at.pop();
        r.t.pop();
      }
      r.read = trace.length;
    }
    // Only kept events: an omitted one is a detail event, never a removal (core/traceLog.ts).
    for (let j = keptFrom(trace, r.read); j < trace.kept.length; j++) {
      const e = trace.kept[j];
      if (e.type === 'truncated' || e.type === 'power-loss-dropped') {
        r.at.push(indexOfKept(trace, j));
        r.t.push(e.t);
      }
    }
    r.read = trace.length;
    if (r.t.length === 0 || r.t[r.t.length - 1] <= since) return out;
  }
  for (const b of ctx.removed) {
    for (const h of historyOf(ctx.history, b.id)) {
      if ((h.what !== 'truncated' && h.what !== 'lost-unflushed') || h.t <= since || h.t > ctx.now) continue;
      const key = `${b.pb.partition}:${h.broker}`;
      const list = out.get(key) ?? [];
      b.pb.msgs.forEach((m, j) => list.push({ o: b.baseOffset + j, k: ctx.msgs.key[m], m, e: b.leaderEpoch, d: false, at: h.t }));
      out.set(key, list);
    }
  }
  for (const list of out.values()) list.sort((x, y) => x.at - y.at || x.o - y.o);
  return out;
}
