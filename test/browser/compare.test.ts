/**
 * "Replay with one change" in real Chromium: acks=1 failover against the same
 * seed and faults with acks=all, side by side at the same simulated time; one
 * clock drives both; keyboard only; stacked on a phone; from a lesson step.
 * Screenshots for a reviewer only when COMPARE_SHOTS names a directory.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { labSession } from './labSession.ts';
import { lessonById } from '../../src/lessons/index.ts';

const lab = labSession();
let page: Page;

const num = async (id: string, attr = 'data-value') => Number(await page.getByTestId(id).getAttribute(attr));
const shot = (name: string) => (process.env.COMPARE_SHOTS ? page.screenshot({ path: `${process.env.COMPARE_SHOTS}/${name}.png`, fullPage: false }) : Promise.resolve());
/** Both runs show the same simulated time (the replay follows the first run's clock). */
const together = () => page.waitForFunction(() => { const a = document.querySelector('[data-testid=clock]')?.getAttribute('data-t'); const b = document.querySelector('[data-testid=cmp-clock]')?.getAttribute('data-t'); return a !== null && a !== undefined && a === b; }, undefined, { timeout: 60_000, polling: 50 });
const clock = () => num('clock', 'data-t');
/** The first run's clock reached `t` (a key's seek answered), then both runs show it. */
const reached = async (test: (t: number) => boolean) => {
  await expect.poll(clock, { timeout: 30_000 }).toSatisfy(test);
  await together();
};

/** The acks=1 failover preset played to its end (30 s), where it pauses by itself. */
async function acksOneAtEnd(query = '', viewport = { width: 1280, height: 800 }) {
  page = await lab.open(`?scenario=acks1-failover${query}`, viewport);
  await page.getByTestId('speed').selectOption('-1');
  await page.getByTestId('play').click();
  await page.waitForFunction(() => Number(document.querySelector('[data-testid=clock]')?.getAttribute('data-t')) >= 30000, undefined, { timeout: 60_000 });
  await page.getByTestId('play').filter({ hasText: '▶' }).waitFor();
}

/** Opens the comparison with the keyboard: the Compare button, then acks=all on p1 in the picker. */
async function compareAcksAllByKeyboard() {
  await page.getByTestId('compare-open').focus();
  await page.keyboard.press('Enter');
  await page.getByTestId('compare-picker').waitFor();
  // The picker focuses its first setting: p1's acks (1); one step down is "all".
  expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('pick-p1-acks');
  await page.keyboard.press('ArrowDown');
  await page.getByTestId('compare').waitFor();
  // Focus stays on a control of the lab (the Compare toggle, now "Close comparison"), so Tab and the lab's keys go on from there.
  await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toMatch(/^compare-(open|close)$/);
  await together();
}

