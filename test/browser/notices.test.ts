/**
 * What a tour with fresh eyes found covering or misleading the stage, in real
 * Chromium: a notice over the "controller has not noticed yet" banner in
 * presenter mode, refusals piling up over the stage on a phone, the first
 * look's guide pointing at the Actions panel presenter mode hides, a lesson's
 * chart step with the charts hidden, a second clicker press ignored while a
 * step plays to its stop, and a consumer card's bare "q0".
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { labSession } from './labSession.ts';

const lab = labSession();
let page: Page;

const clock = async () => Number(await page.getByTestId('clock').getAttribute('data-t'));
const settled = (n: number) => page.waitForFunction((k) => { const el = document.querySelector('[data-testid=lesson]') as HTMLElement | null; return !!el && el.dataset.step === String(k) && el.dataset.pending === ''; }, n, { timeout: 60_000, polling: 50 });

/** The visible notices' boxes and whether any overlaps the element matching `sel`. */
const noticeOver = (sel: string) =>
  page.evaluate((s) => {
    const target = document.querySelector(s)!.getBoundingClientRect();
    return [...document.querySelectorAll('.notice')]
      .map((n) => n.getBoundingClientRect())
      .filter((r) => r.width > 0 && r.height > 0)
      .some((r) => r.left < target.right && r.right > target.left && r.top < target.bottom && r.bottom > target.top);
  }, sel);

describe('notices and the guide never hide or misname the stage', () => {
  for (const lang of ['en', 'zh-CN'] as const) {
    it(`first look in presenter mode at 1280×800 (${lang}): the guide names no hidden panel, and no notice covers the not-noticed banner`, async () => {
      page = await lab.open(`?lang=${lang}`, { width: 1280, height: 800 });
      await page.keyboard.press('p');
      await page.getByTestId('play').click();
      await page.waitForFunction(() => Number((document.querySelector('[data-testid=clock]') as HTMLElement).dataset.t) >= 500, undefined, { polling: 50 });
      await page.getByTestId('p1-acks').selectOption('1');
      await page.getByTestId('notice-info').waitFor();
      await page.locator('[data-testid=guide][data-phase=crash]').waitFor({ timeout: 30_000 });
      // The Actions panel is hidden in presenter mode: the guide must not send anyone there.
      expect(await page.locator('.panel.actions').isVisible()).toBe(false);
      const now = (await page.getByTestId('guide-now').textContent()) ?? '';
      expect(now).not.toMatch(lang === 'en' ? /Actions/ : /操作/);
      // The acks notice is still up (6 s): it floats clear of the guide saying "crash now".
      if (await page.getByTestId('notice-info').isVisible()) expect(await noticeOver('[data-testid=guide]')).toBe(false);
      // Crash b1 as the guide says: click it in the diagram.
      await page.getByTestId('broker-b1').click();
      await page.getByTestId('menu-crash').click();
      await page.getByTestId('unnoticed-b1').waitFor();
      await page.getByTestId('play').click(); // paused: the banner stays to be looked at
      expect(await page.getByTestId('unnoticed-b1').isVisible()).toBe(true);
      expect(await noticeOver('[data-testid=unnoticed-b1]')).toBe(false);
    });
  }

  it('four refusals at 390 px: one shows, the earlier fold into one button, and none covers the stage', async () => {
    page = await lab.open('?lang=zh-CN', { width: 390, height: 844 });
    const bad = ['{ not json', JSON.stringify({ name: 'bad', cluster: { brokers: 'three' } }), JSON.stringify({ name: 'bad', topics: [{ name: 't', partitions: -1 }] }), 'h'];
    for (const [i, text] of bad.entries()) {
      await page.locator('input[type=file]').setInputFiles({ name: `bad${i}.json`, mimeType: 'application/json', buffer: Buffer.from(text) });
      await expect.poll(() => page.getByTestId('notice-error').count()).toBe(i + 1);
    }
    expect(await page.locator('[data-testid=notice-error]:visible').count()).toBe(1);
    expect(await page.getByTestId('notices-earlier').textContent()).toContain('3');
    expect(await noticeOver('section.panel.cluster')).toBe(false);
    expect(await noticeOver('[data-testid=partition-orders-0]')).toBe(false);
    await page.getByTestId('notices-earlier').click();
    expect(await page.getByTestId('notice-error').count()).toBe(1);
    expect(await page.getByTestId('notices-earlier').count()).toBe(0);
  });

  it('presenter mode shows the charts while a lesson step points at them', async () => {
    page = await lab.open('?lesson=backlog-lag', { width: 1280, height: 800 });
    await settled(1);
    await page.keyboard.press('p');
    await expect.poll(() => page.locator('.panel.charts').isVisible()).toBe(true);
  });

  it('a second PageDown while a lesson step plays towards its stop hurries there at max speed, then restores the speed', async () => {
    page = await lab.open('?lesson=backlog-lag', { width: 1280, height: 800 });
    await settled(1);
    await page.keyboard.press('PageDown');
    await settled(2); // at 5 s
    // Record every speed the menu shows from now on, frame by frame.
    await page.evaluate(() => {
      const seen: string[] = ((window as unknown as { speeds: string[] }).speeds = []);
      const tick = () => {
        seen.push((document.querySelector('[data-testid=speed]') as HTMLSelectElement).value);
        requestAnimationFrame(tick);
      };
      tick();
    });
    await page.keyboard.press('PageDown'); // towards 15 s at 1×
    await page.waitForFunction(() => (document.querySelector('[data-testid=lesson]') as HTMLElement).dataset.pending !== '', undefined, { polling: 20 });
    expect(await clock()).toBeLessThan(14_000);
    await page.keyboard.press('PageDown'); // "go on"
    await settled(3);
    expect(await clock()).toBe(15_000);
    const speeds = await page.evaluate(() => (window as unknown as { speeds: string[] }).speeds);
    expect(speeds).toContain('-1');
    await expect.poll(() => page.getByTestId('speed').inputValue()).toBe('1');
  });

  for (const lang of ['en', 'zh-CN'] as const) {
    it(`a consumer card says "queue", not "q0" (${lang})`, async () => {
      page = await lab.open(`?lang=${lang}`);
      await page.getByTestId('preset').selectOption('consumer-autocommit-crash');
      const card = page.getByTestId('consumer-c1');
      await card.waitFor();
      await page.getByTestId('play').click();
      await expect.poll(async () => (await card.textContent()) ?? '').toContain(lang === 'en' ? 'queue ' : '队列 ');
      expect(await card.textContent()).not.toMatch(/\bq\d/);
      expect(await card.getAttribute('aria-label')).toMatch(lang === 'en' ? /waiting to be processed/ : /等待处理/);
      expect(await card.locator('title').textContent()).toMatch(lang === 'en' ? /waiting to be processed/ : /等待处理/);
    });
  }
});
