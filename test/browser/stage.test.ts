/**
 * The lab served under `Content-Security-Policy: default-src 'self'` (every
 * test here fails on any console error, so a blocked inline style or script
 * fails it): axe-core finds no serious or critical violation on the start
 * page, in a lesson, in presenter mode, in 中文 and at 390 px; the first-look
 * guide keeps its promise whenever the learner crashes the leader after
 * setting acks=1; a refused file changes nothing on screen; changing the
 * scenario mid-lesson asks first.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { labSession } from './labSession.ts';
import { lessonSettled, stepLessonTo } from './lessonStep.ts';

const CSP = "default-src 'self'";
const lab = labSession({ headers: { 'Content-Security-Policy': CSP } });
let page: Page;

const settled = (n: number) => lessonSettled(page, n);
const clock = async () => Number(await page.getByTestId('clock').getAttribute('data-t'));
// Functions, not strings: the page's CSP forbids eval, which string predicates need.
const clockAtLeast = (t: number) => page.waitForFunction((x) => Number((document.querySelector('[data-testid=clock]') as HTMLElement).dataset.t) >= x, t, { timeout: 40_000, polling: 50 });
const leaderNot = (b: number) => page.waitForFunction((x) => (document.querySelector('[data-testid=partition-orders-0]') as HTMLElement).dataset.leader !== String(x), b, { timeout: 40_000, polling: 50 });
const count = async (k: string) => Number(await page.getByTestId(`count-${k}`).getAttribute('data-value'));

async function seriousViolations(): Promise<string[]> {
  const r = await new AxeBuilder({ page }).analyze();
  return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} ×${v.nodes.length}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

describe('the stage under a strict CSP', () => {
  it('is served with the CSP header, and draws a lesson step’s highlight without an injected <style>', async () => {
    page = await lab.open('?lesson=acks-failover');
    const res = await page.request.get(page.url());
    expect(res.headers()['content-security-policy']).toBe(CSP);
    await settled(1);
    await page.getByTestId('speed').selectOption('30');
    await stepLessonTo(page, 4);
    expect(await page.locator('[data-lesson-hl]').count()).toBeGreaterThan(0);
    expect(await page.locator('style').count()).toBe(0);
    // What the lesson waits for is said in words, never as an event id.
    expect(await page.locator('.lesson-foot').textContent()).not.toMatch(/leader-elected|isr-changed|truncated|produce-error/);
  });

  it('axe: no serious or critical violation on the start page, a lesson, presenter mode, 中文 and 390 px', async () => {
    page = await lab.open();
    expect(await seriousViolations()).toEqual([]);
    await page.getByTestId('play').click();
    await clockAtLeast(1500);
    await page.getByTestId('play').click();
    expect(await seriousViolations()).toEqual([]);
    // A crashed leader, the controller-has-not-noticed banner, then a new leader: down replicas stay readable.
    await page.getByTestId('crash-leader-orders-0').click();
    await page.getByTestId('unnoticed-b1').waitFor();
    expect(await seriousViolations()).toEqual([]);
    await page.getByTestId('speed').selectOption('10');
    await page.getByTestId('play').click();
    await leaderNot(1);
    await page.getByTestId('play').click();
    expect(await seriousViolations()).toEqual([]);
    await page.close();

    page = await lab.open('?lesson=acks-failover');
    await settled(1);
    expect(await seriousViolations()).toEqual([]);
    await page.keyboard.press('p');
    expect(await seriousViolations()).toEqual([]);
    await page.close();

    page = await lab.open('?lang=zh-CN');
    expect(await seriousViolations()).toEqual([]);
    await page.close();

    page = await lab.open('', { width: 390, height: 844 });
    expect(await seriousViolations()).toEqual([]);
  }, 180_000); // six axe runs and a failover: over a minute on a loaded machine

  for (const after of [1, 3, 5, 10, 20]) {
    it(`first look: crash the leader ${after} s after setting acks=1; acknowledged records are lost, or the guide says what to wait for`, async () => {
      page = await lab.open();
      await page.getByTestId('speed').selectOption('10');
      await page.getByTestId('play').click();
      await clockAtLeast(2000);
      await page.getByTestId('p1-acks').selectOption('1');
      const set = await clock();
      await clockAtLeast(set + after * 1000);
      await page.getByTestId('crash-leader-orders-0').click();
      // Paused at once: at 10× the controller notices 0.9 s later, too soon to read the screen on a busy machine.
      await page.getByTestId('play').click();
      await page.locator('[data-testid=broker-b1][data-status=crashed]').waitFor();
      // Until the controller notices, the guide and the banner say so, with broker.session.timeout.ms.
      await page.getByTestId('unnoticed-b1').waitFor();
      expect(await page.getByTestId('unnoticed-b1').textContent()).toContain('broker.session.timeout.ms');
      expect(await page.getByTestId('guide').getAttribute('data-phase')).toBe('unnoticed');
      expect(await page.getByTestId('unnoticed-badge-b1').textContent()).toBe('not noticed');
      await page.getByTestId('play').click();
      await leaderNot(1);
      await clockAtLeast((await clock()) + 1000);
      expect(await page.getByTestId('unnoticed-b1').count()).toBe(0);
      expect(await page.getByTestId('unnoticed-badge-b1').count()).toBe(0);
      const lost = await count('lostAcked');
      const phase = await page.getByTestId('guide').getAttribute('data-phase');
      if (lost > 0) expect(phase).toBe('lost');
      else {
        expect(phase).toMatch(/^none-/);
        expect(await page.getByTestId('guide-wait').textContent()).toMatch(/wait/i);
      }
      // From 3 s on, p1 has been writing with acks=1 for a while: a record is always lost.
      if (after >= 3) expect(lost).toBeGreaterThan(0);
    });
  }

  it('a refused scenario file changes nothing on screen; the refusal is a sentence, then the reason, then the field', async () => {
    page = await lab.open();
    const preset = await page.getByTestId('preset').inputValue();
    const phase = await page.getByTestId('guide').getAttribute('data-phase');
    await page.locator('input[type=file]').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ name: 'bad', cluster: { brokers: 'three' } })) });
    const notice = page.getByTestId('notice-error');
    await notice.waitFor();
    expect(await notice.locator('.refusal-lead').textContent()).toBe('This scenario was not loaded; the lab is unchanged.');
    expect(await notice.locator('.refusal-where').textContent()).toContain('brokers');
    expect(await page.getByTestId('preset').inputValue()).toBe(preset);
    expect(await page.getByTestId('guide').getAttribute('data-phase')).toBe(phase);
    // Never wider than its box.
    const [box, inner] = await notice.evaluate((el) => [el.clientWidth, el.scrollWidth]);
    expect(inner).toBeLessThanOrEqual(box);

    await page.locator('input[type=file]').setInputFiles({ name: 'worse.json', mimeType: 'application/json', buffer: Buffer.from('{ not json') });
    await expect.poll(() => page.getByTestId('notice-error').count()).toBe(2);
    expect(await page.getByTestId('preset').inputValue()).toBe(preset);
  });

  it('choosing another scenario mid-lesson asks first: No keeps the lesson, Yes ends it and loads the scenario', async () => {
    page = await lab.open('?lesson=acks-failover');
    await settled(1);
    const before = await page.getByTestId('preset').inputValue();
    await page.getByTestId('preset').selectOption('first-look');
    await page.getByTestId('confirm').waitFor();
    await page.getByTestId('confirm-no').click();
    expect(await page.getByTestId('lesson').count()).toBe(1);
    expect(await page.getByTestId('preset').inputValue()).toBe(before);
    await page.getByTestId('more').click(); // New seed is under the top bar's More menu
    await page.getByTestId('new-seed').click();
    await page.getByTestId('confirm-yes').click();
    expect(await page.getByTestId('lesson').count()).toBe(0);
    await page.getByTestId('preset').selectOption('first-look');
    await expect.poll(() => page.getByTestId('preset').inputValue()).toBe('first-look');
    await expect.poll(() => page.getByTestId('guide').getAttribute('data-phase')).toBe('play');
  });
});
