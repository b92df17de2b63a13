/**
 * Steps an open lesson forward as a teacher with a clicker does, for the
 * stage's browser tests: PageDown, and on a step that asks for a prediction,
 * a first PageDown that reveals the answer. Functions, not strings, for
 * waitForFunction: a page under a strict CSP forbids eval.
 */
import type { Page } from 'playwright-core';

/** Waits until the lesson shows step `n` (1-based) and waits for nothing more. */
export function lessonSettled(page: Page, n: number, timeout = 60_000): Promise<unknown> {
  return page.waitForFunction(
    (k) => {
      const el = document.querySelector('[data-testid=lesson]') as HTMLElement | null;
      return !!el && el.dataset.step === String(k) && el.dataset.pending === '';
    },
    n,
    { timeout, polling: 50 },
  );
}

/** From the step the lesson is settled on, PageDown to step `to`, each step settled before the next key. */
export async function stepLessonTo(page: Page, to: number): Promise<void> {
  const from = Number(await page.getByTestId('lesson').getAttribute('data-step'));
  for (let i = from + 1; i <= to; i++) {
    if ((await page.locator('[data-testid=prediction][data-revealed=false]').count()) > 0) {
      await page.keyboard.press('PageDown');
      await page.locator('[data-testid=prediction][data-revealed=true]').waitFor();
    }
    await page.keyboard.press('PageDown');
    await lessonSettled(page, i);
  }
}
