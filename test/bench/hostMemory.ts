/**
 * Where the lab host's memory goes: the host plays the busy scenario at
 * maximum speed (as hostRun.ts drives it) and, at each mark (simulated
 * minutes, default 10 30 60), prints the process's memory before and after a
 * forced GC, the checkpoints (count, the bytes their cap counts), the trace,
 * the chart samples and the batch history. With --breakdown, after the last
 * mark it drops one part of the state after another (a GC after each) and
 * prints what each held: the run cannot go on after that.
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
  const tl = inner.tl;
  const ctx = tl.sim.ctx as unknown as Record<string, unknown>;
  const cps = tl.checkpoints as unknown as Record<string, unknown>;
  const heap = () => {
    gc!();
    gc!();
    return process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
  };
  let before = heap();
  const drop = (what: string, f: () => void) => {
    f();
    const now = heap();
    console.log(`  ${what.padEnd(34)} ${MB(before - now).padStart(7)} MB`);
    before = now;
  };
  console.log(`\nbreakdown at the last mark (heap used + array buffers, freed by dropping each):`);
  last = null;
  drop('checkpoints (beyond live state)', () => {
    cps.kept = [];
    cps.refs = new Map();
  });
  drop('trace', () => {
    ctx.trace = [];
    cps.longest = [];
  });
  drop('observer', () => (inner.obs = { s: null }));
  drop('batch history', () => (ctx.history = null));
  drop('removed batches', () => (ctx.removed = null));
  drop('message table', () => (ctx.msgs = null));
  drop('consumers (group ledgers)', () => (ctx.consumers = null));
  drop('event queue', () => (ctx.queue = null));
  drop('replica logs (brokers)', () => (ctx.brokers = null));
  drop('everything else of the timeline', () => ((inner as unknown as Record<string, unknown>).tl = null));
  console.log(`  left (code, modules, host): ${MB(before)} MB`);
}
console.log(`\npeak rss ${MB(process.resourceUsage().maxRSS * 1024)} MB`);
