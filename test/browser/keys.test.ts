/**
 * The keymap as a teacher with a presentation clicker meets it, in real
 * Chromium: clicker keys step a lesson whatever has focus and never change a
 * focused control's value; "b" blanks the screen and any key brings it back;
 * Space plays or pauses and never re-fires the button clicked last; presenter
 * mode (P, anywhere) shows no text under 20 px at 1920×1080 in either
 * language; Step back goes to the previous event, not one second back; + and
 * − on a focused log zoom it and leave the speed alone.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { labSession } from './labSession.ts';
import { runTo } from './runTo.ts';
import { parseScenario } from '../../src/engine/scenario/scenario.ts';
import { Simulation } from '../../src/engine/sim/simulation.ts';
import { withSpareMembers } from '../../src/engine/config/liveConfig.ts';
import { FIRST_LOOK } from '../../src/state/defaultScenario.ts';
import { traceEvents } from '../../src/engine/core/traceLog.ts';

/** The first look run headless to `t` (the browser's run without user actions is the same, byte for byte): its last event before `t`. */
function previousEventTime(t: number): number {
  const sim = new Simulation(parseScenario(withSpareMembers(structuredClone(FIRST_LOOK))));
  sim.runUntil(t);
  return Math.max(0, ...traceEvents(sim.ctx.trace).filter((e) => e.t < t).map((e) => e.t));
}

const lab = labSession();
let page: Page;

const settled = (n: number) => page.waitForFunction((k) => { const el = document.querySelector('[data-testid=lesson]') as HTMLElement | null; return !!el && el.dataset.step === String(k) && el.dataset.pending === ''; }, n, { timeout: 60_000, polling: 50 });
const step = async () => Number(await page.getByTestId('lesson').getAttribute('data-step'));
const clock = async () => Number(await page.getByTestId('clock').getAttribute('data-t'));
const waitFor = (fn: string, timeout = 40_000) => page.waitForFunction(fn, undefined, { timeout, polling: 50 });

/** Every visible text's size on screen: CSS size times the zoom for HTML, times the SVG's scale for SVG text. */
function visibleTextSizes(): { px: number; text: string }[] {
  const out: { px: number; text: string }[] = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    const text = n.textContent?.trim();
    if (!el || !text) continue;
    const r = document.createRange();
    r.selectNodeContents(n);
    const box = r.getBoundingClientRect();
    if (box.width < 1 || box.height < 1 || box.bottom < 0 || box.top > innerHeight) continue;
    const cs = getComputedStyle(el);
    if (cs.visibility === 'hidden' || el.closest('[aria-hidden=true], .visually-hidden')) continue;
    let px = parseFloat(cs.fontSize) * (el as HTMLElement & { currentCSSZoom?: number }).currentCSSZoom!;
    if (el instanceof SVGElement) {
      const m = (el as unknown as SVGGraphicsElement).getScreenCTM();
      px = parseFloat(cs.fontSize) * (m ? Math.hypot(m.a, m.b) : 1);
    }
    out.push({ px: Math.round(px * 10) / 10, text: text.slice(0, 40) });
  }
  return out;
}

