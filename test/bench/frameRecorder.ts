/**
 * Shared by bench:ui (ui.bench.ts) and the profiling tool (uiProfile.ts):
 * opens a scenario at 1x and starts recording, in the page, every frame's
 * length and every long task into `window.__bench`.
 */
import type { Page } from 'playwright-core';

export async function openRecordingFrames(page: Page, url: string, scenario: string, lastPartition: string): Promise<void> {
  await page.goto(`${url}?scenario=${scenario}`);
  await page.getByTestId(`partition-${lastPartition}`).waitFor({ state: 'attached' });
  await page.getByTestId('speed').selectOption('1');
  // Passed as text: the bundler that runs this file would rename functions inside a closure.
  await page.evaluate(`(() => {
    const b = (window.__bench = { frames: [], long: [] });
    new PerformanceObserver((l) => { for (const e of l.getEntries()) b.long.push(e.duration); }).observe({ type: 'longtask' });
    let last = performance.now();
    const tick = (t) => { b.frames.push(t - last); last = t; requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  })()`);
}
