/**
 * Where the page's main thread spends each frame (not a test; a tool for UI
 * speed work). In headless Chromium, plays the busy scenario and the large
 * cluster at 1x, as `bench:ui` does, while recording a Chromium performance
 * trace and a CPU profile of the page. Prints, per scenario:
 * - the main thread's CPU time per frame (ms; the trace's thread time, not wall
 *   time), the figure to compare before/after: dropped frames depend on what
 *   else the machine runs, CPU time far less;
 * - that time by kind (script, style, layout, paint, GC...), from the trace;
 * - with PROFILE_CPU=1, the heaviest JavaScript functions by self time, from a CPU profile;
 * - every task over 50 ms (wall) and what it was made of;
 * - how many tasks took over 8, 16 and 25 ms of CPU, and the PROFILE_HEAVY
 *   (default 8) heaviest by CPU with what each was made of: on a shared
 *   machine the frames that drop for the page's own sake, not the load's;
 * - with PROFILE_INVALIDATIONS=1, what asked for layout: the nodes whose
 *   change dirtied layout, counted over the run, and for the heaviest layouts
 *   the nodes that dirtied each (Chromium's invalidation tracking; it adds
 *   its own cost, so read CPU figures from a run without it).
 * Env: PROFILE_SECONDS (default 15), PROFILE_FROM=ms to start playing from that
 * simulated moment (e.g. 5500 with PROFILE_SECONDS=2 for the large cluster's crash at 6 s), PROFILE_MINIFY=0 for readable function names,
 * PROFILE_ONLY=busy|large-cluster, PROFILE_TRACE_OUT=dir to keep the traces.
 * Run: npx tsx test/bench/uiProfile.ts
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { chromium, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, serveApp } from '../browser/serve.ts';
import { chromiumOrExit } from '../support/chromium.ts';
import { openRecordingFrames } from './frameRecorder.ts';
import { runTo } from '../browser/runTo.ts';

const SECONDS = Number(process.env.PROFILE_SECONDS ?? 15);
const ONLY = process.env.PROFILE_ONLY;
const OUT = process.env.PROFILE_TRACE_OUT;
const CPU = process.env.PROFILE_CPU === '1';
const INVALIDATIONS = process.env.PROFILE_INVALIDATIONS === '1';
const FROM = Number(process.env.PROFILE_FROM ?? 0);
const HEAVY = Number(process.env.PROFILE_HEAVY ?? 8);

interface TraceEvent { name: string; cat: string; ph: string; ts: number; dur?: number; tdur?: number; pid: number; tid: number; args?: { name?: string; data?: Record<string, unknown>; beginData?: Record<string, unknown> } }
interface CpuProfile { nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[]; samples: number[]; timeDeltas: number[] }

const TOP = new Set(['RunTask', 'ThreadControllerImpl::RunTask']);
/** Trace event names grouped the way DevTools' summary groups them. */
const KIND: [RegExp, string][] = [
  [/GC|Sweep|Mark|Scavenge/i, 'gc'],
  [/^(UpdateLayoutTree|RecalculateStyles|ScheduleStyleRecalculation|ParseAuthorStyleSheet)$/, 'style'],
  [/^(Layout|UpdateLayout|InvalidateLayout)$/, 'layout'],
  [/^(Paint|PrePaint|Layerize|UpdateLayer|UpdateLayerTree|CompositeLayers|PaintImage|Commit|RasterTask|Decode.*)$/, 'paint'],
  [/^(HitTest)$/, 'hit test'],
  [/^(FunctionCall|EvaluateScript|v8\..*|V8\..*|TimerFire|FireAnimationFrame|EventDispatch|RunMicrotasks|v8.run|v8.callFunction|ProfileCall|MajorGC|MinorGC)$/, 'script'],
];
const kindOf = (name: string) => KIND.find(([re]) => re.test(name))?.[1] ?? 'other';

