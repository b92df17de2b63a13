/**
 * Worker supervision in real Chromium: the engine's worker is terminated in
 * the middle of a run (the test hook of ?debug=engine, a window event that
 * ends the engine as a crash would), and the lab says so and rebuilds the run
 * from its command log in a new worker: the same clock, counts, leaders and
 * crashed broker, and it plays on.
 */
import { describe, expect, it } from 'vitest';
import { labSession } from './labSession.ts';

const lab = labSession();

describe('worker supervision', () => {
  it('a worker terminated mid-run is replaced and the run rebuilt with the same clock, counts, leaders and faults', async () => {
    const page = await lab.open('?debug=engine');
    expect(await page.getByTestId('engine-mode').getAttribute('data-mode')).toBe('worker');
    const waitFor = (fn: string) => page.waitForFunction(fn, undefined, { timeout: 40_000, polling: 50 });
    const clock = async () => Number(await page.getByTestId('clock').getAttribute('data-t'));
    await page.getByTestId('speed').selectOption('10');
    await page.getByTestId('play').click();
    await waitFor(`Number(document.querySelector('[data-testid=clock]').dataset.t) > 4000`);
    // A fault the user gave: it must survive the rebuild (it is in the command log).
    await page.getByTestId('crash-leader-orders-0').click();
    await page.locator('[data-testid=broker-b1][data-status=crashed]').waitFor();
    await waitFor(`Number(document.querySelector('[data-testid=clock]').dataset.t) > 9000`);
    await page.getByTestId('play').click();
    await waitFor(`document.querySelector('[data-testid=play]').textContent.includes('Play')`);

    const state = async () => ({
      t: await clock(),
      leader: await page.getByTestId('partition-orders-0').getAttribute('data-leader'),
      b1: await page.getByTestId('broker-b1').getAttribute('data-status'),
      counts: await page.$$eval('[data-testid^=count-]', (els) => els.map((e) => `${e.getAttribute('data-testid')}=${e.getAttribute('data-value')}`).join(' ')),
    });
    const before = await state();
    expect(before.b1).toBe('crashed');

    await page.evaluate(() => window.dispatchEvent(new Event('kafka-lab:kill-engine')));
    await page.getByTestId('notice-info').filter({ hasText: 'rebuilt' }).waitFor();
    await waitFor(`document.querySelector('[data-testid=engine-mode]').dataset.mode === 'worker'`);
    await expect.poll(state, { timeout: 20_000 }).toEqual(before);

    // And it plays on from there.
    await page.getByTestId('play').click();
    await waitFor(`Number(document.querySelector('[data-testid=clock]').dataset.t) > ${before.t + 1000}`);
  });
});
