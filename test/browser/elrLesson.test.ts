/**
 * The eligible-leader-replicas lesson in real Chromium, as a learner steps it:
 * what the partition shows at each stop (leader, ELR pill, Lost, acknowledged),
 * the prediction at the offline moment, and the replay under Kafka 4.0 beside
 * the ELR election, where the powered-off b1 was elected and records are lost.
 * Screenshots for a reviewer only when LESSON_SHOTS names a directory.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { labSession } from './labSession.ts';
import { lessonById } from '../../src/lessons/index.ts';

const lab = labSession();
let page: Page;
const lesson = lessonById('eligible-leader-replicas')!;

const settled = (n: number) => page.waitForFunction((k) => { const el = document.querySelector('[data-testid=lesson]') as HTMLElement | null; return !!el && el.dataset.step === String(k) && el.dataset.pending === ''; }, n, { timeout: 60_000, polling: 50 });
const num = async (id: string, attr = 'data-value') => Number(await page.getByTestId(id).getAttribute(attr));
const elr = async (prefix = '') => ((await page.getByTestId(`${prefix}elr-orders-0`).count()) ? await page.getByTestId(`${prefix}elr-orders-0`).textContent() : null);
const leader = (prefix = '') => page.getByTestId(`${prefix}partition-orders-0`).getAttribute('data-leader');
const shot = (name: string) => (process.env.LESSON_SHOTS ? page.screenshot({ path: `${process.env.LESSON_SHOTS}/${name}.png` }) : Promise.resolve());
const stepOf = (pred: (s: (typeof lesson.steps)[number]) => boolean) => lesson.steps.findIndex(pred) + 1;

describe('the eligible leader replicas lesson in the browser', () => {
  it.each(['en', 'zh'] as const)('shows ELR [2] before the power loss, offline with ELR [1,2], ELR [2] once b1 is back uncleanly, b2 elected from it, and the 4.0 replay electing b1 and losing records (%s)', async (lang) => {
    page = await lab.open(`?lesson=eligible-leader-replicas${lang === 'zh' ? '&lang=zh-CN' : ''}`, { width: 1280, height: 800 });
    await settled(1);
    await page.getByTestId('speed').selectOption('30');
    const asked = stepOf((s) => !!s.predict);
    const compared = stepOf((s) => !!s.actions?.some((a) => a.type === 'compare'));
    const text = (t: { en: string; zh: string }) => (lang === 'zh' ? t.zh : t.en);
    for (let i = 2; i <= lesson.steps.length; i++) {
      if (lesson.steps[i - 2].predict) {
        await page.keyboard.press('PageDown');
        await page.locator('[data-testid=prediction][data-revealed=true]').waitFor();
        expect(await page.getByTestId('prediction-why').textContent()).toContain(text(lesson.steps[i - 2].predict!.why));
        await shot(`elr-${lang}-${i - 1}-revealed`);
      }
      await page.keyboard.press('PageDown');
      await settled(i);
      expect(await page.getByTestId('lesson-text').textContent()).toBe(text(lesson.steps[i - 1].text));
      if (i === 2) {
        // b2 left the ISR below min.insync.replicas: the one eligible leader replica.
        await expect.poll(() => elr()).toBe('ELR [2]');
        expect(await leader()).toBe('1');
        expect(await num('count-lostAcked')).toBe(0);
      }
      if (i === 3) {
        // b1 lost power: still the leader for the controller, its log empty.
        await page.locator('[data-testid=broker-b1][data-status=powered-off]').waitFor();
        expect(await num('count-lostAcked')).toBeGreaterThan(0);
      }
      if (i === asked) {
        await expect.poll(() => elr()).toBe('ELR [1,2]');
        expect(await leader()).toBe('-1');
        expect(await page.getByTestId('prediction').getAttribute('data-revealed')).toBe('false');
        await shot(`elr-${lang}-${i}-asked`);
      }
      if (i === asked + 1) {
        await expect.poll(() => elr()).toBe('ELR [2]');
        expect(await num('count-lostAcked')).toBe(0);
      }
      if (i === asked + 2) {
        // b1 is up and unfenced, and still not the leader: the controller waits for b2.
        expect(await leader()).toBe('-1');
        expect(await elr()).toBe('ELR [2]');
      }
      if (i === compared) {
        expect(await leader()).toBe('2');
        expect(await elr()).toBeNull();
        expect(await num('count-lostAcked')).toBe(0);
        await page.getByTestId('compare').waitFor();
        await page.waitForFunction(() => { const a = document.querySelector('[data-testid=clock]')?.getAttribute('data-t'); return !!a && a === document.querySelector('[data-testid=cmp-clock]')?.getAttribute('data-t'); }, undefined, { timeout: 60_000, polling: 50 });
        expect(await page.getByTestId('compare').getAttribute('data-change')).toBe('kafkaVersion=4.0');
        expect(await page.getByTestId('compare-left').locator('h3').textContent()).toContain('kafkaVersion=4.1');
        // Kafka 4.0 at the same moment: b1 has led since 16 s, and acknowledged records are gone.
        expect(await leader('cmp-')).toBe('1');
        expect(await elr('cmp-')).toBeNull();
        expect(await num('cmp-count-lostAcked')).toBeGreaterThan(0);
        await shot(`elr-${lang}-${i}-compare`);
      }
      if (i !== asked && i !== compared) await shot(`elr-${lang}-${i}`);
    }
    await page.getByTestId('compare').waitFor({ state: 'detached' });
    expect(await num('count-lostAcked')).toBe(0);
    expect(await page.getByTestId('lesson-next').isDisabled()).toBe(true);
  }, 240_000);
});
