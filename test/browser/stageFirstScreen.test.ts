/**
 * The key moment on the first screen (issue 8, builds 2 and 3): at the
 * acks=1 failover's election (13.25 s), in the lesson's step 4 and in
 * presenter mode, at 1024×768, 1280×800 and 1920×1080, in English and 中文,
 * the cluster diagram and orders-0's three replica rows (the new leader, the
 * ex-leader) are in view without scrolling. The last row ended 160 to 770 px below the
 * fold at 1024×768 and 1280×800, beside an empty area.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { labSession } from './labSession.ts';
import { runTo } from './runTo.ts';
import { lessonSettled, stepLessonTo } from './lessonStep.ts';

const lab = labSession();

/** What lies (partly) outside the viewport, scrolled to the top: the diagram, then each replica row. */
async function offScreen(page: Page): Promise<string[]> {
  await page.evaluate(() => scrollTo(0, 0));
  return page.evaluate(() => {
    const out: string[] = [];
    const els = [document.querySelector('.panel.cluster svg'), ...document.querySelectorAll('[data-testid=partition-orders-0] [data-testid^=replica-]')];
    if (els.length < 4) out.push(`only ${els.length - 1} replica rows`);
    for (const el of els) {
      const r = el?.getBoundingClientRect();
      const name = el?.getAttribute('data-testid') ?? 'diagram';
      if (!r || r.top < 0 || r.left < 0 || r.bottom > innerHeight || r.right > innerWidth) out.push(`${name} at ${r?.top}–${r?.bottom} of ${innerHeight}`);
    }
    return out;
  });
}

async function present(page: Page): Promise<void> {
  await page.locator('body').focus();
  await page.keyboard.press('p');
  await page.waitForFunction(() => document.documentElement.classList.contains('presenter'));
}

const SIZES: [number, number][] = [[1024, 768], [1280, 800], [1920, 1080]];

describe('the election on the first screen', () => {
  for (const lang of ['en', 'zh-CN'])
    for (const [width, height] of SIZES) {
      it(`lesson step 4, ${width}×${height} (${lang}): the diagram and the three replica rows are in view`, async () => {
        const page = await lab.open(`?lesson=acks-failover&lang=${lang}`, { width, height });
        await page.locator('body').focus();
        await lessonSettled(page, 1);
        await stepLessonTo(page, 4);
        expect(await offScreen(page)).toEqual([]);
      });
      it(`presenter mode in lesson step 4, ${width}×${height} (${lang}): the diagram and the three replica rows are in view`, async () => {
        const page = await lab.open(`?lesson=acks-failover&lang=${lang}`, { width, height });
        await page.locator('body').focus();
        await lessonSettled(page, 1);
        await stepLessonTo(page, 4);
        await present(page);
        expect(await offScreen(page)).toEqual([]);
      });
      it(`presenter mode at 13.25 s, ${width}×${height} (${lang}): the diagram and the three replica rows are in view`, async () => {
        const page = await lab.open(`?scenario=acks1-failover&lang=${lang}`, { width, height });
        await runTo(page, 13_250);
        await present(page);
        expect(await offScreen(page)).toEqual([]);
      });
    }
});
