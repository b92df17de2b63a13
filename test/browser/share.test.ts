/**
 * Share links and run files in real Chromium: a link copied after acting
 * (acks=1, the leader crashed) opens in a new page at the same moment with
 * the same counts, leaders and high watermarks; hostile links open the lab
 * with a notice naming what was wrong and run nothing; Save run → Open file…
 * gives back the same run.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { labSession } from './labSession.ts';
import { pack } from '../../src/share/link.ts';
import { readFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { readRunText } from '../../src/share/runFile.ts';
import { toRunRecord } from '../../src/share/runRecord.ts';
import { presetScenario } from '../../src/cli/presetFiles.ts';
import { fatesCsv, replayTo, traceJsonl } from '../../src/share/exportData.ts';

const lab = labSession();

const waitFor = (page: Page, fn: string, timeout = 40_000) => page.waitForFunction(fn, undefined, { timeout, polling: 50 });
const paused = (page: Page) => waitFor(page, `document.querySelector('[data-testid=play]').textContent.includes('Play')`);

/** What a viewer compares: the moment, every count, each partition's leader and HW. */
async function seen(page: Page) {
  return {
    t: await page.getByTestId('clock').getAttribute('data-t'),
    counts: await page.locator('[data-testid^=count-]').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-testid')}=${e.getAttribute('data-value')}`)),
    partitions: await page.locator('[data-testid^=partition-]').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-testid')} leader=${e.getAttribute('data-leader')} hw=${e.getAttribute('data-hw')}`)),
  };
}

/** acks=1, play past 5 s, pause, crash the leader, play on until an acknowledged record is lost, pause. */
async function act(page: Page) {
  await page.getByTestId('speed').selectOption('10');
  await page.getByTestId('play').click();
  await page.getByTestId('p1-acks').selectOption('1');
  await expect.poll(() => page.getByTestId('producer-p1').textContent()).toContain('acks=1');
  await waitFor(page, `Number(document.querySelector('[data-testid=clock]').dataset.t) > 5000`);
  await page.getByTestId('play').click();
  await paused(page);
  await page.getByTestId('crash-leader-orders-0').click();
  await page.locator('[data-testid=broker-b1][data-status=crashed]').waitFor();
  await page.getByTestId('play').click();
  await waitFor(page, `Number(document.querySelector('[data-testid=clock]').dataset.t) > 12000`);
  await page.getByTestId('play').click();
  await paused(page);
}

const nothingRan = (page: Page) => page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned === undefined && document.querySelectorAll('script:not([type=module]), img[src=x]').length === 0);

