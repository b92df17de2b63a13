/**
 * The documentation widget's weight for bench:ui: every JavaScript file a
 * widget page (embed/index.html) loads, its worker included, gzipped. Workers
 * allowed (the common case: the worker's script is fetched through the page,
 * so its response is counted here too); target <= 150 KB.
 */
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';

export async function widgetJs(browser: Browser, appUrl: string, query = 'scenario=acks1-failover&autoplay=1'): Promise<{ total: number; files: [string, number][] }> {
  const page = await browser.newPage({ viewport: { width: 800, height: 450 } });
  const files = new Map<string, number>();
  const pending: Promise<void>[] = [];
  page.on('response', (r) => {
    if (!r.url().endsWith('.js')) return;
    pending.push(r.body().then((b) => void files.set(r.url().replace(appUrl, ''), gzipSync(b, { level: 9 }).length), () => undefined));
  });
  await page.goto(`${appUrl}embed/index.html?${query}`);
  await page.locator('[data-testid=clock]:not([data-t="0"])').waitFor({ timeout: 60_000 });
  await page.waitForTimeout(1000);
  await Promise.all(pending);
  await page.close();
  const list = [...files.entries()].sort((a, b) => b[1] - a[1]);
  return { total: list.reduce((a, [, n]) => a + n, 0), files: list };
}
