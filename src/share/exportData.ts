/**
 * Exports of a run, computed from the run itself (not from what the view
 * happens to hold): the run is replayed to its moment by a Timeline, exactly
 * as the lab and `npm run sim -- run.json` replay it, then
 * - the fates: one CSV row per message (its producer, key, partition, the
 *   time it was sent, the fate the checker gives it, how many copies are in
 *   the committed log), and
 * - the trace: JSON lines as `npm run sim -- FILE --trace out.jsonl` writes them.
 */
import { check } from '../engine/checker/checker.ts';
import { traceLine } from '../engine/checker/traceExport.ts';
import type { SimContext } from '../engine/core/context.ts';
import { Timeline, type RunRecord } from '../timeline/timeline.ts';
import { traceEvents } from '../engine/core/traceLog.ts';

/** The run replayed to `t`: the same simulation the lab showed at that moment. */
export function replayTo(rec: RunRecord, t: number): SimContext {
  const tl = new Timeline(rec.raw, {}, rec.log);
  tl.advanceTo(t);
  return tl.sim.ctx;
}

const cell = (v: string | number | null): string => {
  const s = v === null ? '' : String(v);
  // RFC 4180 quoting; a leading = + - @ would be read as a formula by spreadsheets.
  const safe = /^[=+\-@]/.test(s) && typeof v === 'string' ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

export function fatesCsv(ctx: SimContext): string {
  const { fates } = check(ctx, { stories: false, fates: true, maxAnomalies: 0 });
  const m = ctx.msgs;
  const rows = ['message,producer,key,partition,sent_ms,fate'];
  for (let id = 0; id < m.size; id++) {
    const key = m.key[id] >= 0 ? `k${m.key[id]}` : null;
    rows.push([id, ctx.producers[m.producer[id]].name, key, ctx.partitions[m.partition[id]].name, m.sentAt[id], fates?.[id] ?? ''].map(cell).join(','));
  }
  return rows.join('\n') + '\n';
}

export function traceJsonl(ctx: SimContext): string {
  return traceEvents(ctx.trace).map(traceLine).join('\n') + (ctx.trace.length ? '\n' : '');
}
