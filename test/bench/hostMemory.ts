/**
 * Where the lab host's memory goes: the host plays the busy scenario at
 * maximum speed (as hostRun.ts drives it) and, at each mark (simulated
 * minutes, default 10 30 60), prints the process's memory before and after a
 * forced GC, the checkpoints (count, the bytes their cap counts), the trace,
 * the chart samples and the batch history. With --breakdown, after the last
 * mark it drops one field after another of the checkpoints, the observer,
 * the engine's context, the timeline and the host (a GC after each) and
 * prints what each held, on the JS heap and in array buffers apart (V8 lets
 * the heap grow to 3-4 times what survives a full collection before the next
 * one; array buffers are freed as they die): the run cannot go on after that.
 * What is left at the end is code and what lives beside the state (weak
 * tables: core/sealed.ts's once held 32 MB after a busy hour).
 * Run with: node --expose-gc --import tsx test/bench/hostMemory.ts [--breakdown] [minutes...]
 */
import { performance } from 'node:perf_hooks';
import { BUSY } from '../../src/state/defaultScenario.ts';
import { LabHost } from '../../src/timeline/host.ts';
import { MAX_SPEED, type HostEvent, type Update } from '../../src/timeline/protocol.ts';
import type { Timeline } from '../../src/timeline/timeline.ts';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');
const args = process.argv.slice(2);
const breakdown = args.includes('--breakdown');
const marks = args.filter((a) => a !== '--breakdown').map(Number);
if (!marks.length) marks.push(10, 30, 60);
const MB = (b: number) => (b / 2 ** 20).toFixed(1);

let last: Update | null = null;
let samples = 0;
const host = new LabHost((e: HostEvent) => {
  if (e.type === 'update') {
    last = e;
    samples += e.samples.length;
  }
  if (e.type === 'error') throw new Error(`${e.where}: ${e.reason}`);
}, () => performance.now());
const until = marks[marks.length - 1] * 60_000;
host.handle({ type: 'load', scenario: { ...BUSY, until } });
host.handle({ type: 'speed', speed: MAX_SPEED });
const inner = host as unknown as { tl: Timeline; obs: { s: unknown } };

function mem(): string {
  const m = process.memoryUsage();
  return `rss ${MB(m.rss)}, heap used ${MB(m.heapUsed)} of ${MB(m.heapTotal)}, external ${MB(m.external)} (array buffers ${MB(m.arrayBuffers)})`;
}

let wall = 0;
const t0 = performance.now();
for (const minutes of marks) {
  host.handle({ type: 'pause-at', t: minutes * 60_000 });
  host.handle({ type: 'play' });
  for (; last!.playing; wall += 16) host.handle({ type: 'frame', wallMs: wall });
  report(minutes);
}

/** In a function of its own: nothing it looks at stays referenced by the module's scope (the breakdown frees it). */
function report(minutes: number): void {
  const tl = inner.tl;
  const cps = tl.checkpoints;
  const trace = tl.sim.ctx.trace;
  const omitted = trace.length - trace.kept.length;
  const h = tl.sim.ctx.history;
  console.log(`\n== ${minutes} simulated min (t=${tl.now}), ${((performance.now() - t0) / 1000).toFixed(0)} s wall, peak rss so far ${MB(process.resourceUsage().maxRSS * 1024)}`);
  console.log(`  as it runs:   ${mem()}`);
  gc!();
  console.log(`  after a GC:   ${mem()}`);
  console.log(`  checkpoints: ${cps.size}, ${MB(cps.held.bytes)} MB counted, of which the newest alone ${MB(cps.held.newest)} MB`);
  console.log(`  trace: ${trace.length} events, ${omitted} omitted; messages ${tl.sim.ctx.msgs.size}; chart samples sent ${samples}; history ${h.size} entries in ${h.full.length} full chunks`);
}

if (breakdown) {
  // Every field of the checkpoints, the observer, the engine's context, the simulation, the timeline and
  // the host, dropped one after another (read again through `host` each time: nothing here keeps one).
  const h = host as unknown as Record<string, Record<string, unknown>>;
  const part = (path: string): Record<string, unknown> | null =>
    path.split('.').reduce<Record<string, unknown> | null>((o, k) => (o?.[k] as Record<string, unknown> | null) ?? null, h as unknown as Record<string, unknown>);
  let heapUsed = 0;
  let buffers = 0;
  const measure = () => {
    gc!();
    gc!();
    ({ heapUsed, arrayBuffers: buffers } = process.memoryUsage());
  };
  measure();
  console.log(`\nbreakdown at the last mark (MB freed by dropping each: JS heap, array buffers; 0.2 MB and less left out):`);
  last = null;
  const drop = (what: string, f: () => void) => {
    const [h0, b0] = [heapUsed, buffers];
    f();
    measure();
    if (h0 - heapUsed + b0 - buffers > 0.2 * 2 ** 20) console.log(`  ${what.padEnd(30)} heap ${MB(h0 - heapUsed).padStart(6)}  buffers ${MB(b0 - buffers).padStart(6)}`);
  };
  drop('checkpoints (beyond live state)', () => {
    const cps = part('tl.checkpoints')!;
    cps.kept = [];
    cps.refs = new Map();
  });
  for (const path of ['tl.checkpoints', 'obs', 'tl.sim.ctx', 'tl.sim', 'tl', '']) {
    for (const k of Object.keys(part(path) ?? h)) drop(`${path ? path + '.' : 'host.'}${k}`, () => ((path ? part(path)! : h)[k] = null as never));
  }
  console.log(`  left (code, modules, weak tables beside the state): heap ${MB(heapUsed)}, buffers ${MB(buffers)}`);
}
console.log(`\npeak rss ${MB(process.resourceUsage().maxRSS * 1024)} MB`);