function analyseTrace(events: TraceEvent[], frames: number, wallMs: number) {
  const main = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  if (!main) throw new Error('no CrRendererMain thread in the trace');
  const mine = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && typeof e.dur === 'number').sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const tops = mine.filter((e) => e.name === 'ThreadControllerImpl::RunTask');
  // Self CPU time by event name: each event's thread time less its direct children's.
  const self = new Map<string, number>();
  const stack: { e: TraceEvent; end: number; child: number }[] = [];
  const pop = () => {
    const f = stack.pop()!;
    self.set(f.e.name, (self.get(f.e.name) ?? 0) + (f.e.tdur ?? 0) - f.child);
  };
  for (const e of mine) {
    while (stack.length && stack[stack.length - 1].end <= e.ts) pop();
    if (stack.length) stack[stack.length - 1].child += e.tdur ?? 0;
    stack.push({ e, end: e.ts + e.dur!, child: 0 });
  }
  while (stack.length) pop();
  let wall = 0;
  let cpu = 0;
  for (const t of tops) {
    wall += t.dur!;
    cpu += t.tdur ?? 0;
  }
  const byKind = new Map<string, number>();
  for (const [name, us] of self) if (!TOP.has(name)) byKind.set(kindOf(name), (byKind.get(kindOf(name)) ?? 0) + us);
  // Long tasks (by wall time, as the browser counts them): what each was made of, in CPU ms.
  const long = tops.filter((t) => t.dur! > 50_000).map((t) => {
    const inside = mine.filter((e) => e !== t && e.ts >= t.ts && e.ts + e.dur! <= t.ts + t.dur!);
    const names = new Map<string, number>();
    for (const e of inside) {
      const d = e.args?.data;
      const label = e.name === 'FunctionCall' && d ? `FunctionCall ${String(d.functionName || '(anon)')}@${String(d.url ?? '').split('/').pop()}:${String(d.lineNumber)}` : e.name === 'EventDispatch' && d ? `EventDispatch ${String(d.type)}` : e.name;
      names.set(label, Math.max(names.get(label) ?? 0, e.tdur ?? 0));
    }
    const parts = [...names].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([n, us]) => `${n} ${(us / 1000).toFixed(0)}`);
    return `${(t.dur! / 1000).toFixed(0)} ms wall, ${((t.tdur ?? 0) / 1000).toFixed(0)} ms CPU, at +${((t.ts - tops[0].ts) / 1e6).toFixed(1)} s: ${parts.join(', ')}`;
  });
  // The heaviest tasks by CPU (thread time), what a loaded machine does not inflate: what each was made of.
  const byCpu = [...tops].sort((a, b) => (b.tdur ?? 0) - (a.tdur ?? 0));
  const heavy = byCpu.slice(0, HEAVY).map((t) => {
    const names = new Map<string, number>();
    for (const e of mine) {
      if (e === t || e.ts < t.ts || e.ts + e.dur! > t.ts + t.dur!) continue;
      const d = e.args?.data;
      const b = e.args?.beginData;
      const label = e.name === 'FunctionCall' && d ? `${String(d.functionName || '(anon)')}:${String(d.lineNumber)}` : e.name === 'Layout' && b ? `Layout(${String(b.dirtyObjects)}/${String(b.totalObjects)} dirty)` : e.name;
      if (e.name !== 'v8.callFunction' && e.name !== 'HandlePostMessage') names.set(label, (names.get(label) ?? 0) + (e.tdur ?? 0));
    }
    const parts = [...names].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([n, us]) => `${n} ${(us / 1000).toFixed(1)}`);
    return `${((t.tdur ?? 0) / 1000).toFixed(1)} ms CPU (${(t.dur! / 1000).toFixed(0)} wall) at +${((t.ts - tops[0].ts) / 1e6).toFixed(2)} s: ${parts.join(', ')}`;
  });
  const over = (ms: number) => tops.filter((t) => (t.tdur ?? 0) > ms * 1000).length;
  const ms = (us: number) => (us / 1000 / Math.max(1, frames)).toFixed(2);
  console.log(`main thread CPU: ${ms(cpu)} ms per frame, ${(cpu / wallMs).toFixed(0)} ms per second (wall: ${ms(wall)} ms per frame)`);
  console.log(`  by kind (CPU ms per frame): ${[...byKind].sort((a, b) => b[1] - a[1]).map(([k, us]) => `${k} ${ms(us)}`).join(', ')}`);
  console.log(`  top trace events by self CPU (ms per frame): ${[...self].filter(([n]) => !TOP.has(n)).sort((a, b) => b[1] - a[1]).slice(0, 12).map(([n, us]) => `${n} ${ms(us)}`).join(', ')}`);
  console.log(`  tasks over 50 ms wall: ${long.length}${long.length ? '\n    ' + long.join('\n    ') : ''}`);
  console.log(`  tasks over 8 / 16 / 25 ms CPU: ${over(8)} / ${over(16)} / ${over(25)}; the heaviest (a 'Receive mojo message' task is the profiler's own start):\n    ${heavy.join('\n    ')}`);
  if (INVALIDATIONS) analyseInvalidations(events, mine, frames);
}

