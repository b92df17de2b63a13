/**
 * The stage's chrome and its text, as a learner or a teacher sees them in
 * real Chromium: the top bar is one line at 1280×800 in English and 中文, and
 * every control it had is still there, in the bar or under More, by mouse and
 * by keyboard; on a 390×844 phone the cluster and the logs are in view on
 * first load with no sideways scroll; with nine brokers and 24 partitions at
 * 1024×768 and 1280×800 no text is under 12 px, and in presenter mode at
 * 1920×1080 none is under 20 px (nine brokers or three); a crashed broker's
 * state ring is drawn whole past the diagram's top edge; in the acks=1 failover lesson, presented at 1920×1080, the
 * election's replica rows are on screen under the narration.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { labSession } from './labSession.ts';
import { runTo as runToMoment } from './runTo.ts';
import { smallTexts } from './textSizes.ts';
import { lessonSettled, stepLessonTo } from './lessonStep.ts';

const lab = labSession();
let page: Page;

/** How far the page is wider than the window (0: no sideways scroll). */
const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
const box = async (testid: string) => (await page.getByTestId(testid).boundingBox())!;
const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName);

/** Every visible box in the top bar lies within the bar's one line. */
async function barLine(): Promise<{ height: number; outside: string[] }> {
  return page.evaluate(() => {
    const bar = document.querySelector('.topbar')!.getBoundingClientRect();
    const outside = [...document.querySelectorAll('.topbar > *')]
      .filter((el) => el.getBoundingClientRect().height > 1)
      .filter((el) => {
        const r = el.getBoundingClientRect();
        return r.top < bar.top || r.bottom > bar.bottom || r.right > bar.right + 0.5;
      })
      .map((el) => el.getAttribute('data-testid') ?? el.className);
    return { height: bar.height, outside };
  });
}

const runTo = (t: number) => runToMoment(page, t);