describe('replay with one change, side by side', () => {
  it('acks=1 failover against acks=all on the same seed and faults: the left run lost acknowledged records, the right none, at the same simulated time; keyboard only', async () => {
    await acksOneAtEnd();
    await compareAcksAllByKeyboard();
    expect(await page.getByTestId('compare').getAttribute('data-change')).toBe('acks=all (p1)');
    expect(await clock()).toBeGreaterThanOrEqual(30000);
    expect(await num('cmp-clock', 'data-t')).toBe(await clock());
    expect(await num('count-lostAcked')).toBeGreaterThan(0);
    expect(await num('cmp-count-lostAcked')).toBe(0);
    expect(await num('cmp-count-acked')).toBeGreaterThan(0);
    // The difference is marked: the table row, the records kept by the replay, and the mark beside a lost record.
    expect(await num('diff-lostAcked', 'data-left')).toBe(await num('count-lostAcked'));
    expect(await num('diff-lostAcked', 'data-right')).toBe(0);
    expect(await num('diff-lost-only-left')).toBe(await num('count-lostAcked'));
    await page.getByTestId('kept-there').first().waitFor();
    // Both stages: the crashed leader's replacement leads in each run.
    await page.getByTestId('broker-b1').waitFor();
    await page.getByTestId('cmp-broker-b1').waitFor();
    await page.getByTestId('cmp-partition-orders-0').waitFor();
    await shot('compare-1280x800-en');
    // axe-core: no serious or critical finding in the comparison.
    const axe = await new AxeBuilder({ page }).include('[data-testid=compare]').analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);

    // One clock drives both: seek (Home, End), step.
    await page.keyboard.press('Home');
    await reached((t) => t === 0);
    expect(await num('cmp-count-lostAcked')).toBe(0);
    await page.keyboard.press('End');
    await reached((t) => t >= 30000);
    expect(await num('count-lostAcked')).toBeGreaterThan(0);
    expect(await num('cmp-count-lostAcked')).toBe(0);
    await page.keyboard.press('Home');
    await reached((t) => t === 0);
    await page.getByTestId('step').focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=clock]')?.getAttribute('data-t')) > 0);
    await together();
    // Play and pause (Space) move both.
    await page.getByTestId('speed').selectOption('1');
    await page.locator('body').focus();
    await page.keyboard.press('Space');
    const before = await clock();
    await page.waitForFunction((b) => Number(document.querySelector('[data-testid=clock]')?.getAttribute('data-t')) > b + 500, before);
    await page.keyboard.press('Space');
    await together();

    // Closed with the keyboard: the lab's own panels are back, with their hooks.
    await page.getByTestId('compare-close').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('compare').waitFor({ state: 'detached' });
    expect(await page.getByTestId('cmp-clock').count()).toBe(0);
    await page.getByTestId('tab-config').waitFor();
  });

  it('Esc cancels the picker and nothing opens', async () => {
    page = await lab.open('?scenario=acks1-failover');
    await page.getByTestId('compare-open').click();
    await page.getByTestId('compare-picker').waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('compare-picker').isVisible()).toBe(false);
    expect(await page.getByTestId('compare').count()).toBe(0);
  });

  it('at 390 px the two runs stack, the replay below this run', async () => {
    await acksOneAtEnd('', { width: 390, height: 844 });
    await compareAcksAllByKeyboard();
    const left = (await page.getByTestId('compare-left').boundingBox())!;
    const right = (await page.getByTestId('compare-right').boundingBox())!;
    expect(right.y).toBeGreaterThanOrEqual(left.y + left.height);
    expect(right.x).toBeCloseTo(left.x, 0);
    expect(left.width).toBeLessThanOrEqual(390);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot('compare-390x844-en');
    await page.getByTestId('compare-right').scrollIntoViewIfNeeded();
    await shot('compare-390x844-en-right');
  });

  it('in Chinese, at 1920×1080 and in presenter mode, side by side', async () => {
    await acksOneAtEnd('&lang=zh-CN', { width: 1920, height: 1080 });
    await compareAcksAllByKeyboard();
    expect(await page.getByTestId('compare').textContent()).toContain('改一个设置重放');
    const left = (await page.getByTestId('compare-left').boundingBox())!;
    const right = (await page.getByTestId('compare-right').boundingBox())!;
    expect(right.x).toBeGreaterThanOrEqual(left.x + left.width);
    await shot('compare-1920x1080-zh');
    await page.keyboard.press('l');
    await expect.poll(() => page.getByTestId('compare').textContent()).toContain('Replay with one change');
    await shot('compare-1920x1080-en');
    await page.keyboard.press('p');
    expect(await page.evaluate(() => document.documentElement.classList.contains('presenter'))).toBe(true);
    const l2 = (await page.getByTestId('compare-left').boundingBox())!;
    const r2 = (await page.getByTestId('compare-right').boundingBox())!;
    expect(r2.x).toBeGreaterThanOrEqual(l2.x + l2.width);
    await together();
    await shot('compare-presenter-en');
  });

  it('the acks lesson opens the comparison at its step ("the same crash with acks=all") and closes it on Next', async () => {
    const steps = lessonById('acks-failover')!.steps;
    const at = steps.findIndex((s) => s.actions?.some((a) => a.type === 'compare')) + 1;
    page = await lab.open('?lesson=acks-failover', { width: 1280, height: 800 });
    const settled = (n: number) => page.waitForFunction((k) => { const el = document.querySelector('[data-testid=lesson]') as HTMLElement | null; return !!el && el.dataset.step === String(k) && el.dataset.pending === ''; }, n, { timeout: 60_000, polling: 50 });
    await settled(1);
    await page.getByTestId('speed').selectOption('30');
    for (let i = 2; i <= at; i++) {
      if (steps[i - 2].predict) {
        await page.keyboard.press('PageDown');
        await page.locator('[data-testid=prediction][data-revealed=true]').waitFor();
      }
      await page.keyboard.press('PageDown');
      await settled(i);
    }
    await page.getByTestId('compare').waitFor();
    await together();
    expect(await clock()).toBe(25000);
    expect(await num('count-lostAcked')).toBeGreaterThan(0);
    expect(await num('cmp-count-lostAcked')).toBe(0);
    await shot('compare-lesson-1280x800-en');
    await page.keyboard.press('PageDown');
    await settled(at + 1);
    await page.getByTestId('compare').waitFor({ state: 'detached' });
  });
});
