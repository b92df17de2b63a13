/**
 * UI benchmark (not a test): in headless Chromium, plays a busy scenario
 * (5 brokers, 6 partitions, RF 3, 200 records/s, faults firing) at 1x for
 * 20 s of wall time and prints frame times (median, p95, worst), dropped
 * frames (longer than 25 ms), long tasks on the main thread, and the gzip size
 * of the JavaScript the page loads; then the large cluster (9 brokers × 24
 * partitions × RF 3, 200 records/s, a consumer group of four, faults) the
 * same way; then plays the busy scenario on to 5 simulated minutes and times
 * seeks (checkpoints + replay). Figures are printed, never asserted. Each play
 * also prints the page's main-thread CPU time per frame and the load average:
 * on a loaded machine dropped frames measure the machine, CPU per frame the
 * page (test/bench/uiProfile.ts says where that time goes).
 * Targets: p95 frame < 16.7 ms, dropped frames <= 1%, long tasks 0, JS <= 250 KB gzip.
 * Run: npm run bench:ui
 */
import { gzipSync } from 'node:zlib';
import { cpus, loadavg } from 'node:os';
import { chromium } from 'playwright-core';
import { openRecordingFrames } from './frameRecorder.ts';
import { CHROMIUM_ARGS, serveApp } from '../browser/serve.ts';
import { chromiumOrExit } from '../support/chromium.ts';
import { widgetJs } from './widgetJs.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const SEEK_RUN_MS = Number(process.env.BENCH_SEEK_RUN_MS ?? 300_000);

// Before the build: no Chromium means one sentence and exit 1, not a stack trace later.
const executablePath = chromiumOrExit();
const app = await serveApp();
const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  const scripts = new Map<string, number>();
  page.on('response', async (r) => {
    const url = r.url();
    if (!url.endsWith('.js')) return;
    try {
      scripts.set(url, gzipSync(await r.body(), { level: 9 }).length);
    } catch {
      /* a body that cannot be read (redirect) */
    }
  });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  /** Plays a scenario at 1x for SECONDS of wall time, recording every frame's length and every long task. */
  const play = async (scenario: string, lastPartition: string, label: string) => {
    await openRecordingFrames(page, app.url, scenario, lastPartition);
    // The page's main-thread CPU time (Chromium's ThreadTime): what the view costs per frame, far less
    // dependent on what else the machine runs than dropped frames are.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const cpu = async () => Object.fromEntries(((await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] }).metrics.map((m) => [m.name, m.value]));
    const before = await cpu();
    await page.getByTestId('play').click();
    await page.waitForTimeout(SECONDS * 1000);
    const after = await cpu();
    await cdp.detach();
    const { frames, long, simT, lost } = (await page.evaluate(`({
      frames: window.__bench.frames.slice(2),
      long: window.__bench.long,
      simT: Number(document.querySelector('[data-testid=clock]').dataset.t),
      lost: Number(document.querySelector('[data-testid=count-lostAcked]').dataset.value),
    })`)) as { frames: number[]; long: number[]; simT: number; lost: number };
    await page.getByTestId('play').click();
    const sorted = [...frames].sort((a, b) => a - b);
    const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
    const dropped = frames.filter((f) => f > 25).length;
    console.log(`${label}, ${SECONDS} s wall at 1x (simulated to ${simT} ms, ${lost} acked records lost so far)`);
    console.log(`frames: ${frames.length}  median ${q(0.5).toFixed(1)} ms  p95 ${q(0.95).toFixed(1)} ms  worst ${sorted[sorted.length - 1].toFixed(1)} ms`);
    console.log(`dropped frames: ${((100 * dropped) / Math.max(1, frames.length)).toFixed(2)}% (${dropped} longer than 25 ms)`);
    console.log(`long tasks: ${long.length}${long.length ? ` (> 50 ms on the main thread), longest ${Math.max(...long).toFixed(0)} ms` : ''}`);
    const per = (k: string) => ((1000 * (after[k] - before[k])) / Math.max(1, frames.length)).toFixed(2);
    console.log(`main-thread CPU: ${per('ThreadTime')} ms per frame (script ${per('ScriptDuration')}, layout ${per('LayoutDuration')}, style ${per('RecalcStyleDuration')} ms wall per frame); load average ${loadavg().map((l) => l.toFixed(2)).join(' ')} on ${cpus().length} cores`);
  };
  await play('busy', 'orders-5', 'busy scenario (5 brokers, 6 partitions)');
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  const total = [...scripts.values()].reduce((a, b) => a + b, 0);
  for (const [url, size] of scripts) console.log(`  ${url.replace(app.url, '')}: ${kb(size)} gzip`);
  console.log(`JavaScript loaded: ${kb(total)} gzip (page + worker)`);
  await play('large-cluster', 'orders-23', 'large cluster (9 brokers × 24 partitions × RF 3, 200 records/s, a consumer group, faults)');

  await page.goto(`${app.url}?scenario=busy`);
  await page.getByTestId('partition-orders-5').waitFor({ state: 'attached' });

  // Seek after a long run: play the busy scenario to 5 simulated minutes as fast as it goes, then scrub.
  await page.getByTestId('speed').selectOption('-1');
  if ((await page.getByTestId('play').textContent())?.includes('Play')) await page.getByTestId('play').click();
  await page.waitForFunction(`Number(document.querySelector('[data-testid=clock]').dataset.t) >= ${SEEK_RUN_MS}`, undefined, { timeout: 600_000, polling: 100 });
  await page.getByTestId('play').click();
  await page.waitForFunction(`document.querySelector('[data-testid=play]').textContent.includes('Play')`);
  const seeks: string[] = [];
  for (const target of [SEEK_RUN_MS - 1_250, 150_250, 10_250, 290_250, 2_250]) {
    const t0 = Date.now();
    await page.getByTestId('timeline').fill(String(target));
    await page.waitForFunction(`Number(document.querySelector('[data-testid=clock]').dataset.t) === ${target}`, undefined, { timeout: 600_000, polling: 'raf' });
    seeks.push(`${(target / 1000).toFixed(2)} s: ${Date.now() - t0} ms`);
  }
  console.log(`seek after a ${SEEK_RUN_MS / 60_000}-minute busy run (wall time until the page shows the moment): ${seeks.join(', ')}`);
  if (errors.length) console.log(`page errors: ${errors.join(' | ')}`);

  // The documentation widget (embed/index.html), worker included: target <= 150 KB.
  const widget = await widgetJs(browser, app.url);
  for (const [url, size] of widget.files) console.log(`  ${url}: ${kb(size)} gzip`);
  console.log(`widget JS: ${(widget.total / 1024).toFixed(1)} KB gzip`);
  // A 中文 widget loads its own catalog instead of the English one.
  const zh = await widgetJs(browser, app.url, 'scenario=acks1-failover&autoplay=1&lang=zh-CN');
  console.log(`widget JS (中文): ${(zh.total / 1024).toFixed(1)} KB gzip`);
} finally {
  await browser.close();
  await app.close();
}