describe('the stage’s chrome', () => {
  for (const lang of ['en', 'zh-CN'])
    it(`the top bar is one line at 1280×800 (${lang}); the transport's and the bar's controls are in view, the rest under More`, async () => {
      page = await lab.open(`?lang=${lang}`, { width: 1280, height: 800 });
      const line = await barLine();
      expect(line.outside).toEqual([]);
      expect(line.height).toBeLessThanOrEqual(56);
      for (const id of ['play', 'step', 'step-back', 'clock', 'timeline', 'speed', 'preset', 'lang', 'lessons', 'presenter', 'replay', 'share', 'save-run', 'export', 'more']) expect(await page.getByTestId(id).isVisible(), id).toBe(true);
      // The transport is one line under it.
      expect((await box('timeline')).y).toBeLessThan(line.height + 50);
      const under = ['whatif', 'open-file', 'new-seed', 'start-over', 'embed'];
      for (const id of under) expect(await page.getByTestId(id).isVisible(), id).toBe(false);
      await page.getByTestId('more').click();
      for (const id of under) expect(await page.getByTestId(id).isVisible(), id).toBe(true);
      expect(await page.getByTestId('engine-mode').getAttribute('data-mode')).toBe('worker');
      expect(await overflow()).toBe(0);
      // A click elsewhere closes it.
      await page.locator('.fates h2').click();
      expect(await page.getByTestId('new-seed').isVisible()).toBe(false);
    });

  it('More works from the keyboard: Enter opens it on its first item, arrows move, Esc closes it, and a dialog it opened gives focus back', async () => {
    page = await lab.open('', { width: 1280, height: 800 });
    await page.getByTestId('more').focus();
    await page.keyboard.press('Enter');
    expect(await focused()).toBe('whatif');
    await page.keyboard.press('ArrowDown');
    expect(await focused()).toBe('open-file');
    await page.keyboard.press('ArrowDown');
    expect(await focused()).toBe('new-seed');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    expect(await focused()).toBe('whatif');
    await page.keyboard.press('Escape');
    expect(await page.getByTestId('whatif').isVisible()).toBe(false);
    expect(await focused()).toBe('more');
    await page.keyboard.press('Enter');
    expect(await page.getByTestId('whatif').isVisible()).toBe(true);
    await page.keyboard.press('End');
    expect(await focused()).toBe('embed');
    await page.keyboard.press('Enter');
    await page.getByTestId('embed-dialog').waitFor();
    expect(await page.getByTestId('embed-dialog').isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    await page.getByTestId('embed-dialog').waitFor({ state: 'hidden' });
    await expect.poll(focused).toBe('more');
    expect(await page.getByTestId('embed').isVisible()).toBe(false);
  });

  for (const lang of ['en', 'zh-CN'])
    it(`on a 390×844 phone (${lang}) the cluster and the logs are in view on first load, with no sideways scroll; every control is in the bar or under More`, async () => {
      page = await lab.open(`?lang=${lang}`, { width: 390, height: 844 });
      expect(await page.evaluate(() => scrollY)).toBe(0);
      const line = await barLine();
      expect(line.outside).toEqual([]);
      expect(line.height).toBeLessThanOrEqual(52);
      for (const id of ['play', 'step', 'step-back', 'speed', 'clock', 'timeline', 'preset', 'lessons', 'more', 'lang']) {
        const b = await box(id);
        expect(b.y + b.height, id).toBeLessThanOrEqual(200);
      }
      // The stage: every broker, and all three replica rows of orders-0.
      for (const id of ['broker-b1', 'broker-b2', 'broker-b3']) expect((await box(id)).y + (await box(id)).height, id).toBeLessThanOrEqual(844);
      for (const r of [1, 2, 3]) {
        const row = (await page.getByTestId('partition-orders-0').getByTestId(`replica-${r}`).boundingBox())!;
        expect(row.y + row.height, `replica ${r}`).toBeLessThanOrEqual(844);
      }
      expect(await overflow()).toBe(0);
      await page.getByTestId('more').click();
      for (const id of ['replay', 'whatif', 'open-file', 'new-seed', 'start-over', 'share', 'save-run', 'export', 'embed', 'presenter']) {
        const b = await box(id);
        expect(b.x, id).toBeGreaterThanOrEqual(0);
        expect(b.x + b.width, id).toBeLessThanOrEqual(390);
      }
      expect(await overflow()).toBe(0);
    });

  for (const [width, height] of [
    [1024, 768],
    [1280, 800],
  ])
    it(`with nine brokers and 24 partitions at ${width}×${height}, and in the acks=1 failover, no text is under 12 px`, async () => {
      page = await lab.open('?scenario=large-cluster', { width, height });
      await runTo(7_000);
      // The crashed broker's "not noticed" badge is showing: the smallest text in the diagram.
      await page.getByTestId('unnoticed-badge-b1').waitFor();
      expect(await page.evaluate(smallTexts, 12)).toEqual([]);
      // Each summary row expanded: the replicas' rows and their canvas labels.
      await page.locator('.psum').first().click();
      await page.getByTestId('partition-orders-0').getByTestId('replica-1').waitFor();
      expect(await page.evaluate(smallTexts, 12)).toEqual([]);
      expect(await overflow()).toBe(0);
      await page.close();

      page = await lab.open('?scenario=acks1-failover', { width, height });
      await runTo(14_000);
      expect(await page.evaluate(smallTexts, 12)).toEqual([]);
    });

  for (const [width, height] of [
    [1280, 800],
    [390, 844],
  ])
    it(`a crashed broker's state ring is drawn whole, past the top edge of the diagram (${width}×${height})`, async () => {
      page = await lab.open('?scenario=acks1-failover', { width, height });
      // b1, on the diagram's top row, crashed at 6 s: at 6.5 s its ring stands about 10 units out from the card.
      await runTo(6_500);
      // The diagram catches up with the clock on React's next commit.
      await page.waitForFunction(() => Number(getComputedStyle(document.querySelector('[data-testid=broker-b1] rect.pulse')!).opacity) > 0, undefined, { timeout: 10_000 });
      const svg = (await page.locator('.cluster-svg').boundingBox())!;
      const card = (await page.getByTestId('broker-b1').locator('rect:not(.pulse)').first().boundingBox())!;
      expect(card.y - svg.y).toBeLessThan(10);
      // The strip above the drawing's top edge, over the card: the ring's red shows there.
      const png = await page.screenshot({ clip: { x: card.x - 16, y: svg.y - 12, width: card.width + 32, height: 11 } });
      const red = await page.evaluate(async (b64) => {
        const img = new Image();
        img.src = `data:image/png;base64,${b64}`;
        await img.decode();
        const c = document.createElement('canvas');
        [c.width, c.height] = [img.width, img.height];
        const g = c.getContext('2d')!;
        g.drawImage(img, 0, 0);
        const d = g.getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let i = 0; i < d.length; i += 4) if (d[i] - d[i + 1] > 50 && d[i] - d[i + 2] > 30) n++;
        return n;
      }, png.toString('base64'));
      // A ring 4 px wide along the card's top: well over a hundred red pixels.
      expect(red).toBeGreaterThan(100);
    });

  for (const lang of ['en', 'zh-CN'])
    for (const [scenario, brokers] of [
      ['large-cluster', 9],
      ['acks1-failover', 3],
    ] as const)
      it(`presenter mode at 1920×1080 (${lang}) with ${brokers} brokers (${scenario}): no text under 20 px on screen, the diagram in view`, async () => {
        page = await lab.open(`?scenario=${scenario}&lang=${lang}`, { width: 1920, height: 1080 });
        await runTo(7_000);
        await page.getByTestId('presenter').click();
        await page.waitForFunction(() => document.documentElement.classList.contains('presenter'));
        expect(await page.evaluate(smallTexts, 19.99)).toEqual([]);
        for (let b = 1; b <= brokers; b++) {
          const r = await box(`broker-b${b}`);
          expect(r.y + r.height, `b${b}`).toBeLessThanOrEqual(1080);
        }
        expect(await overflow()).toBe(0);
      });

  it('the acks=1 failover lesson presented at 1920×1080: at the election every replica row of orders-0 and Lost, acknowledged are on screen under the narration', async () => {
    page = await lab.open('?lesson=acks-failover', { width: 1920, height: 1080 });
    await lessonSettled(page, 1);
    await page.getByTestId('lesson-presenter').click();
    await page.getByTestId('speed').selectOption('30');
    await stepLessonTo(page, 4);
    await page.evaluate(() => scrollTo(0, 0));
    const part = page.getByTestId('partition-orders-0');
    expect(await part.getAttribute('data-leader')).toBe('2');
    for (const r of [1, 2, 3]) {
      const row = (await part.getByTestId(`replica-${r}`).boundingBox())!;
      expect(row.y + row.height, `replica ${r}`).toBeLessThanOrEqual(1080);
    }
    const lost = await box('count-lostAcked');
    expect(lost.y + lost.height).toBeLessThanOrEqual(1080);
    expect(Number(await page.getByTestId('count-lostAcked').getAttribute('data-value'))).toBeGreaterThan(0);
    expect(await overflow()).toBe(0);
  });

  it('entering presenter mode mid-run re-draws the diagram without a state ring on brokers whose state did not change; the crashed leader keeps its ring', async () => {
    page = await lab.open('?scenario=acks1-failover', { width: 1920, height: 1080 });
    await runTo(6_500);
    const rings = () =>
      page.evaluate(() =>
        Object.fromEntries([1, 2, 3].map((b) => [b, Number(getComputedStyle(document.querySelector(`[data-testid=broker-b${b}] rect.pulse`)!).opacity)])),
      );
    // b1 crashed at 6 s: a third of the way through its 1.5 s ring. The clock's
    // label follows the store at once and the diagram on React's next commit,
    // so wait for the ring (a busy machine may paint the clock a frame first).
    const ringOn = () => page.waitForFunction(() => Number(getComputedStyle(document.querySelector('[data-testid=broker-b1] rect.pulse')!).opacity) > 0, undefined, { timeout: 10_000 });
    await ringOn();
    await page.getByTestId('presenter').click();
    await page.waitForFunction(() => document.documentElement.classList.contains('presenter'));
    await ringOn();
    const after = await rings();
    expect(after[1]).toBeGreaterThan(0);
    expect([after[2], after[3]]).toEqual([0, 0]);
  });
});
