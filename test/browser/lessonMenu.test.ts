/**
 * The Lessons menu as a new learner opens it, on a phone and on small and
 * large screens, in English and 中文: the whole menu is on the page (it used
 * to hang from the Lessons button mid-bar and run off the right edge, the page
 * scrolling sideways), and a lesson starts from it.
 */
import { describe, expect, it } from 'vitest';
import { labSession } from './labSession.ts';

const lab = labSession();

describe('the Lessons menu', () => {
  for (const [lang, width, height] of [
    ['en', 390, 844],
    ['zh-CN', 390, 844],
    ['en', 800, 600],
    ['zh-CN', 1024, 768],
    ['en', 1280, 800],
  ] as const) {
    it(`at ${width}×${height} (${lang}) is wholly on the page, and a lesson starts from it`, async () => {
      const page = await lab.open(`?lang=${lang}`, { width, height });
      await page.getByTestId('lessons').click();
      const menu = page.getByRole('menu');
      await menu.waitFor();
      const box = (await menu.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(width);
      expect(box.width).toBeGreaterThan(Math.min(300, width - 40));
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      // Every lesson's title can be read: none is cut at the menu's or the page's right edge.
      const items = await menu.locator('.lesson-item').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().right));
      expect(items.length).toBeGreaterThanOrEqual(16);
      for (const right of items) expect(right).toBeLessThanOrEqual(Math.min(width, box.x + box.width));
      await menu.locator('.lesson-item').first().click();
      await expect.poll(() => page.getByTestId('lesson-count').textContent()).toMatch(lang === 'en' ? /^Step 1 \/ \d+$/ : /^第 1 \/ \d+ 步$/);
    });
  }
});
