/**
 * Brings the lab to an exact simulated moment as a user would: play at full
 * speed past it, pause, then seek the timeline to it. Shared by the stage's
 * browser tests and its screenshot script.
 */
import type { Page } from 'playwright-core';

/** Plays as fast as it goes to at least `t`, pauses, then seeks to exactly `t`. */
export async function runTo(page: Page, t: number): Promise<void> {
  await page.getByTestId('speed').selectOption('-1');
  await page.getByTestId('play').click();
  await page.waitForFunction((x) => Number((document.querySelector('[data-testid=clock]') as HTMLElement).dataset.t) >= x, t, { timeout: 120_000, polling: 50 });
  // At full speed the run may reach its end (and stop by itself) around the click: pause until it shows ▶.
  // Read and click in one task of the page: a separate read then click could see ❚❚, the run end in
  // between, and the click restart play (then it ran ~3 s at max speed past `t`).
  for (let i = 0; ; i++) {
    await page.evaluate(() => {
      const play = document.querySelector('[data-testid=play]') as HTMLButtonElement;
      if (play.textContent?.includes('❚❚')) play.click();
    });
    try {
      await page.waitForFunction(() => !!document.querySelector('[data-testid=play]')?.textContent?.includes('▶'), undefined, { timeout: 3_000 });
      break;
    } catch (e) {
      if (i >= 4) throw e;
    }
  }
  await page.getByTestId('timeline').fill(String(t));
  await page.waitForFunction((x) => Number((document.querySelector('[data-testid=clock]') as HTMLElement).dataset.t) === x, t, { timeout: 120_000, polling: 50 });
}