/** What dirtied layout: LayoutInvalidationTracking events by node and reason, over the run and before each of the heaviest layouts. */
function analyseInvalidations(events: TraceEvent[], mine: TraceEvent[], frames: number) {
  const inv = events.filter((e) => e.name === 'LayoutInvalidationTracking' && e.pid === mine[0]?.pid).sort((a, b) => a.ts - b.ts);
  const label = (e: TraceEvent) => `${String(e.args?.data?.nodeName ?? '?')} (${String(e.args?.data?.reason ?? '?')})`;
  const count = (list: TraceEvent[]) => {
    const m = new Map<string, number>();
    for (const e of list) m.set(label(e), (m.get(label(e)) ?? 0) + 1);
    return [...m].sort((a, b) => b[1] - a[1]);
  };
  console.log(`  layout invalidations: ${(inv.length / Math.max(1, frames)).toFixed(1)} per frame; most often:`);
  for (const [k, n] of count(inv).slice(0, 20)) console.log(`    ${(n / Math.max(1, frames)).toFixed(2)}/frame  ${k}`);
  const layouts = mine.filter((e) => e.name === 'Layout').sort((a, b) => (b.tdur ?? 0) - (a.tdur ?? 0)).slice(0, 5);
  const t0 = mine[0]?.ts ?? 0;
  for (const l of layouts) {
    const prev = mine.filter((e) => e.name === 'Layout' && e.ts < l.ts).pop();
    const before = inv.filter((e) => e.ts <= l.ts && e.ts > (prev ? prev.ts + prev.dur! : 0));
    const d = l.args?.beginData ?? {};
    console.log(`  layout of ${((l.tdur ?? 0) / 1000).toFixed(1)} ms CPU at +${((l.ts - t0) / 1e6).toFixed(2)} s (${String(d.dirtyObjects)} of ${String(d.totalObjects)} objects dirty), after: ${count(before).slice(0, 10).map(([k, n]) => `${k} ×${n}`).join(', ')}`);
  }
}

function analyseProfile(p: CpuProfile, frames: number) {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  for (let i = 0; i < p.samples.length; i++) {
    const cf = byId.get(p.samples[i])!.callFrame;
    const key = `${cf.functionName || '(anon)'} ${cf.url.split('/').pop()}:${cf.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (p.timeDeltas[i + 1] ?? 0));
  }
  const idle = [...self].filter(([k]) => k.startsWith('(idle)') || k.startsWith('(program)')).reduce((a, [, v]) => a + v, 0);
  console.log(`  JS self time, top functions (ms per frame; idle and (program) left out, ${(idle / 1e6).toFixed(1)} s):`);
  for (const [k, us] of [...self].filter(([k]) => !k.startsWith('(idle)') && !k.startsWith('(program)')).sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`    ${(us / 1000 / Math.max(1, frames)).toFixed(3)}  ${k}`);
}

async function play(page: Page, url: string, scenario: string, lastPartition: string) {
  await openRecordingFrames(page, url, scenario, lastPartition);
  if (FROM > 0) {
    await runTo(page, FROM);
    await page.getByTestId('speed').selectOption('1');
    await page.evaluate(`window.__bench.frames.length = 0; window.__bench.long.length = 0`);
  }
  const browser = page.context().browser()!;
  const cdp = await page.context().newCDPSession(page);
  if (CPU) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 250 });
  }
  const categories = ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'blink.user_timing'];
  if (INVALIDATIONS) categories.push('disabled-by-default-devtools.timeline.invalidationTracking');
  await browser.startTracing(page, { categories });
  if (CPU) await cdp.send('Profiler.start');
  await page.getByTestId('play').click();
  const t0 = Date.now();
  await page.waitForTimeout(SECONDS * 1000);
  await page.getByTestId('play').click();
  const wallMs = Date.now() - t0;
  const profile = CPU ? ((await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile }).profile : null;
  const trace = await browser.stopTracing();
  const { frames, long } = (await page.evaluate(`({ frames: window.__bench.frames.slice(2), long: window.__bench.long })`)) as { frames: number[]; long: number[] };
  await cdp.detach();
  if (OUT) {
    writeFileSync(join(OUT, `${scenario}.trace.json`), trace);
    if (profile) writeFileSync(join(OUT, `${scenario}.cpuprofile`), JSON.stringify(profile));
  }
  const dropped = frames.filter((f) => f > 25).length;
  console.log(`\n${scenario}: ${frames.length} frames, dropped ${((100 * dropped) / frames.length).toFixed(2)}%, long tasks ${long.length}${long.length ? ` (${long.map((l) => l.toFixed(0)).join(', ')} ms)` : ''}; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  const parsed = JSON.parse(trace.toString()) as { traceEvents: TraceEvent[] };
  analyseTrace(parsed.traceEvents, frames.length, wallMs);
  if (profile) analyseProfile(profile, frames.length);
}

const executablePath = chromiumOrExit();
const app = await serveApp({ minify: process.env.PROFILE_MINIFY !== '0' });
const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  page.on('pageerror', (e) => console.log(`page error: ${e.message}`));
  if (!ONLY || ONLY === 'busy') await play(page, app.url, 'busy', 'orders-5');
  if (!ONLY || ONLY === 'large-cluster') await play(page, app.url, 'large-cluster', 'orders-23');
} finally {
  await browser.close();
  await app.close();
}
