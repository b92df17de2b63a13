/**
 * Where a seek after a long run spends its time: the lab's host plays the busy
 * scenario for `argv[2]` simulated ms (10 minutes by default), then seeks as
 * seekTimes does (hostRun.ts), printing per seek: the target, the checkpoint
 * restored and its time, and the CPU ms of each phase (restore, observer
 * rewind, replay with its events, observer catch-up, the rest of the update),
 * and the GC pauses that fell inside it. CPU ms (process.cpuUsage) rather
 * than wall ms: on a loaded machine they say more. A line `=== seek i` comes
 * before each, so `--trace-deopt` output can be counted per seek (the first
 * seeks of a session threw away the engine's optimised code). A short pause
 * between seeks lets the GC observer report. Figures, not a test.
 * Run with: node --expose-gc [--trace-deopt] --import tsx test/bench/seekProfile.ts [ms] [seeks]
 */
import { PerformanceObserver, performance } from 'node:perf_hooks';
import { loadavg } from 'node:os';
import { BUSY } from '../../src/state/defaultScenario.ts';
import { hostRun } from './hostRun.ts';

const until = Number(process.argv[2] ?? 600_000);
const n = Number(process.argv[3] ?? 40);
const gcs: { start: number; ms: number; kind: number }[] = [];
new PerformanceObserver((l) => {
  for (const e of l.getEntries()) gcs.push({ start: e.startTime, ms: e.duration, kind: ((e as unknown as { detail?: { kind: number } }).detail)?.kind ?? 0 });
}).observe({ entryTypes: ['gc'] });

const hosted = hostRun(BUSY, until);
type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const host = hosted.host as unknown as Any;
const tl = host.tl as Any;
const cps = tl.checkpoints as Any;
console.log(`load ${loadavg()[0].toFixed(1)}; host run ${hosted.ms.toFixed(0)} ms; ${cps.size} checkpoints`);

const cpu = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
let phase: Record<string, number> = {};
const timed = (o: Any, name: string, label: string): void => {
  const f = o[name].bind(o);
  o[name] = (...a: unknown[]) => {
    const t0 = cpu();
    try {
      return f(...a);
    } finally {
      phase[label] = (phase[label] ?? 0) + cpu() - t0;
    }
  };
};
let restoredAt = -1;
let restoredTrace = 0;
const restore = cps.restore.bind(cps);
cps.restore = (sim: Any, k: Any) => {
  restoredAt = k.cp.t;
  restoredTrace = k.cp.traceLength;
  const t0 = cpu();
  restore(sim, k);
  phase.restore = cpu() - t0;
};
const hooks = tl.hooks as Any;
timed(hooks, 'rewound', 'rewind');
timed(tl, 'advanceTo', 'replay');
timed(host, 'observe', 'observe');
timed(host, 'update', 'update');
const sender = host.sender as Any;
timed(sender, 'patch', 'snapshot');

const sleep = (): Promise<void> => new Promise((r) => setTimeout(r, 5));
const rows: { wall: number; cpu: number; line: string }[] = [];
let x = 12345;
for (let i = 0; i < n; i++) {
  x = (x * 1103515245 + 12345) % 2 ** 31;
  const t = Math.round((x / 2 ** 31) * until);
  console.log(`=== seek ${i}`);
  phase = {};
  restoredAt = -1;
  const from = tl.sim.now;
  const ev0 = tl.sim.ctx.trace.length;
  await sleep();
  const w0 = performance.now();
  const c0 = cpu();
  host.handle({ type: 'seek', t });
  const wall = performance.now() - w0;
  const total = cpu() - c0;
  await sleep();
  const gc = gcs.filter((g) => g.start >= w0 && g.start < w0 + wall);
  const events = tl.sim.ctx.trace.length - (restoredAt >= 0 ? restoredTrace : ev0);
  const f = (k: string): string => (phase[k] ?? 0).toFixed(1).padStart(6);
  rows.push({
    wall,
    cpu: total,
    line: `t=${String(t).padStart(6)} from=${String(from).padStart(6)} cp=${String(restoredAt).padStart(6)} gap=${String(restoredAt >= 0 ? t - restoredAt : t - from).padStart(5)} | wall ${wall.toFixed(1).padStart(6)} cpu ${total.toFixed(1).padStart(6)} | restore${f('restore')} rewind${f('rewind')} replay${f('replay')} (${String(events).padStart(6)} ev) observe${f('observe')} update${f('update')} (snapshot${f('snapshot')}) | gc ${gc.map((g) => `${g.kind === 4 ? 'MAJOR' : g.kind === 1 ? 'minor' : 'k' + g.kind}:${g.ms.toFixed(1)}`).join(',')}`,
  });
  console.log(rows[rows.length - 1].line);
}
const w = rows.map((r) => r.wall).sort((a, b) => a - b);
const c = rows.map((r) => r.cpu).sort((a, b) => a - b);
console.log(`seek after a ${until / 60_000}-minute run: median ${w[w.length >> 1].toFixed(0)} ms, worst ${w[w.length - 1].toFixed(0)} ms; CPU median ${c[c.length >> 1].toFixed(0)} ms, worst ${c[c.length - 1].toFixed(0)} ms; load ${loadavg()[0].toFixed(1)}`);
