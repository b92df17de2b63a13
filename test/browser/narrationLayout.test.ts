/**
 * Narration that names only what every layout has: on a 390×844 phone the
 * panels stack, so "on the right" or "on the left" points at nothing. The
 * first look's guide sent a phone user to "Configuration, on the right"
 * (右侧), and the acks=1 failover lesson's comparison step said "on the left
 * … on the right" (左边 … 右边) while the two runs stood one above the other.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { labSession } from './labSession.ts';
import { lessonSettled, stepLessonTo } from './lessonStep.ts';

const lab = labSession();
let page: Page;

const SIDES: Record<string, RegExp> = { en: /\b(left|right)\b/i, 'zh-CN': /[左右][边侧]/ };

describe('narration on a 390×844 phone', () => {
  for (const lang of ['en', 'zh-CN']) {
    it(`the first look's guide (${lang}) asks for acks=1 without naming a side`, async () => {
      page = await lab.open(`?lang=${lang}`, { width: 390, height: 844 });
      await page.getByTestId('play').click();
      await page.locator('[data-testid=guide][data-phase=acks]').waitFor({ timeout: 30_000 });
      const text = (await page.getByTestId('guide').textContent()) ?? '';
      expect(text).toContain('acks');
      expect(text).not.toMatch(SIDES[lang]);
    });

    it(`the acks=1 failover lesson's comparison (${lang}): the runs are stacked and the narration names them, not sides`, async () => {
      page = await lab.open(`?lesson=acks-failover&lang=${lang}`, { width: 390, height: 844 });
      await lessonSettled(page, 1);
      await page.getByTestId('speed').selectOption('30');
      await stepLessonTo(page, 7);
      const left = (await page.getByTestId('compare-left').boundingBox())!;
      const right = (await page.getByTestId('compare-right').boundingBox())!;
      expect(right.y).toBeGreaterThanOrEqual(left.y + left.height - 1);
      const text = (await page.getByTestId('lesson-text').textContent()) ?? '';
      expect(text).not.toMatch(SIDES[lang]);
      // Each run by the name its panel carries.
      for (const id of ['compare-left', 'compare-right']) {
        const title = (await page.getByTestId(id).locator('h2, h3, header').first().textContent())?.split(/[:：]/)[0].trim().toLowerCase() ?? '';
        expect(title.length).toBeGreaterThan(1);
        expect(text.toLowerCase(), title).toContain(title);
      }
    });
  }
});