describe('keys and presenter mode', () => {
  it('clicker keys step a lesson while the Speed <select> has focus, without changing it; then after presenter mode was ticked with the mouse', async () => {
    page = await lab.open('?lesson=replication-basics');
    await settled(1);
    const speed = page.getByTestId('speed');
    await speed.selectOption('30');
    await speed.focus();
    await page.keyboard.press('PageDown');
    await settled(2);
    expect(await speed.inputValue()).toBe('30');
    await page.keyboard.press('ArrowRight');
    await settled(3);
    await page.keyboard.press('PageUp');
    await settled(2);
    expect(await speed.inputValue()).toBe('30');
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.testid)).toBe('speed');

    // Ticked with the mouse: focus is on the checkbox, and the clicker still drives the lesson.
    await page.getByTestId('lesson-presenter').click();
    expect(await page.evaluate(() => document.documentElement.classList.contains('presenter'))).toBe(true);
    await page.keyboard.press('ArrowRight');
    await settled(3);
    // Step 3 asks for a prediction: the first PageDown reveals the answer, the next moves on.
    await page.keyboard.press('PageDown');
    await page.locator('[data-testid=prediction][data-revealed=true]').waitFor();
    await page.keyboard.press('PageDown');
    await settled(4);
    await page.keyboard.press('ArrowLeft');
    await settled(3);
    expect(await page.getByTestId('lesson-presenter').isChecked()).toBe(true);

    // "b" blanks the screen; any key brings it back without acting.
    await page.keyboard.press('b');
    await page.getByTestId('blank').waitFor();
    await page.keyboard.press('PageDown');
    expect(await page.getByTestId('blank').count()).toBe(0);
    expect(await step()).toBe(3);
    await page.keyboard.press('.');
    await page.getByTestId('blank').waitFor();
    await page.keyboard.press('x');
    expect(await page.getByTestId('blank').count()).toBe(0);

    // Esc leaves presenter mode, F5 starts it (and does not reload the page).
    await page.keyboard.press('Escape');
    expect(await page.evaluate(() => document.documentElement.classList.contains('presenter'))).toBe(false);
    await page.keyboard.press('F5');
    expect(await page.evaluate(() => document.documentElement.classList.contains('presenter'))).toBe(true);
    expect(await step()).toBe(3);
  }, 120_000); // six lesson moves played at 30×: slow when the machine is shared

  it('clicker keys step a lesson while the acks <select> has focus: acks is never changed (the producer is not restarted)', async () => {
    page = await lab.open('?lesson=replication-basics');
    await settled(1);
    const acks = page.getByTestId('p1-acks');
    const before = await acks.inputValue();
    const restarts = await page.locator('.notice').count();
    await acks.focus();
    await page.keyboard.press('PageDown');
    await settled(2);
    await page.keyboard.press('PageUp');
    await settled(1);
    await page.keyboard.press('ArrowRight');
    await settled(2);
    await page.keyboard.press('ArrowLeft');
    await settled(1);
    expect(await acks.inputValue()).toBe(before);
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.testid)).toBe('p1-acks');
    // No "config applied" notice: nothing was changed.
    expect(await page.locator('.notice').count()).toBe(restarts);
    // "b" from the select blanks the screen too, and any key brings it back without stepping.
    await page.keyboard.press('b');
    await page.getByTestId('blank').waitFor();
    await page.keyboard.press('ArrowRight');
    expect(await page.getByTestId('blank').count()).toBe(0);
    expect(await step()).toBe(1);
    expect(await acks.inputValue()).toBe(before);
  });

  it('Space after clicking Crash plays or pauses; it does not crash the new leader', async () => {
    page = await lab.open();
    await page.getByTestId('speed').selectOption('10');
    await page.getByTestId('play').click();
    await waitFor(`Number(document.querySelector('[data-testid=clock]').dataset.t) > 3000`);
    await page.getByTestId('crash-leader-orders-0').click();
    await page.locator('[data-testid=broker-b1][data-status=crashed]').waitFor();
    // Wait for the election, then press Space with the Crash button still focused.
    await waitFor(`document.querySelector('[data-testid=partition-orders-0]').dataset.leader === '2'`);
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.testid)).toBe('crash-leader-orders-0');
    await page.keyboard.press('Space');
    await waitFor(`document.querySelector('[data-testid=play]').textContent.includes('Play')`);
    await page.keyboard.press('Space');
    await waitFor(`document.querySelector('[data-testid=play]').textContent.includes('Pause')`);
    await page.keyboard.press('Space');
    expect(await page.locator('[data-testid^=broker-b][data-status=crashed]').count()).toBe(1);
    expect(await page.getByTestId('broker-b2').getAttribute('data-status')).toBe('running');
    expect(await page.getByTestId('partition-orders-0').getAttribute('data-leader')).toBe('2');
  });

  it('+ and − on a focused log zoom it, as its hint says; they do not change the speed', async () => {
    page = await lab.open('?scenario=acks1-failover', { width: 1280, height: 800 });
    await runTo(page, 13_250);
    await page.getByTestId('speed').selectOption('1');
    const part = page.getByTestId('partition-orders-0');
    const span = async () => Number(await part.getAttribute('data-to')) - Number(await part.getAttribute('data-from'));
    const wide = await span();
    await part.getByTestId('replica-2').locator('canvas[tabindex]').focus();
    await page.keyboard.press('+');
    await page.keyboard.press('+');
    await page.waitForFunction((w) => { const el = document.querySelector('[data-testid=partition-orders-0]') as HTMLElement; return Number(el.dataset.to) - Number(el.dataset.from) < w; }, wide, { timeout: 5_000, polling: 50 });
    const zoomed = await span();
    expect(await page.getByTestId('speed').inputValue()).toBe('1');
    await page.keyboard.press('-');
    await page.waitForFunction((w) => { const el = document.querySelector('[data-testid=partition-orders-0]') as HTMLElement; return Number(el.dataset.to) - Number(el.dataset.from) > w; }, zoomed, { timeout: 5_000, polling: 50 });
    expect(await page.getByTestId('speed').inputValue()).toBe('1');
  });

  it('Step back goes to the previous event, not a second back; ← does the same without a lesson', async () => {
    page = await lab.open();
    await page.getByTestId('speed').selectOption('10');
    await page.getByTestId('play').click();
    await waitFor(`Number(document.querySelector('[data-testid=clock]').dataset.t) > 3000`);
    await page.getByTestId('play').click();
    await waitFor(`document.querySelector('[data-testid=play]').textContent.includes('Play')`);
    const t0 = await clock();
    await page.getByTestId('step-back').click();
    await waitFor(`Number(document.querySelector('[data-testid=clock]').dataset.t) < ${t0}`);
    const t1 = await clock();
    expect(t1).toBe(previousEventTime(t0));
    await page.keyboard.press('ArrowLeft');
    await waitFor(`Number(document.querySelector('[data-testid=clock]').dataset.t) < ${t1}`);
    expect(await clock()).toBe(previousEventTime(t1));
    const t2 = await clock();
    await page.keyboard.press('ArrowRight');
    await waitFor(`Number(document.querySelector('[data-testid=clock]').dataset.t) > ${t2}`);
  });

  for (const lang of ['en', 'zh-CN']) {
    it(`presenter mode (P, outside any lesson) at 1920×1080 in ${lang}: no visible text under 20 px, secondary chrome hidden`, async () => {
      page = await lab.open(`?lang=${lang}`, { width: 1920, height: 1080 });
      await page.getByTestId('speed').selectOption('10');
      await page.getByTestId('play').click();
      await waitFor(`Number(document.querySelector('[data-testid=clock]').dataset.t) > 2000`);
      await page.keyboard.press('p');
      expect(await page.evaluate(() => document.documentElement.classList.contains('presenter'))).toBe(true);
      expect(await page.locator('.panel.actions').isVisible()).toBe(false);
      expect(await page.locator('footer.keys').isVisible()).toBe(false);
      // What a class does not need on the projector: file and sharing tools.
      for (const id of ['open-file', 'new-seed', 'whatif', 'share', 'save-run', 'export', 'embed']) expect([id, await page.getByTestId(id).isVisible()]).toEqual([id, false]);
      const sizes = await page.evaluate(visibleTextSizes);
      expect(sizes.length).toBeGreaterThan(30);
      expect(sizes.filter((s) => s.px < 20)).toEqual([]);

      // And in a lesson, opened from the menu with the keyboard focus moving into its band.
      await page.getByTestId('lessons').click();
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await settled(1);
      expect(await page.evaluate(() => !!document.activeElement?.closest('[data-testid=lesson]'))).toBe(true);
      const inLesson = await page.evaluate(visibleTextSizes);
      expect(inLesson.filter((s) => s.px < 20)).toEqual([]);
    });
  }
});
