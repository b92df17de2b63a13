/**
 * Screenshots of the stage at the sizes and moments issue 8 names, for a
 * person to look at: the acks=1 failover just after the crash (6.5 s) and at
 * its election (13.25 s), nine brokers with 24 partitions, presenter mode,
 * in English and 中文, at 390×844, 1024×768, 1280×800 and 1920×1080; and
 * the first screen of the failover lesson's election step (4) and of presenter
 * mode at every size (lesson4-, pres-…), with where the replica rows and the
 * diagram end against the viewport (rowsBottom, clusterBottom, vh).
 * Run: npx tsx test/support/stageShots.ts [filter,filter…]   (pictures in $SHOTS_DIR, default /tmp/shots)
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

interface Shot { name: string; query: string; size: [number, number]; at?: number; step?: number; presenter?: boolean; full?: boolean; before?: (p: Page) => Promise<void> }

const SIZES: [number, number][] = [[390, 844], [1024, 768], [1280, 800], [1920, 1080]];
const shots: Shot[] = [];
for (const lang of ['en', 'zh-CN'])
  for (const size of SIZES) {
    shots.push({ name: `start-${size[0]}-${lang}`, query: `?lang=${lang}`, size });
    shots.push({ name: `failover-6500-${size[0]}-${lang}`, query: `?scenario=acks1-failover&lang=${lang}`, size, at: 6_500 });
    shots.push({ name: `failover-13250-${size[0]}-${lang}`, query: `?scenario=acks1-failover&lang=${lang}`, size, at: 13_250 });
    shots.push({ name: `large-${size[0]}-${lang}`, query: `?scenario=large-cluster&lang=${lang}`, size, at: 12_000 });
    // The key moment on the first screen (test/browser/stageFirstScreen.test.ts checks it).
    shots.push({ name: `lesson4-${size[0]}-${lang}`, query: `?lesson=acks-failover&lang=${lang}`, size, step: 4 });
    shots.push({ name: `pres-lesson4-${size[0]}-${lang}`, query: `?lesson=acks-failover&lang=${lang}`, size, step: 4, presenter: true });
    shots.push({ name: `pres-failover-${size[0]}-${lang}`, query: `?scenario=acks1-failover&lang=${lang}`, size, at: 13_250, presenter: true });
    shots.push({ name: `pres-large-${size[0]}-${lang}`, query: `?scenario=large-cluster&lang=${lang}`, size, at: 12_000, presenter: true });
  }
for (const lang of ['en', 'zh-CN']) {
  shots.push({ name: `presenter-failover-1920-${lang}`, query: `?scenario=acks1-failover&lang=${lang}`, size: [1920, 1080], at: 6_500, presenter: true });
  shots.push({ name: `presenter-large-1920-${lang}`, query: `?scenario=large-cluster&lang=${lang}`, size: [1920, 1080], at: 12_000, presenter: true });
  shots.push({ name: `presenter-lesson-1920-${lang}`, query: `?lesson=acks-failover&lang=${lang}`, size: [1920, 1080], presenter: true });
  shots.push({ name: `lesson-1280-${lang}`, query: `?lesson=acks-failover&lang=${lang}`, size: [1280, 800] });
  shots.push({ name: `lesson-390-${lang}`, query: `?lesson=acks-failover&lang=${lang}`, size: [390, 844] });
  for (const size of [[390, 844], [1024, 768], [1280, 800]] as [number, number][])
    shots.push({ name: `more-${size[0]}-${lang}`, query: `?lang=${lang}`, size, before: (p) => p.getByTestId('more').click() });
  shots.push({ name: `failover-full-390-${lang}`, query: `?scenario=acks1-failover&lang=${lang}`, size: [390, 844], at: 13_250, full: true });
}


const executablePath = chromiumOrExit();
const app = await serveApp();
const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
try {
  for (const s of shots) {
    if (only.length && !only.some((o) => s.name.includes(o))) continue;
    const context = await browser.newContext({ viewport: { width: s.size[0], height: s.size[1] } });
    const page = await context.newPage();
    page.on('console', (m) => m.type() === 'error' && console.log(`  console error (${s.name}): ${m.text()}`));
    await page.goto(app.url + s.query);
    await page.getByTestId('partition-orders-0').waitFor({ state: 'attached' });
    if (s.at) await runTo(page, s.at);
    if (s.step) {
      await page.locator('body').focus();
      await lessonSettled(page, 1);
      await stepLessonTo(page, s.step);
    }
    if (s.before) await s.before(page);
    if (s.presenter) {
      await page.locator('body').focus();
      await page.keyboard.press('p');
      await page.waitForFunction(() => document.documentElement.classList.contains('presenter'));
    }
    await page.evaluate(() => scrollTo(0, 0));
    await page.waitForTimeout(400);
    const facts = await page.evaluate(() => {
      const bar = document.querySelector('.topbar')?.getBoundingClientRect();
      const tr = document.querySelector('.transport')?.getBoundingClientRect();
      const cl = document.querySelector('.panel.cluster')?.getBoundingClientRect();
      const lg = document.querySelector('[data-testid=partition-orders-0]')?.getBoundingClientRect();
      const svg = document.querySelector('.panel.cluster svg')?.getBoundingClientRect();
      const rowsBottom = [...document.querySelectorAll('[data-testid=partition-orders-0] [data-testid^=replica-]')].map((e) => Math.round(e.getBoundingClientRect().bottom));
      return { vh: innerHeight, overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth, topbar: bar?.height, transportBottom: tr?.bottom, clusterTop: cl?.top, clusterBottom: svg && Math.round(svg.bottom), logTop: lg?.top, rowsBottom };
    });
    await page.screenshot({ path: join(dir, `${s.name}.png`), fullPage: !!s.full });
    console.log(s.name, JSON.stringify(facts));
    await context.close();
  }
} finally {
  await browser.close();
  await app.close();
}
