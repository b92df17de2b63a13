/**
 * Where a long run's memory goes: plays the busy preset on the lab's host to
 * `until` (argv[2], simulated ms), collects garbage, and prints the heap, the
 * typed arrays, and what the logs hold; with argv[3], also writes a heap
 * snapshot there. Figures, not a test.
 * Run: node --expose-gc --import tsx test/bench/logProbe.ts 600000 [/tmp/x.heapsnapshot]
 */
import v8 from 'node:v8';
import { BUSY } from '../../src/state/defaultScenario.ts';
import type { SimContext } from '../../src/engine/core/context.ts';
import { hostRun } from './hostRun.ts';

const until = Number(process.argv[2] ?? 600_000);
const { host } = hostRun(BUSY, until);
const gc = (globalThis as { gc?: () => void }).gc;
gc?.();
gc?.();
const mb = (n: number) => (n / 2 ** 20).toFixed(1);
const m = process.memoryUsage();
console.log(`t=${until} ms: heapUsed ${mb(m.heapUsed)} MB, arrayBuffers ${mb(m.arrayBuffers)} MB, rss ${mb(m.rss)} MB`);
const ctx = (host as unknown as { tl: { sim: { ctx: SimContext } } }).tl.sim.ctx;
const t = ctx.batches;
let slots = 0;
let logBytes = 0;
for (const br of ctx.brokers) for (const r of br.replicas.values()) {
  slots += r.log.length;
  for (const c of [...r.log.full, r.log.open]) logBytes += c.ids.byteLength;
}
let tableBytes = 0;
for (const c of [...t.full, t.open]) tableBytes += c.rows.byteLength;
for (const c of [...t.records.full, t.records.open]) tableBytes += c.msg.byteLength;
console.log(`log batches ${t.size} (${t.records.size} records), log slots ${slots}; batch table ${mb(tableBytes)} MB allocated, replica logs ${mb(logBytes)} MB of ids; removed ${ctx.removed.length}; history entries ${ctx.history.size}`);
if (process.argv[3]) v8.writeHeapSnapshot(process.argv[3]);
