/**
 * Screenshots and measurements of the stage's first screen for issue 8's
 * layout work: the acks=1 failover's election (13.25 s) in a lesson step
 * and in presenter mode, nine brokers in presenter mode, in English and
 * 中文, at 390×844, 1024×768, 1280×800 and 1920×1080. Prints where the
 * partition's replica rows and the diagram end against the viewport.
 * Run: npx tsx test/support/layoutShots.ts [filter,filter…]   (pictures in $SHOTS_DIR, default /tmp/shots)
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, serveApp } from '../browser/serve.ts';
import { chromiumOrExit } from './chromium.ts';
import { runTo } from '../browser/runTo.ts';
import { lessonSettled, stepLessonTo } from '../browser/lessonStep.ts';

const dir = process.env.SHOTS_DIR ?? '/tmp/shots';
const only = (process.argv[2] ?? '').split(',').filter(Boolean);
mkdirSync(dir, { recursive: true });

interface Shot { name: string; query: string; size: [number, number]; at?: number; step?: number; presenter?: boolean }
const SIZES: [number, number][] = [[390, 844], [1024, 768], [1280, 800], [1920, 1080]];
const shots: Shot[] = [];
for (const lang of ['en', 'zh-CN'])
  for (const size of SIZES) {
    const w = size[0];
    shots.push({ name: `lesson4-${w}-${lang}`, query: `?lesson=acks-failover&lang=${lang}`, size, step: 4 });
    shots.push({ name: `pres-lesson4-${w}-${lang}`, query: `?lesson=acks-failover&lang=${lang}`, size, step: 4, presenter: true });
    shots.push({ name: `pres-failover-${w}-${lang}`, query: `?scenario=acks1-failover&lang=${lang}`, size, at: 13_250, presenter: true });
    shots.push({ name: `pres-large-${w}-${lang}`, query: `?scenario=large-cluster&lang=${lang}`, size, at: 12_000, presenter: true });
  }

async function facts(page: Page) {
  return page.evaluate(() => {
    const rows = [...document.querySelectorAll('[data-testid=partition-orders-0] [data-testid^=replica-]')].map((e) => Math.round(e.getBoundingClientRect().bottom));
    const cl = document.querySelector('.panel.cluster svg')?.getBoundingClientRect();
    return { vh: innerHeight, overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth, clusterBottom: Math.round(cl?.bottom ?? -1), rowsBottom: rows };
  });
}

const executablePath = chromiumOrExit();
const app = await serveApp();
const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
try {
  for (const s of shots) {
    if (only.length && !only.some((o) => s.name.includes(o))) continue;
    const context = await browser.newContext({ viewport: { width: s.size[0], height: s.size[1] } });
    const page = await context.newPage();
    await page.goto(app.url + s.query);
    await page.getByTestId('partition-orders-0').waitFor({ state: 'attached' });
    if (s.at) await runTo(page, s.at);
    await page.locator('body').focus();
    if (s.step) { await lessonSettled(page, 1); await stepLessonTo(page, s.step); }
    if (s.presenter) {
      await page.keyboard.press('p');
      await page.waitForFunction(() => document.documentElement.classList.contains('presenter'));
    }
    await page.evaluate(() => scrollTo(0, 0));
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(dir, `${s.name}.png`) });
    console.log(s.name, JSON.stringify(await facts(page)));
    await context.close();
  }
} finally {
  await browser.close();
  await app.close();
}