describe('share links', () => {
  it('a copied link opens the same run at the same moment: counts, leaders, HW', async () => {
    const page = await lab.open('', { width: 1280, height: 800 }, { permissions: ['clipboard-read', 'clipboard-write'] });
    await act(page);
    const before = await seen(page);
    expect(before.counts).toContain('count-acked=' + (await page.getByTestId('count-acked').getAttribute('data-value')));
    await page.getByTestId('share').click();
    await expect.poll(() => page.getByTestId('notice-info').last().textContent()).toContain('Link copied');
    const link = await page.evaluate(() => navigator.clipboard.readText());
    expect(link).toMatch(/[?&]scenario=first-look&seed=\d+&t=\d+&log=/);
    // The address bar holds the same run (replaceState, throttled).
    await expect.poll(() => page.evaluate(() => location.href)).toBe(link);
    await page.close();

    const again = await lab.open(link.slice(link.indexOf('?')));
    await waitFor(again, `document.querySelector('[data-testid=clock]').dataset.t === '${before.t}'`);
    await expect.poll(() => seen(again)).toEqual(before);
    expect(await again.getByTestId('broker-b1').getAttribute('data-status')).toBe('crashed');
    expect(await again.getByTestId('notice-error').count()).toBe(0);

    // Replay replays the whole run, the user's fault included: at the same moment the same counts.
    await again.getByTestId('replay').click();
    await waitFor(again, `document.querySelector('[data-testid=clock]').dataset.t === '0'`);
    await again.getByTestId('speed').selectOption('10');
    await again.getByTestId('play').click();
    await waitFor(again, `Number(document.querySelector('[data-testid=clock]').dataset.t) > 13000`);
    await again.getByTestId('play').click();
    await paused(again);
    expect(await again.getByTestId('broker-b1').getAttribute('data-status')).toBe('crashed');
  }, 180_000);

  const packed = (x: unknown) => pack(JSON.stringify(x));
  const RUN = { kafkaLab: 'run', version: 1, scenario: { preset: 'first-look' }, seed: 1, log: [], t: 0 };
  const SCRIPT = '<script>window.__pwned=1</script>';
  const IMG = '<img src=x onerror="window.__pwned=1">';
  const HOSTILE: [string, () => Promise<string> | string][] = [
    ['bad base64', () => 'run=%%%%'],
    ['not deflate', () => 'run=SGVsbG8gd29ybGQ'],
    ['truncated compression', async () => `run=${(await packed(RUN)).slice(0, 12)}`],
    // 100 kB links: their own test below (a server answers 431 before any page loads).
    ['a 14 kB parameter', () => `run=${'A'.repeat(14 * 1024)}`],
    ['a zip bomb', async () => `run=${await pack(' '.repeat(2 * 1024 * 1024))}`],
    ['bad JSON', async () => `run=${await pack('{"kafkaLab": "run",')}`],
    ['not a run', async () => `run=${await packed({ name: 'x' })}`],
    ['wrong version', async () => `run=${await packed({ ...RUN, version: 2 })}`],
    ['unknown key', async () => `run=${await packed({ ...RUN, onload: SCRIPT })}`],
    ['prototype key', async () => `run=${await pack('{"kafkaLab":"run","version":1,"scenario":{"preset":"first-look"},"seed":1,"log":[],"t":0,"__proto__":{"polluted":1}}')}`],
    ['<script> as a topic name', async () => `run=${await packed({ ...RUN, scenario: { topics: [{ name: SCRIPT, partitions: 1, 'replication.factor': 1 }] } })}`],
    ['<img onerror> as a scenario name… and a bad broker', async () => `run=${await packed({ ...RUN, scenario: { name: IMG, cluster: { brokers: 99 } } })}`],
    ['<script> as the preset', () => `scenario=${encodeURIComponent(SCRIPT)}&seed=1`],
    ['<img> as the lesson', () => `scenario=first-look&seed=1&lesson=${encodeURIComponent(IMG)}`],
    ['an unknown preset', () => 'scenario=no-such-thing&seed=1'],
    ['negative seed', () => 'scenario=first-look&seed=-5'],
    ['seed out of range', () => 'scenario=first-look&seed=4294967296'],
    ['time out of range', () => 'scenario=first-look&seed=1&t=99999999999'],
    ['time as an expression', () => 'scenario=first-look&seed=1&t=alert(1)'],
    ['presenter not 0/1', () => 'scenario=first-look&seed=1&presenter=javascript:alert(1)'],
    ['two seeds', () => 'scenario=first-look&seed=1&seed=2'],
    ['a fault of an unknown type', async () => `scenario=first-look&seed=1&log=${await packed([{ t: 1, fault: { type: 'eval', code: SCRIPT } }])}`],
    ['a fault on broker 9', async () => `scenario=first-look&seed=1&log=${await packed([{ t: 1, fault: { type: 'crash', broker: 9 } }])}`],
    ['a log out of order', async () => `scenario=first-look&seed=1&log=${await packed([{ t: 5, fault: { type: 'heal' } }, { t: 1, fault: { type: 'heal' } }])}`],
    ['a change Kafka refuses', async () => `scenario=first-look&seed=1&log=${await packed([{ t: 1, change: { scope: 'producer', producer: 'p1', key: 'acks', value: SCRIPT } }])}`],
  ];

  it(`opens the lab with a clear notice for each of ${HOSTILE.length} hostile links, running nothing`, async () => {
    expect(HOSTILE.length).toBeGreaterThanOrEqual(20);
    for (const [what, query] of HOSTILE) {
      const page = await lab.open(`?${await query()}`);
      // The lab's own reading of ?lesson may add its notice too: the link's is the one looked for.
      const notice = page.getByTestId('notice-error').filter({ hasText: 'This link could not be opened' }).first();
      await expect.poll(() => notice.count(), { message: what }).toBe(1);
      const text = (await notice.textContent()) ?? '';
      expect(text, what).not.toMatch(/\n\s+at |Error:|share\.problem\.|problem\./);
      expect(await nothingRan(page), what).toBe(true);
      // The lab works: playing moves the clock.
      const t0 = Number(await page.getByTestId('clock').getAttribute('data-t'));
      await page.getByTestId('play').click();
      await waitFor(page, `Number(document.querySelector('[data-testid=clock]').dataset.t) > ${t0}`, 10_000).catch(async () => {
        throw new Error(`${what}: the lab did not step; notices: ${await page.locator('[data-testid^=notice]').allTextContents()}`);
      });
      await page.close();
    }
  }, 300_000);

  it('a 100 kB link (as a chat or a mail client hands it over) opens the lab with the clear "too long" notice, running nothing', async () => {
    // An HTTP server refuses a 100 kB request line (431) before any page loads, so the page itself is
    // answered here, as a cache or a service worker would: the lab's own code then reads the whole link.
    const page = await lab.open('');
    const base = page.url().split('?')[0];
    const html = await (await page.request.get(base)).text();
    await page.route((u) => u.search.length > 50_000, (r) => r.fulfill({ status: 200, contentType: 'text/html', body: html }));
    for (const query of [`run=${'A'.repeat(100 * 1024)}`, `scenario=first-look&seed=1&log=${'x'.repeat(100 * 1024)}`]) {
      await page.goto(`${base}?${query}`);
      expect(await page.evaluate(() => location.search.length)).toBeGreaterThan(100 * 1024);
      const notice = page.getByTestId('notice-error').filter({ hasText: 'This link could not be opened' }).first();
      await notice.waitFor({ timeout: 30_000 });
      expect(await notice.textContent()).toMatch(/is too long for a link \(10\d{4} characters; at most \d+\): save a run file instead/);
      expect(await nothingRan(page)).toBe(true);
      await page.getByTestId('play').click();
      await waitFor(page, `Number(document.querySelector('[data-testid=clock]').dataset.t) > 0`, 10_000);
    }
    await page.close();
  });

  it('Save run, then Open file… in a new page: the same run at the same moment', async () => {
    const page = await lab.open();
    await act(page);
    const before = await seen(page);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('save-run').click()]);
    const text = readFileSync(await download.path(), 'utf8');
    const run = JSON.parse(text);
    expect(run).toMatchObject({ kafkaLab: 'run', version: 1, scenario: { preset: 'first-look' }, t: Number(before.t) });
    expect(run.log.map((e: { fault?: { type: string }; change?: { key: string } }) => e.fault?.type ?? e.change?.key)).toEqual(['acks', 'crash']);
    await page.close();

    const fresh = await lab.open();
    await fresh.locator('input[type=file]').setInputFiles({ name: 'run.json', mimeType: 'application/json', buffer: Buffer.from(text) });
    await waitFor(fresh, `document.querySelector('[data-testid=clock]').dataset.t === '${before.t}'`);
    await expect.poll(() => seen(fresh)).toEqual(before);
    expect(await fresh.getByTestId('notice-error').count()).toBe(0);
  }, 180_000);

  it('Export gives the run file, the fates and the trace as the CLI writes them, and the stage as SVG and PNG', async () => {
    const page = await lab.open();
    await act(page);
    const get = async (what: string) => {
      await page.getByTestId('export').click();
      const [d] = await Promise.all([page.waitForEvent('download'), page.getByTestId(`export-${what}`).click()]);
      return { name: d.suggestedFilename(), bytes: readFileSync(await d.path()) };
    };
    const run = await get('run');
    expect(run.name).toBe('first-look-run.json');
    const parsed = readRunText(run.bytes.toString('utf8'));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const rec = toRunRecord(parsed.value, presetScenario);
    if (!rec.ok) throw new Error(rec.problem.code);
    // The same run replayed in Node gives the same bytes.
    const ctx = replayTo(rec.value, parsed.value.t);
    const fates = await get('fates');
    expect(fates.bytes.toString('utf8')).toBe(fatesCsv(ctx));
    const lines = fates.bytes.toString('utf8').trim().split('\n');
    expect(lines[0]).toBe('message,producer,key,partition,sent_ms,fate');
    expect(lines.length - 1).toBe(Number(await page.getByTestId('count-produced').getAttribute('data-value')));
    const trace = await get('trace');
    expect(trace.bytes.toString('utf8')).toBe(traceJsonl(ctx));
    expect(JSON.parse(trace.bytes.toString('utf8').split('\n')[0])).toMatchObject({ t: expect.any(Number), type: expect.any(String) });
    const svg = await get('svg');
    expect(svg.name).toBe('first-look-stage.svg');
    const svgText = svg.bytes.toString('utf8');
    expect(svgText).toMatch(/^<\?xml/);
    expect(svgText).toContain('<image');
    expect(svgText).toContain('orders-0');
    const png = await get('png');
    expect([...png.bytes.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(png.bytes.length).toBeGreaterThan(20_000);
    if (process.env.SHOTS) {
      const dir = join(import.meta.dirname, '../../shots');
      mkdirSync(dir, { recursive: true });
      await import('node:fs').then((fs) => (fs.writeFileSync(join(dir, 'stage.svg'), svg.bytes), fs.writeFileSync(join(dir, 'stage.png'), png.bytes)));
    }
  }, 180_000);

  it.runIf(process.env.SHOTS)('screenshots of Share and Export (1280×800, 390×844; en and 中文)', async () => {
    const dir = join(import.meta.dirname, '../../shots');
    mkdirSync(dir, { recursive: true });
    for (const [w, h] of [[1280, 800], [390, 844]]) {
      for (const lang of ['en', 'zh-CN']) {
        const page = await lab.open(`?lang=${lang}`, { width: w, height: h });
        // Under 1280 px Share, Save run and Export are under the top bar's More menu.
        if (w < 1280) await page.getByTestId('more').click();
        await page.getByTestId('export').click();
        await page.screenshot({ path: join(dir, `export-${w}-${lang}.png`) });
        await page.getByTestId('export').click();
        // Where copying is not allowed, the link shows selected in a field.
        await page.evaluate(() => Object.defineProperty(navigator, 'clipboard', { value: { writeText: () => Promise.reject(new Error('denied')) } }));
        await page.getByTestId('share').click();
        await page.getByTestId('share-link').waitFor();
        await page.screenshot({ path: join(dir, `share-${w}-${lang}.png`) });
        await page.close();
      }
    }
  }, 180_000);
});
