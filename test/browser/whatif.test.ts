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
    await page.getByTestId('more').click(); // What if… is under the top bar's More menu
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

  it('in 中文: the panel names the scenario in 中文, shows each rate with its interval, says a refused value in 中文, and a search draws from the ticked fault kinds', async () => {
    const page = await lab.open('?scenario=acks1-failover&lang=zh-CN');
    await page.getByTestId('more').click(); // What if… is under the top bar's More menu
    await page.getByTestId('whatif').click();
    await expect.poll(() => page.locator('.whatif-intro strong').textContent()).toMatch(/已确认/);
    await page.getByTestId('whatif-runs').fill('4');
    await page.getByTestId('whatif-run').click();
    const heat = page.getByTestId('whatif-heatmap');
    await heat.waitFor({ timeout: 120_000 });
    // acks=1 loses in every run: 100%, and its interval under it (4 of 4 still allows about 51%).
    expect(await heat.locator('tbody tr').first().locator('td').first().textContent()).toMatch(/^100%\d+%–100%$/);

    await page.getByTestId('whatif-values-0').fill('1, 2');
    await page.getByTestId('whatif-run').click();
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/producers\[0\]\.config\.acks: 必须是 0、1 或 "all"，实际是 2/);

    await page.getByTestId('whatif-guarantee').selectOption('lostAcked');
    // The search tries the scenario as configured, under random schedules: no setting to vary, and "the scenario's own faults" is not offered.
    await page.getByTestId('whatif-search-config').waitFor();
    expect(await page.getByTestId('whatif-values-0').count()).toBe(0);
    expect(await page.getByTestId('whatif-random').isChecked()).toBe(true);
    await page.getByTestId('whatif-run').click();
    await expect.poll(() => page.getByTestId('whatif-search-result').textContent(), { timeout: 120_000 }).toMatch(/次运行/);
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
