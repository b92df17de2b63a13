/**
 * Lessons in real Chromium, as a teacher presents them: open a lesson, move
 * through every step with the keys a presentation clicker sends, read the
 * narration, and check what the lab shows at a step. No console errors.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { labSession } from './labSession.ts';
import { lessonById } from '../../src/lessons/index.ts';

const lab = labSession();
let page: Page;

async function open(query: string, viewport = { width: 1280, height: 800 }): Promise<Page> {
  page = await lab.open(query, viewport);
  return page;
}

const lesson = { acks: lessonById('acks-failover')!, replication: lessonById('replication-basics')! };

const settled = (n: number) => page.waitForFunction((k) => { const el = document.querySelector('[data-testid=lesson]') as HTMLElement | null; return !!el && el.dataset.step === String(k) && el.dataset.pending === ''; }, n, { timeout: 60_000, polling: 50 });
const narration = () => page.getByTestId('lesson-text').textContent();
const count = async (k: string) => Number(await page.getByTestId(`count-${k}`).getAttribute('data-value'));
const clock = async () => Number(await page.getByTestId('clock').getAttribute('data-t'));

describe('lessons in the browser', () => {
  it('the acks lesson, step by step with PageDown: nothing lost before the election, acknowledged records lost after it; PageUp goes back', async () => {
    await open('?lesson=acks-failover');
    await settled(1);
    await page.getByTestId('speed').selectOption('30');
    const steps = lesson.acks.steps;
    expect(await page.getByTestId('lesson-count').textContent()).toBe(`Step 1 / ${steps.length}`);
    expect(await narration()).toBe(steps[0].text.en);
    for (let i = 2; i <= steps.length; i++) {
      await page.keyboard.press('PageDown');
      await settled(i);
      expect(await narration()).toBe(steps[i - 1].text.en);
      if (i === 3) {
        // Paused at the crash, at its time, with the leader down and nothing lost yet.
        expect(await clock()).toBe(6000);
        await page.locator('[data-testid=broker-b1][data-status=crashed]').waitFor();
        expect(await count('lostAcked')).toBe(0);
      }
      if (i === 4) {
        // Paused right at the election: b2 leads, acknowledged records are gone.
        expect(await page.getByTestId('partition-orders-0').getAttribute('data-leader')).toBe('2');
        expect(await count('lostAcked')).toBeGreaterThan(0);
      }
    }
    const lost = await count('lostAcked');
    expect(await page.getByTestId('lesson-next').isDisabled()).toBe(true);
    // The safe configuration's crash added no loss.
    expect(await page.getByTestId('producer-p1').textContent()).toContain('acks=all');

    await page.keyboard.press('PageUp');
    await settled(steps.length - 1);
    expect(await narration()).toBe(steps[steps.length - 2].text.en);
    await page.keyboard.press('PageDown');
    await settled(steps.length);
    expect(await count('lostAcked')).toBe(lost);
  });

  it('from the Lessons menu, in Chinese, in presenter mode: → and ← move through the lesson, as a clicker sends them', async () => {
    await open('?lang=zh-CN', { width: 1920, height: 1080 });
    await page.getByTestId('lessons').click();
    await page.getByTestId('lesson-replication-basics').click();
    await settled(1);
    const steps = lesson.replication.steps;
    expect(await page.getByTestId('lesson-count').textContent()).toBe(`第 1 / ${steps.length} 步`);
    expect(await narration()).toBe(steps[0].text.zh);

    await page.keyboard.press('p');
    expect(await page.evaluate(() => document.documentElement.classList.contains('lesson-presenter'))).toBe(true);
    expect(await page.locator('.panel.actions').isVisible()).toBe(false);
    await page.getByTestId('speed').selectOption('30');
    for (let i = 2; i <= steps.length; i++) {
      await page.keyboard.press('ArrowRight');
      await settled(i);
      expect(await narration()).toBe(steps[i - 1].text.zh);
    }
    expect(await page.getByTestId('lesson-count').textContent()).toBe(`第 ${steps.length} / ${steps.length} 步`);
    expect(await count('lostAcked')).toBe(0);
    await page.keyboard.press('ArrowLeft');
    await settled(steps.length - 1);

    // The language switch (L) changes the narration too.
    await page.keyboard.press('l');
    await expect.poll(narration).toBe(steps[steps.length - 2].text.en);
    await page.getByTestId('lesson-close').click();
    expect(await page.getByTestId('lesson').count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.classList.contains('lesson-presenter'))).toBe(false);
  });
});
