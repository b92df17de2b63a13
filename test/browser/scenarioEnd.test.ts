/**
 * In Chromium, as a learner plays a scenario: at the fastest speeds the run
 * pauses at the scenario's `until` and the clock never shows a time past it;
 * a bundled example with a static consumer group opens and plays to its end.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { labSession } from './labSession.ts';

const lab = labSession();

/** Every time the clock showed, from Play until the run paused by itself. */
async function playAndWatch(page: Page, speed: string): Promise<number[]> {
  await page.getByTestId('speed').selectOption(speed);
  await page.evaluate(() => {
    const clock = document.querySelector('[data-testid=clock]') as HTMLElement;
    const w = window as unknown as { shown: number[] };
    w.shown = [];
    new MutationObserver(() => w.shown.push(Number(clock.dataset.t))).observe(clock, { attributes: true, attributeFilter: ['data-t'] });
  });
  await page.getByTestId('play').click();
  await page.waitForFunction(() => Number((document.querySelector('[data-testid=clock]') as HTMLElement).dataset.t) > 0, undefined, { timeout: 30_000 });
  await page.waitForFunction(() => !!document.querySelector('[data-testid=play]')?.textContent?.includes('▶'), undefined, { timeout: 60_000 });
  return page.evaluate(() => (window as unknown as { shown: number[] }).shown);
}

describe("the scenario's end in the lab", () => {
  for (const [speed, label] of [
    ['100', '100×'],
    ['-1', 'maximum speed'],
  ] as const) {
    it(`at ${label} acks0-loss pauses at its until (20 s) and the clock never shows a later time`, async () => {
      const page = await lab.open('?scenario=acks0-loss');
      // Before play the clock says where the run ends (it once read "0 ms / 0 ms").
      await expect.poll(() => page.getByTestId('clock').textContent()).toBe('0 ms / 20.00 s');
      const shown = await playAndWatch(page, speed);
      expect(shown.length).toBeGreaterThan(0);
      expect(Math.max(...shown)).toBe(20_000);
      expect(await page.getByTestId('clock').getAttribute('data-t')).toBe('20000');
      await expect.poll(() => page.getByTestId('clock').textContent()).toContain('20.00 s / 20.00 s');
    });
  }

  it('the static-membership example opens with its cluster and plays to its end with no error notice (its spare member once copied c1\'s group.instance.id)', async () => {
    const page = await lab.open('?scenario=static-membership');
    await page.getByTestId('broker-b1').waitFor();
    expect(await page.locator('[data-testid=notice-error]').count()).toBe(0);
    const shown = await playAndWatch(page, '-1');
    expect(Math.max(...shown)).toBe(60_000);
    expect(await page.locator('[data-testid=notice-error]').count()).toBe(0);
  });
});
