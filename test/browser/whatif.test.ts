/**
 * The what-if panel in Chromium: a 3×2 matrix of 200 runs per cell on a pool
 * of Web Workers, the progress bar moving, the heatmap drawn, a cell's worst
 * run opened in the lab; and a hostile ?whatif= link refused with a notice.
 */
import { describe, expect, it } from 'vitest';
import { labSession } from './labSession.ts';
import { encodeRequest } from '../../src/whatif/request.ts';

const lab = labSession();

describe('what-if in the browser', () => {
  it('a 3×2 matrix of 200 runs per cell completes with the progress moving, draws the heatmap, and opens a cell in the lab', async () => {
    const page = await lab.open('?scenario=acks1-failover');
    await page.getByTestId('whatif').click();
    await page.getByTestId('whatif-values-0').fill('0, 1, all');
    await page.getByRole('button', { name: /Add a setting/ }).click();
    await page.getByTestId('whatif-key-1').fill('min.insync.replicas');
    await page.getByTestId('whatif-values-1').fill('1, 2');
    await page.getByTestId('whatif-runs').fill('200');
    await page.getByTestId('whatif-run').click();

    const progress = page.getByTestId('whatif-progress');
    await progress.waitFor();
    const value = async () => Number(await progress.getAttribute('value'));
    await expect.poll(value, { timeout: 60_000 }).toBeGreaterThan(0);
    const first = await value();
    expect(Number(await progress.getAttribute('max'))).toBe(1200);
    await expect.poll(async () => (await progress.count()) === 0 || (await value()) > first, { timeout: 60_000 }).toBe(true);

    const heat = page.getByTestId('whatif-heatmap');
    await heat.waitFor({ timeout: 180_000 });
    expect(await heat.locator('thead th code').allTextContents()).toEqual([
      'acks=0, min.insync.replicas=1', 'acks=0, min.insync.replicas=2', 'acks=1, min.insync.replicas=1',
      'acks=1, min.insync.replicas=2', 'acks=all, min.insync.replicas=1', 'acks=all, min.insync.replicas=2',
    ]);
    // Row 1 is "Lost, acknowledged": acks=1 loses in every run of this scenario, acks=all in none.
    const rates = await heat.locator('tbody tr').first().locator('td').evaluateAll((tds) => tds.map((td) => Number((td as HTMLElement).dataset.rate)));
    expect(rates[2]).toBeGreaterThan(0.5);
    expect(rates[4]).toBe(0);
    expect(rates[5]).toBe(0);

    await page.getByTestId('whatif-open-2').click();
    await expect.poll(() => page.getByTestId('whatif-panel').evaluate((d) => (d as HTMLDialogElement).open)).toBe(false);
    await expect.poll(() => page.getByTestId('preset').evaluate((s) => (s as HTMLSelectElement).selectedOptions[0].textContent)).toMatch(/acks=1, min.insync.replicas=1/);
    await page.getByTestId('speed').selectOption('max');
    await page.getByTestId('play').click();
    await page.waitForFunction(`Number(document.querySelector('[data-testid=count-lostAcked]').dataset.value) > 0`, undefined, { timeout: 60_000 });
  }, 300_000);

  it('a hostile or broken ?whatif= link opens the lab with a notice naming what is wrong, and runs nothing', async () => {
    const bad = [
      encodeRequest({ vary: [{ key: '<img src=x onerror=alert(1)>', values: [1] }], faults: { mode: 'scenario' }, runs: 10, seed: 1 }),
      encodeRequest({ vary: [{ key: 'acks', values: [1] }], faults: { mode: 'scenario' }, runs: 10_000_000, seed: 1 }),
      'not-base64!!',
      'A'.repeat(6000), // vite preview itself refuses URLs near 100 kB (431); the lab refuses more than 4000 characters
    ];
    for (const param of bad) {
      const page = await lab.open(`?whatif=${encodeURIComponent(param)}`);
      const notice = page.getByText(/The what-if link was not used/);
      await notice.waitFor();
      expect(await notice.textContent()).toMatch(/vary\[0\]\.key: not a setting|runs:|not a valid encoded request|characters long/);
      expect(await page.getByTestId('whatif-progress').count()).toBe(0);
      await page.close();
    }
  }, 120_000);
});
