/**
 * The documentation widget, served under
 * `Content-Security-Policy: default-src 'self'; worker-src 'none'` (so every
 * widget runs its engine on the main thread): on the example page the acks=1
 * and acks=all widgets play independently to different outcomes and answer
 * getFates; the page makes no request outside the lab's own files and adds no
 * <style>; a widget reflows into 320×240 and 800×450 without overflow; a
 * malformed postMessage is ignored with a warning naming it and the widget
 * keeps working; the example's side-by-side widgets cut no panel off at
 * their bottom (the logs show only where `controls` names them, or by
 * default); axe finds no serious or critical violation on the example
 * page; the lab's Embed button gives snippets that open the same scenario.
 * Any console error fails a test, except the browser's own report that the
 * page's CSP blocked the worker (the widget then falls back, which is what is tested).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { CHROMIUM_ARGS, findChromium, serveApp } from './serve.ts';
import { EN } from '../../src/i18n/catalogEn.ts';

const CSP = "default-src 'self'; worker-src 'none'";
const WORKER_BLOCKED = /^Creating a worker from '[^']*' violates the following Content Security Policy directive: "worker-src 'none'"/;
let app: Awaited<ReturnType<typeof serveApp>>;
let browser: Browser;
let page: Page | undefined;
let problems: string[] = [];
let warnings: string[] = [];
let foreign: string[] = [];

beforeAll(async () => {
  const executablePath = findChromium();
  app = await serveApp({ headers: { 'Content-Security-Policy': CSP } });
  browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});
afterEach(async () => {
  await page?.close();
  page = undefined;
  expect(problems).toEqual([]);
  expect(foreign).toEqual([]);
});

async function open(path: string, viewport = { width: 1280, height: 800 }): Promise<Page> {
  problems = [];
  warnings = [];
  foreign = [];
  const context = await browser.newContext({ viewport });
  const p = await context.newPage();
  p.once('close', () => void context.close().catch(() => undefined));
  page = p;
  p.on('console', (m) => {
    if (m.type() === 'warning') warnings.push(m.text());
    if (m.type() === 'error' && !WORKER_BLOCKED.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  p.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  p.on('request', (r) => {
    if (!r.url().startsWith(app.url)) foreign.push(r.url());
  });
  await p.goto(app.url + path);
  return p;
}

type Fates = { produced: number; acked: number; lostAcked: number; duplicated: number };
const clockOf = (p: Page, id: string) => p.locator(`#${id} [data-testid=clock]`);
const tOf = async (p: Page, id: string) => Number(await clockOf(p, id).getAttribute('data-t'));
const waitT = (p: Page, id: string, t: number) =>
  p.waitForFunction(([sel, x]) => Number(document.querySelector<HTMLElement>(sel as string)?.shadowRoot?.querySelector<HTMLElement>('[data-testid=clock]')?.dataset.t) >= (x as number), [`#${id}`, t], { timeout: 60_000, polling: 100 });
const call = (p: Page, id: string, method: 'getFates' | 'getState') => p.evaluate(([i, m]) => (document.getElementById(i) as unknown as Record<string, () => Promise<unknown>>)[m](), [id, method] as const);

describe('the documentation widget under a strict CSP without workers', () => {
  it('plays the acks=1 and acks=all widgets independently to different outcomes, and getFates answers', async () => {
    const p = await open('embed/example.html');
    const res = await p.request.get(p.url());
    expect(res.headers()['content-security-policy']).toBe(CSP);
    await clockOf(p, 'acks1').waitFor();
    await clockOf(p, 'acksall').waitFor();
    // Only the first one plays: the second stays at 0.
    await p.locator('#acks1 [data-testid=play]').click();
    await waitT(p, 'acks1', 2000);
    expect(await tOf(p, 'acksall')).toBe(0);
    await p.locator('#acksall [data-testid=play]').click();
    // Both past the old leader's return (20 s) and the scenario's end (30 s).
    await waitT(p, 'acks1', 30_000);
    await waitT(p, 'acksall', 30_000);
    const one = (await call(p, 'acks1', 'getFates')) as Fates;
    const all = (await call(p, 'acksall', 'getFates')) as Fates;
    expect(one.lostAcked).toBeGreaterThan(0);
    expect(all.lostAcked).toBe(0);
    expect(all.duplicated).toBe(0);
    // What the fates panel shows is what getFates says.
    expect(Number(await p.locator('#acks1 [data-testid=count-lostAcked]').getAttribute('data-value'))).toBe(one.lostAcked);
    const state = (await call(p, 'acks1', 'getState')) as { engine: string; preset: string; partitions: { name: string; leader: number }[] };
    expect(state.engine).toBe('main-thread');
    expect(state.preset).toBe('acks1-failover');
    expect(state.partitions[0].name).toBe('orders-0');
    // The iframe widget, driven from the page through postMessage.
    await p.frameLocator('#driven').getByTestId('clock').waitFor();
    await p.getByRole('button', { name: 'Play' }).first().waitFor();
    await p.locator('[data-method=play]').click();
    await p.frameLocator('#driven').locator('[data-testid=clock]:not([data-t="0"])').waitFor({ timeout: 30_000 });
    await p.locator('[data-method=getFates]').click();
    await p.locator('[data-testid=api-answer][data-acked]').waitFor({ timeout: 20_000 });
    expect(await p.getByTestId('api-answer').textContent()).toMatch(/^getFates → sent \d+, acknowledged \d+/);
    // Nothing was injected into the host page.
    expect(await p.locator('style').count()).toBe(0);
  });

  it('the example page\'s side-by-side widgets show their cluster and fates whole, with no panel cut off at the bottom; the logs show where controls name them, or by default', async () => {
    const p = await open('embed/example.html');
    for (const id of ['acks1', 'acksall']) {
      await p.locator(`#${id} [data-testid=broker-b1]`).waitFor();
      await p.locator(`#${id} [data-testid=count-lostAcked]`).waitFor();
      const box = await p.evaluate((i) => {
        const main = document.getElementById(i)!.shadowRoot!.querySelector<HTMLElement>('.w-main')!;
        const bottom = main.getBoundingClientRect().bottom;
        // Each panel in the main area, and how far below the visible box it ends.
        const cut = [...main.querySelectorAll<HTMLElement>('section, .panel')].filter((el) => el.getBoundingClientRect().bottom > bottom + 1).map((el) => el.querySelector('h2')?.textContent ?? el.className);
        return { cut, logs: main.querySelectorAll('.w-logs').length, overflow: main.scrollHeight - main.clientHeight };
      }, id);
      expect(box, id).toEqual({ cut: [], logs: 0, overflow: 0 });
    }
    // The same widget with `logs` in its controls, and one with the default controls, show the partitions' logs.
    for (const q of ['controls=play,fates,logs', '']) {
      expect(problems).toEqual([]);
      const w = await open(`embed/index.html?scenario=acks1-failover&${q}`, { width: 800, height: 450 });
      await w.getByTestId('partition-orders-0').waitFor({ state: 'attached' });
      expect(await w.locator('.w-logs').count(), q).toBe(1);
    }
    // A list without it shows none.
    expect(problems).toEqual([]);
    const none = await open('embed/index.html?scenario=acks1-failover&controls=play,fates', { width: 800, height: 450 });
    await none.getByTestId('count-lostAcked').waitFor();
    expect(await none.locator('.w-logs').count()).toBe(0);
  });

  for (const [w, h, compact] of [[320, 240, true], [320, 240, false], [800, 450, false]] as const) {
    it(`reflows into ${w}×${h}${compact ? ' (compact)' : ''} with nothing wider than its box and Play in view`, async () => {
      const p = await open(`embed/index.html?scenario=acks1-failover&controls=play,step,timeline,fates,story${compact ? '&compact=1' : ''}`, { width: w, height: h });
      await p.getByTestId('clock').waitFor();
      await p.getByTestId('play').click();
      await p.locator('[data-testid=clock]:not([data-t="0"])').waitFor();
      const out = await p.evaluate(() => {
        const shadow = document.getElementById('root')!.shadowRoot!;
        const W = innerWidth;
        const H = innerHeight;
        const wide: string[] = [];
        for (const el of shadow.querySelectorAll<HTMLElement>('*')) {
          const r = el.getBoundingClientRect();
          if (r.width === 0 || el.closest('.w-main')) continue; // the main area scrolls vertically; checked below
          if (r.right > W + 1 || r.bottom > H + 1 || r.left < -1) wide.push(`${el.tagName.toLowerCase()}.${el.className}`);
        }
        const main = shadow.querySelector<HTMLElement>('.w-main')!;
        const widget = shadow.querySelector<HTMLElement>('.kl-widget')!;
        return { wide, docW: document.documentElement.scrollWidth, docH: document.documentElement.scrollHeight, mainSide: main.scrollWidth - main.clientWidth, widgetW: widget.getBoundingClientRect().width, widgetH: widget.getBoundingClientRect().height, W, H };
      });
      expect(out.wide).toEqual([]);
      expect(out.docW).toBeLessThanOrEqual(w);
      expect(out.docH).toBeLessThanOrEqual(h);
      expect(out.mainSide).toBeLessThanOrEqual(0);
      expect(Math.round(out.widgetW)).toBe(w);
      expect(Math.round(out.widgetH)).toBe(h);
      const play = await p.getByTestId('play').boundingBox();
      expect(play && play.x >= 0 && play.y >= 0 && play.x + play.width <= w && play.y + play.height <= h).toBe(true);
    });
  }

  it('plays a time range: it opens paused at from, Play stops at to, and Play again starts the range over', async () => {
    const p = await open('embed/index.html?scenario=acks1-failover&from=5000&to=8000&speed=5', { width: 800, height: 450 });
    await p.locator('[data-testid=clock][data-t="5000"]').waitFor({ timeout: 30_000 });
    expect(await p.getByTestId('play').textContent()).toContain('Play');
    await p.getByTestId('play').click();
    await p.locator('[data-testid=clock][data-t="8000"]').waitFor({ timeout: 30_000 });
    await p.waitForFunction(() => document.getElementById('root')!.shadowRoot!.querySelector('[data-testid=play]')!.textContent!.includes('Play'));
    await p.getByTestId('play').click();
    await p.waitForFunction(() => { const t = Number(document.getElementById('root')!.shadowRoot!.querySelector<HTMLElement>('[data-testid=clock]')!.dataset.t); return t >= 5000 && t < 8000; }, undefined, { timeout: 30_000, polling: 20 });
  });

  it('a lesson range opens at step from, in 中文, and Next stops at step to', async () => {
    const p = await open('embed/index.html?lesson=acks-failover&from=3&to=4&lang=zh-CN', { width: 800, height: 450 });
    await p.locator('[data-testid=lesson][data-step="3"][data-pending=""]').waitFor({ timeout: 60_000 });
    expect(await p.getByTestId('lesson-count').textContent()).toMatch(/^第 3 \/ \d+ 步$/);
    // The step's highlight (broker b1) reaches inside the shadow root, drawn by the widget's adopted sheet.
    const hl = p.locator('[data-testid=broker-b1][data-lesson-hl] > rect:not(.pulse)').first();
    await hl.waitFor({ timeout: 10_000 });
    expect(await hl.evaluate((r) => getComputedStyle(r).stroke)).toBe('rgb(255, 140, 0)');
    // Next (after revealing a prediction, if the step asks one) reaches step 4, and there it stops.
    for (let i = 0; i < 2 && (await p.getByTestId('lesson').getAttribute('data-step')) === '3'; i++) {
      await p.getByTestId('lesson-next').click();
      await p.waitForFunction(() => { const l = document.getElementById('root')!.shadowRoot!.querySelector<HTMLElement>('[data-testid=lesson]')!; return l.dataset.pending === ''; }, undefined, { timeout: 60_000, polling: 50 });
    }
    await p.locator('[data-testid=lesson][data-step="4"][data-pending=""]').waitFor({ timeout: 60_000 });
    if ((await p.getByTestId('lesson-next').textContent())?.includes('揭晓')) await p.getByTestId('lesson-next').click();
    expect(await p.getByTestId('lesson-next').isDisabled()).toBe(true);
    // The full-lab link carries the lesson at its step, the moment and the language: the lab opens there.
    const t = await p.getByTestId('clock').getAttribute('data-t');
    const [lab] = await Promise.all([p.context().waitForEvent('page'), p.getByTestId('open-full').click({ button: 'middle' })]);
    await lab.locator(`[data-testid=clock][data-t="${t}"]`).waitFor({ timeout: 30_000 });
    await expect.poll(() => lab.getByTestId('lesson-count').textContent()).toMatch(/^第 4 \/ \d+ 步$/);
    expect(await lab.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await lab.close();
  });

  it('opens a run file given as its scenario URL at the run’s moment with its faults, and the full-lab link carries that run', async () => {
    const run = { kafkaLab: 'run', version: 1, scenario: { preset: 'acks1-failover' }, seed: 7, log: [{ t: 2000, fault: { type: 'crash', broker: 3 } }], t: 9000 };
    writeFileSync(join(app.outDir, 'doc-run.json'), JSON.stringify(run));
    const p = await open('embed/index.html?scenario=../doc-run.json', { width: 800, height: 450 });
    await p.locator('[data-testid=clock][data-t="9000"]').waitFor({ timeout: 30_000 });
    // The logged crash of b3 happened (the scenario itself never crashes b3); the scenario's own crash of the leader too.
    expect(await p.getByTestId('broker-b3').getAttribute('data-status')).toBe('crashed');
    expect(await p.getByTestId('broker-b1').getAttribute('data-status')).toBe('crashed');
    // Followed before the reader did anything else in the widget (a middle-click): the full lab opens that run, the same moment, b3 crashed by the run's log.
    const [lab] = await Promise.all([p.context().waitForEvent('page'), p.getByTestId('open-full').click({ button: 'middle' })]);
    await lab.locator('[data-testid=clock][data-t="9000"]').waitFor({ timeout: 30_000 });
    expect(await lab.getByTestId('broker-b3').getAttribute('data-status')).toBe('crashed');
    expect(lab.url()).toMatch(/\/index\.html\?scenario=acks1-failover&seed=7&t=9000&log=[\w-]+&lang=en$/);
    expect(await p.getByTestId('open-full').getAttribute('href')).toBe(lab.url());
    await lab.close();
    // A run that is not valid is refused by name, and the widget shows the first look.
    writeFileSync(join(app.outDir, 'bad-run.json'), JSON.stringify({ ...run, log: [{ t: 2000, fault: { type: 'crash', broker: 99 } }] }));
    const q = await open('embed/index.html?scenario=../bad-run.json', { width: 800, height: 450 });
    await q.getByTestId('notice-error').waitFor();
    expect(await q.getByTestId('notice-error').textContent()).toMatch(/log\[0\]\.fault/);
  });

  it('the full-lab link carries the run the widget shows however it is followed: middle-click, Enter, or its address opened', async () => {
    const p = await open('embed/index.html?scenario=acks1-failover&seed=11&controls=play,step,timeline,faults,fates&lang=zh-CN', { width: 800, height: 450 });
    await p.getByTestId('clock').waitFor();
    // Act in the widget: play to 1.5 s, crash the leader of orders-0 (a fault the scenario does not have then), one step on.
    await p.getByTestId('play').click();
    await p.waitForFunction(() => Number(document.getElementById('root')!.shadowRoot!.querySelector<HTMLElement>('[data-testid=clock]')!.dataset.t) >= 1500, undefined, { timeout: 30_000, polling: 50 });
    await p.getByTestId('play').click();
    await p.getByTestId('crash-leader-orders-0').click();
    await p.locator('[data-testid^=broker-b][data-status=crashed]').waitFor();
    const before = await p.getByTestId('clock').getAttribute('data-t');
    await p.getByTestId('step').click();
    await p.locator(`[data-testid=clock]:not([data-t="${before}"])`).waitFor();
    const stateOf = async (q: Page) => ({
      t: await q.getByTestId('clock').getAttribute('data-t'),
      brokers: await Promise.all([1, 2, 3].map((b) => q.getByTestId(`broker-b${b}`).getAttribute('data-status'))),
      acked: await q.getByTestId('count-acked').first().getAttribute('data-value'),
      lostAcked: await q.getByTestId('count-lostAcked').first().getAttribute('data-value'),
      lang: await q.evaluate(() => document.documentElement.lang),
    });
    const seen = { ...(await stateOf(p)), lang: 'zh-CN' };
    expect(seen.brokers).toContain('crashed');
    /** The full lab in a page of its own, once it shows the moment the link carries: the same state as the widget. */
    const sameState = async (q: Page) => {
      q.on('pageerror', (e) => problems.push(`full lab: ${e.message}`));
      await q.locator(`[data-testid=clock][data-t="${seen.t}"]`).waitFor({ timeout: 30_000 });
      await q.getByTestId('partition-orders-0').waitFor({ state: 'attached' });
      expect(await stateOf(q)).toEqual(seen);
      expect(new URL(q.url()).searchParams.get('seed')).toBe('11');
      expect(new URL(q.url()).searchParams.get('log')).toMatch(/^[\w-]+$/);
      await q.close();
    };
    // Followed right after the step (middle-click: a new tab), then with the keyboard, then its address read and opened.
    const link = p.getByTestId('open-full');
    const [byMiddle] = await Promise.all([p.context().waitForEvent('page'), link.click({ button: 'middle' })]);
    await sameState(byMiddle);
    await link.focus();
    const [byEnter] = await Promise.all([p.context().waitForEvent('page'), p.keyboard.press('Enter')]);
    await sameState(byEnter);
    const href = await link.getAttribute('href');
    const byAddress = await p.context().newPage();
    await byAddress.goto(href!);
    await sameState(byAddress);
  });

  it('ignores malformed messages with a warning naming each, and still answers a good one', async () => {
    const p = await open('embed/index.html?scenario=acks1-failover', { width: 640, height: 400 });
    await p.getByTestId('clock').waitFor();
    await p.evaluate(() => {
      const bad: unknown[] = [
        'play',
        { kafkaLab: 1, method: 'explode' },
        { kafkaLab: 1, method: 'seek', args: { t: -5 } },
        { kafkaLab: 2, method: 'play' },
        { kafkaLab: 1, method: 'fault', args: { type: 'crash', broker: '<img src=x onerror=alert(1)>' } },
        { kafkaLab: 1, method: 'load', args: { scenario: 'javascript:alert(1)'.padEnd(5000, 'x') } },
      ];
      for (const m of bad) window.postMessage(m, '*');
    });
    await expect.poll(() => warnings.filter((w) => w.startsWith('Kafka Lab widget: ignored a message')).length, { timeout: 10_000 }).toBe(6);
    const said = warnings.join('\n');
    expect(said).toMatch(/method: Invalid type: Expected .*"explode"/);
    expect(said).toMatch(/args\.t: Invalid value: Expected >=0 but received -5/);
    expect(said).toMatch(/kafkaLab: Invalid type: Expected 1 but received 2/);
    // Nothing changed: still at 0, paused, no notice.
    expect(await p.getByTestId('clock').getAttribute('data-t')).toBe('0');
    expect(await p.locator('[data-testid=notice-error]').count()).toBe(0);
    // A good message still works.
    await p.evaluate(() => window.postMessage({ kafkaLab: 1, id: 'go', method: 'play' }, '*'));
    await p.locator('[data-testid=clock]:not([data-t="0"])').waitFor();
  });

  it('the element’s methods: load a preset, a bad argument rejected by name, a refused scenario said as an error event', async () => {
    const p = await open('embed/example.html');
    await clockOf(p, 'acks1').waitFor();
    const out = await p.evaluate(async () => {
      const el = document.getElementById('acks1') as unknown as Record<string, (...a: unknown[]) => Promise<unknown>> & HTMLElement;
      const errors: unknown[] = [];
      el.addEventListener('error', (e) => errors.push((e as unknown as CustomEvent).detail));
      await el.load('safe-leader-crash');
      await new Promise((r) => setTimeout(r, 500));
      const state = (await el.getState()) as { preset: string; scenario: string };
      const bad = await el.seek('soon').then(() => 'resolved', (e: Error) => `${e.name}: ${e.message}`);
      const refused = await el.load({ name: 'x', brokers: 'many' }).then(() => 'loaded', () => 'rejected');
      await new Promise((r) => setTimeout(r, 500));
      return { preset: state.preset, bad, refused, errors };
    });
    expect(out.preset).toBe('safe-leader-crash');
    expect(out.bad).toMatch(/^TypeError: seek: args\.t: Invalid type: Expected number but received "soon"/);
    expect(warnings.some((w) => w.startsWith('<kafka-lab> seek: ignored'))).toBe(true);
    // A scenario the engine refuses: the running lab stays, and the page hears why.
    expect(out.errors.length).toBeGreaterThan(0);
    expect(JSON.stringify(out.errors[0])).toMatch(/message/);
  });

  it('axe: no serious or critical violation on the example page (light, dark and a compact iframe), before and after playing', async () => {
    const p = await open('embed/example.html');
    await clockOf(p, 'acks1').waitFor();
    await clockOf(p, 'acksall').waitFor();
    await clockOf(p, 'dark').waitFor();
    await p.frameLocator('#driven').getByTestId('clock').waitFor();
    const serious = async () => {
      const r = await new AxeBuilder({ page: p }).analyze();
      return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} ×${v.nodes.length}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
    };
    expect(await serious()).toEqual([]);
    await p.locator('#acks1 [data-testid=play]').click();
    await p.locator('#dark [data-testid=play]').click();
    await p.locator('#driven').contentFrame().getByTestId('play').click();
    await waitT(p, 'acks1', 25_000);
    await waitT(p, 'dark', 25_000);
    await p.locator('#acks1 [data-testid=play]').click();
    await p.locator('#dark [data-testid=play]').click();
    await p.locator('#driven').contentFrame().getByTestId('play').click();
    // The dark widget with a lost record's story open, and its counts in their warning colours.
    expect(Number(await p.locator('#dark [data-testid=count-lostAcked]').getAttribute('data-value'))).toBeGreaterThan(0);
    await p.locator('#dark [data-testid^=anomaly-]').first().click();
    await p.locator('#dark .story').first().waitFor();
    expect(await serious()).toEqual([]);
  });

  it('axe: no serious or critical violation on a compact widget, light and dark, at 320×240', async () => {
    for (const theme of ['light', 'dark']) {
      const p = await open(`embed/index.html?scenario=acks1-failover&compact=1&theme=${theme}&speed=10&autoplay=1`, { width: 320, height: 240 });
      await p.waitForFunction(() => Number(document.getElementById('root')!.shadowRoot!.querySelector<HTMLElement>('[data-testid=clock]')?.dataset.t) > 12_000, undefined, { timeout: 60_000, polling: 100 });
      const r = await new AxeBuilder({ page: p }).analyze();
      expect(r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${theme}: ${v.id} ×${v.nodes.length}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);
      expect(problems).toEqual([]);
      await p.close();
      page = undefined;
    }
  });

  // The widget's catalogs keep only the messages its code can read (vite.widget.catalog.ts): a message it
  // shows that was left out would show as its key.
  it('every word a widget shows is a message, never a catalog key, in both languages: a refused option, all controls, a node menu, a story', async () => {
    const keys = Object.keys(EN);
    const shown = (p: Page) =>
      p.evaluate(() => {
        const root = document.getElementById('root')!.shadowRoot!;
        const attrs = [...root.querySelectorAll('*')].flatMap((el) => ['title', 'aria-label', 'placeholder', 'alt'].map((a) => el.getAttribute(a) ?? ''));
        return [root.textContent ?? '', ...attrs].join('\n');
      });
    for (const lang of ['en', 'zh-CN']) {
      const all = `embed/index.html?scenario=acks1-failover&controls=play,step,timeline,faults,config,fates,story,logs&speed=5&lang=${lang}`;
      // A refused option (the widget says why, and shows the first look).
      const p = await open(`${all}&run=not-a-run!`, { width: 1280, height: 800 });
      await p.getByTestId('notice-error').waitFor();
      const texts = [await shown(p)];
      // Past the old leader's return (20 s), when acknowledged records are lost; then a fault of the reader's own.
      await p.goto(app.url + all);
      await p.getByTestId('play').click();
      await p.waitForFunction(() => Number(document.getElementById('root')!.shadowRoot!.querySelector<HTMLElement>('[data-testid=clock]')!.dataset.t) >= 25_000, undefined, { timeout: 60_000, polling: 100 });
      await p.getByTestId('play').click();
      await p.getByTestId('crash-leader-orders-0').click();
      texts.push(await shown(p));
      await p.locator('[data-testid^=anomaly-]').first().click();
      await p.getByTestId('story').waitFor();
      texts.push(await shown(p));
      await p.getByTestId('broker-b2').click();
      await p.locator('[data-testid^=menu-]').first().waitFor();
      texts.push(await shown(p));
      const text = texts.join('\n');
      expect(text.length, lang).toBeGreaterThan(500);
      expect(keys.filter((k) => text.includes(k)), lang).toEqual([]);
      await p.close();
      page = undefined;
    }
  });

  it('the lab’s Embed button gives an iframe that opens the same run (its crash, its moment, 中文) and a <kafka-lab> snippet', async () => {
    const p = await open('?scenario=acks1-failover&lang=zh-CN');
    await p.getByTestId('partition-orders-0').waitFor({ state: 'attached' });
    await p.getByTestId('play').click();
    await p.waitForFunction(() => Number(document.querySelector<HTMLElement>('[data-testid=clock]')!.dataset.t) >= 1500, undefined, { timeout: 30_000, polling: 50 });
    await p.getByTestId('play').click();
    await p.getByTestId('crash-leader-orders-0').click();
    await p.getByTestId('broker-b1').and(p.locator('[data-status=crashed]')).waitFor();
    const t = await p.getByTestId('clock').getAttribute('data-t');
    await p.getByTestId('more').click(); // Embed is under the top bar's More menu
    await p.getByTestId('embed').click();
    await expect.poll(() => p.getByTestId('embed-iframe').inputValue()).toContain('log=');
    const iframe = await p.getByTestId('embed-iframe').inputValue();
    const element = await p.getByTestId('embed-element').inputValue();
    expect(iframe).toMatch(new RegExp(`^<iframe src="http://127\\.0\\.0\\.1:\\d+/embed/index\\.html\\?scenario=acks1-failover&amp;seed=7&amp;t=${t}&amp;log=[\\w-]+&amp;lang=zh-CN" title="[^"<]+" width="100%" height="450" loading="lazy"></iframe>$`));
    expect(element).toMatch(new RegExp(`^<script type="module" src="http://127\\.0\\.0\\.1:\\d+/embed/kafka-lab\\.js"></script>\n<kafka-lab scenario="acks1-failover" seed="7" lang="zh-CN" run="scenario=acks1-failover&amp;seed=7&amp;t=${t}&amp;log=[\\w-]+&amp;lang=zh-CN" height="450"></kafka-lab>$`));
    // The element snippet pasted into a plain page (served under the same strict CSP) reproduces the run too.
    writeFileSync(join(app.outDir, 'doc-snippet.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Snippet</title><link rel="icon" href="/favicon.svg"></head><body><main><h1>Acks</h1>\n${element}\n<kafka-lab id="bad" scenario="safe-leader-crash" run="scenario=acks1-failover&amp;seed=abc"></kafka-lab></main></body></html>`);
    await p.goto(app.url + 'doc-snippet.html');
    await p.locator(`kafka-lab [data-testid=clock][data-t="${t}"]`).waitFor({ timeout: 30_000 });
    expect(await p.locator('kafka-lab').first().getByTestId('broker-b1').getAttribute('data-status')).toBe('crashed');
    expect(await p.locator('kafka-lab').first().getByTestId('widget').getAttribute('lang')).toBe('zh-CN');
    // A refused run is said by name, and that widget shows its scenario option instead.
    expect(await p.locator('#bad').getByTestId('notice-error').textContent()).toMatch(/Widget option “run”: cannot open this run: .*seed/);
    await expect.poll(() => p.locator('#bad').getByTestId('widget').getAttribute('aria-label')).toMatch(/safe|acks=all/i);
    // The iframe's address opens the widget on that run: the same moment, the leader crashed, in 中文.
    const src = iframe.match(/src="([^"]+)"/)![1].replace(/&amp;/g, '&');
    await p.goto(src);
    await p.locator(`[data-testid=clock][data-t="${t}"]`).waitFor({ timeout: 30_000 });
    expect(await p.getByTestId('broker-b1').getAttribute('data-status')).toBe('crashed');
    expect(await p.getByTestId('open-full').textContent()).toContain('在完整实验室中打开');
    expect(await p.getByTestId('widget').getAttribute('aria-label')).toContain('acks=1');
  });
});
