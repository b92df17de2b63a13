/**
 * The stage as a learner or a teacher sees it, in real Chromium: no sideways
 * scroll at 390, 1024, 1280 or 1920 px; the first screen leaves nothing
 * empty beside the guide (1280, presenting at 1920) or beside nine
 * brokers (1280, 1920); on a phone the failover's replica rows stay in the
 * first screen after the crash and at the election; at that election the
 * log window holds the new leader's HW and the ex-leader's extra records;
 * a story's step moves the clock; nine brokers never overlap and leave the
 * logs above the fold; presenter mode's canvas text is 20 px or more at
 * 1920×1080; after a seek back a chart's now line stands at the moment; a
 * Reordered count is explained (English and 中文); at 1024×768
 * fates and configuration are in view on the right; narrow cells keep a
 * dark edge.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { labSession } from './labSession.ts';
import { runTo as runToMoment } from './runTo.ts';
import { tallestEmpty } from './emptySpace.ts';
import { KEY_COLORS } from '../../src/view/hooks.ts';

const lab = labSession();
let page: Page;

const clock = async () => Number(await page.getByTestId('clock').getAttribute('data-t'));

const runTo = (t: number) => runToMoment(page, t);

/** How far the page is wider than the window (0: no sideways scroll). */
const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

const tallestGap = () => page.evaluate(tallestEmpty, '.col.mid');

describe('the stage', () => {
  for (const [query, width, height, at, presenter] of [
    ['', 1280, 800, 0, false],
    ['?lang=zh-CN', 1280, 800, 0, false],
    ['?scenario=acks1-failover', 1280, 800, 6_500, false],
    ['?scenario=acks1-failover&lang=zh-CN', 1280, 800, 6_500, false],
    ['?scenario=acks1-failover', 1920, 1080, 6_500, true],
  ] as const)
    it(`the first screen leaves nothing empty beside or under the guide: ${query || 'first look'}${at ? ` at ${at} ms` : ''}, ${width}×${height}${presenter ? ', presenter mode' : ''}`, async () => {
      page = await lab.open(query, { width, height });
      if (at) await runTo(at);
      if (presenter) {
        await page.getByTestId('presenter').click();
        await page.waitForFunction(() => document.documentElement.classList.contains('presenter'));
      }
      await page.evaluate(() => scrollTo(0, 0));
      const gap = await tallestGap();
      expect(gap.px, `empty from (${gap.x}, ${gap.y}) up`).toBeLessThanOrEqual(20);
      // The stage got the room: the replicas' rows are in the first screen, the guide whole (it does not scroll).
      for (const r of [1, 2, 3]) {
        const row = (await page.getByTestId('partition-orders-0').getByTestId(`replica-${r}`).boundingBox())!;
        expect(row.y + row.height, `replica ${r}`).toBeLessThanOrEqual(height);
      }
      const side = await page.locator('.stage-side').evaluate((el) => el.scrollHeight - el.clientHeight);
      expect(side).toBeLessThanOrEqual(1);
    });

  for (const [width, height] of [
    [1280, 800],
    [1920, 1080],
  ])
    it(`nine brokers at ${width}×${height} leave nothing empty beside the diagram (at 1920 the charts stand under the guide, whole); a partition with one anomaly says "1 anomaly"`, async () => {
      page = await lab.open('?scenario=large-cluster', { width, height });
      await runTo(12_000);
      await page.evaluate(() => scrollTo(0, 0));
      const gap = await tallestGap();
      expect(gap.px, `empty from (${gap.x}, ${gap.y}) up`).toBeLessThanOrEqual(20);
      if (width === 1920) {
        const charts = (await page.locator('.panel.charts').boundingBox())!;
        const cluster = (await page.locator('.panel.cluster').boundingBox())!;
        expect(charts.x).toBeGreaterThan(cluster.x + cluster.width);
        expect(charts.y + charts.height).toBeLessThanOrEqual(cluster.y + cluster.height + 1);
      }
      expect(await page.locator('.psum').first().locator('.bad').textContent()).toBe('1 anomaly');
    });

  for (const lang of ['en', 'zh-CN'])
    it(`on a 390×844 phone (${lang}), after the acks=1 failover's leader crash and at its election, the replicas' rows and the brokers are in the first screen`, async () => {
      page = await lab.open(`?scenario=acks1-failover&lang=${lang}`, { width: 390, height: 844 });
      const inFirstScreen = async () => {
        await page.evaluate(() => scrollTo(0, 0));
        for (const id of ['broker-b1', 'broker-b2', 'broker-b3']) {
          const b = (await page.getByTestId(id).boundingBox())!;
          expect(b.y + b.height, id).toBeLessThanOrEqual(844);
        }
        for (const r of [1, 2, 3]) {
          const row = (await page.getByTestId('partition-orders-0').getByTestId(`replica-${r}`).boundingBox())!;
          expect(row.y + row.height, `replica ${r}`).toBeLessThanOrEqual(844);
        }
      };
      // b1, the leader, crashed at 6 s; the controller has not noticed yet: its banner is on the page, under the logs.
      await runTo(6_500);
      await page.getByTestId('unnoticed-b1').waitFor();
      await inFirstScreen();
      expect(await page.locator('[data-testid=broker-b1][data-status=crashed]').count()).toBe(1);
      // The election: b2 leads without the records only b1 had.
      await runTo(13_250);
      expect(await page.getByTestId('partition-orders-0').getAttribute('data-leader')).toBe('2');
      await inFirstScreen();
      expect(await overflow()).toBe(0);
    });

  for (const [width, height] of [
    [390, 844],
    [1024, 768],
    [1280, 800],
    [1920, 1080],
  ])
    it(`never scrolls sideways at ${width} px: the first look after a crash, and nine brokers with 24 partitions`, async () => {
      page = await lab.open('', { width, height });
      await page.getByTestId('speed').selectOption('10');
      await page.getByTestId('play').click();
      await page.waitForFunction(() => Number((document.querySelector('[data-testid=clock]') as HTMLElement).dataset.t) >= 2000, undefined, { timeout: 40_000 });
      await page.getByTestId('crash-leader-orders-0').click();
      await page.getByTestId('unnoticed-b1').waitFor();
      expect(await overflow()).toBe(0);
      await page.close();

      page = await lab.open('?scenario=large-cluster', { width, height });
      await runTo(12_000);
      expect(await overflow()).toBe(0);
    });

  for (const [width, height] of [
    [1280, 800],
    [390, 844],
  ])
  it(`at the acks=1 failover election the log window shows the new leader’s HW and LEO and every record only the ex-leader had (${width} px)`, async () => {
    page = await lab.open('?scenario=acks1-failover', { width, height });
    // The scenario's election (npm run sim: "13250 ms: broker 2 was elected leader of orders-0 in epoch 1").
    await runTo(13_250);
    const part = page.getByTestId('partition-orders-0');
    expect(await part.getAttribute('data-leader')).toBe('2');
    const from = Number(await part.getAttribute('data-from'));
    const to = Number(await part.getAttribute('data-to'));
    const old = part.getByTestId('replica-1');
    const fresh = part.getByTestId('replica-2');
    const oldLeo = Number(await old.getAttribute('data-leo'));
    const newLeo = Number(await fresh.getAttribute('data-leo'));
    const newHw = Number(await fresh.getAttribute('data-hw'));
    // The ex-leader really is ahead: records it acknowledged that the new leader lacks.
    expect(oldLeo).toBeGreaterThan(newLeo);
    expect(from).toBeLessThanOrEqual(newHw);
    expect(from).toBeLessThanOrEqual(newLeo);
    expect(to).toBeGreaterThanOrEqual(newLeo);
    // The ex-leader's last record (offset LEO − 1) is inside the window.
    expect(to).toBeGreaterThanOrEqual(oldLeo - 1);
  });

  it('at 1024×768 the fates and the configuration are on the right, in view without scrolling', async () => {
    page = await lab.open('', { width: 1024, height: 768 });
    await page.getByTestId('play').click();
    await page.waitForFunction(() => Number((document.querySelector('[data-testid=clock]') as HTMLElement).dataset.t) >= 1000, undefined, { timeout: 40_000 });
    await page.getByTestId('play').click();
    expect(await page.evaluate(() => scrollY)).toBe(0);
    const lost = (await page.getByTestId('count-lostAcked').boundingBox())!;
    const config = (await page.getByTestId('tab-config').boundingBox())!;
    const logs = (await page.getByTestId('partition-orders-0').boundingBox())!;
    // The guide points to Configuration: here right of the logs, and on screen.
    expect(lost.y + lost.height).toBeLessThanOrEqual(768);
    expect(config.y + config.height).toBeLessThanOrEqual(768);
    expect(config.x).toBeGreaterThan(logs.x + logs.width - 1);
    expect(lost.x).toBeGreaterThan(logs.x + logs.width - 1);
    expect(await overflow()).toBe(0);
  });

  for (const [width, height] of [
    [1280, 800],
    [1920, 1080],
  ])
    it(`nine brokers at ${width}×${height}: the logs start above the fold and the stage takes most of the width`, async () => {
      page = await lab.open('?scenario=large-cluster', { width, height });
      await runTo(8_000);
      await page.evaluate(() => scrollTo(0, 0));
      const first = (await page.getByTestId('partition-orders-0').boundingBox())!;
      expect(first.y + first.height).toBeLessThanOrEqual(height);
      const logs = (await page.locator('.panel.logs').boundingBox())!;
      expect(logs.width).toBeGreaterThan(0.6 * width);
      // The diagram and the fates stay in view too.
      const b1 = (await page.getByTestId('broker-b1').boundingBox())!;
      expect(b1.y + b1.height).toBeLessThanOrEqual(height);
      const lost = (await page.getByTestId('count-lostAcked').boundingBox())!;
      expect(lost.y + lost.height).toBeLessThanOrEqual(height);
    });

  it('a long log drawn in cells of a pixel or less keeps full key colours under a near-black edge (≥ 4.5:1 on the row)', async () => {
    page = await lab.open('?scenario=acks1-failover', { width: 1280, height: 800 });
    await runTo(13_250);
    const found = await page.evaluate(() => {
      const c = document.querySelector('[data-testid=partition-orders-0] [data-testid=replica-1] canvas') as HTMLCanvasElement;
      const ctx = c.getContext('2d')!;
      const k = c.width / c.getBoundingClientRect().width;
      // A column a quarter into the row (inside the ex-leader's records), on the row's top edge (13 css px down) and mid-cell.
      const x = Math.round(c.width / 4);
      const px = (y: number) => Array.from(ctx.getImageData(x, Math.round(y * k), 1, 1).data);
      return { edge: px(13.5), body: px(26) };
    });
    const lum = ([r, g, b]: number[]) => {
      const f = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const contrast = (a: number[], b: number[]) => (Math.max(lum(a), lum(b)) + 0.05) / (Math.min(lum(a), lum(b)) + 0.05);
    const row = [0xf3, 0xf4, 0xf6];
    expect(found.edge[3]).toBe(255);
    expect(contrast(found.edge, row)).toBeGreaterThanOrEqual(4.5);
    // The body is a key colour at full strength, not mixed with white (pale stripes vanished into the row).
    const keys = KEY_COLORS.map((h) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16)));
    expect(keys.some((k) => k.every((v, i) => Math.abs(v - found.body[i]) <= 2)), `body ${found.body}`).toBe(true);
  });

  it('clicking a step of a lost message’s story moves the clock to that step', async () => {
    page = await lab.open('?scenario=acks1-failover', { width: 1280, height: 800 });
    await runTo(25_000);
    await page.getByTestId('anomaly-lost-write').first().click();
    const steps = page.locator('[data-testid^=story-step-]');
    await steps.first().waitFor();
    const times = (await steps.evaluateAll((s) => s.map((x) => Number((x as HTMLElement).dataset.t)))).filter((t) => t < 25_000);
    expect(times.length).toBeGreaterThan(1);
    // The first step and the last one before now (a seek back in each case).
    for (const i of [0, times.length - 1]) {
      const step = page.getByTestId(`story-step-${i}`);
      const t = Number(await step.getAttribute('data-t'));
      expect(t).toBe(times[i]);
      await step.click();
      await page.waitForFunction((x) => Number((document.querySelector('[data-testid=clock]') as HTMLElement).dataset.t) === x, t, { timeout: 60_000, polling: 50 });
      expect(await clock()).toBe(t);
    }
  });

  it('nine brokers, their controller, producers and consumers are drawn without two boxes overlapping, at 1280 and 390 px', async () => {
    for (const [width, height] of [
      [1280, 800],
      [390, 844],
    ]) {
      page = await lab.open('?scenario=large-cluster', { width, height });
      await runTo(12_000);
      for (let b = 1; b <= 9; b++) expect(await page.getByTestId(`broker-b${b}`).isVisible()).toBe(true);
      const boxes = await page.locator('.cluster-svg .node > rect:not(.pulse)').evaluateAll((rs) =>
        rs.map((r) => {
          const b = r.getBoundingClientRect();
          return { name: (r.parentElement?.getAttribute('data-testid') ?? r.parentElement?.getAttribute('class')) || '?', l: b.left, t: b.top, r: b.right, b: b.bottom };
        }),
      );
      expect(boxes.length).toBeGreaterThanOrEqual(1 + 9 + 2 + 4);
      const clash: string[] = [];
      for (let i = 0; i < boxes.length; i++)
        for (let j = i + 1; j < boxes.length; j++) {
          const a = boxes[i];
          const c = boxes[j];
          if (a.l < c.r && c.l < a.r && a.t < c.b && c.t < a.b) clash.push(`${a.name} × ${c.name}`);
        }
      expect(clash, `${width} px`).toEqual([]);
      // The crashed broker is in plain sight.
      expect(await page.locator('[data-testid=broker-b1][data-status=crashed]').count()).toBe(1);
      await page.close();
    }
  });

  for (const lang of ['en', 'zh-CN'])
    it(`presenter mode (${lang}) draws the logs' canvas text at 20 px or more on a 1920×1080 screen`, async () => {
      page = await lab.open(`?scenario=acks1-failover&lang=${lang}`, { width: 1920, height: 1080 });
      await runTo(13_250);
      await page.keyboard.press('p');
      await page.waitForFunction(() => document.documentElement.classList.contains('presenter'));
      const sizes = await page.locator('[data-testid=partition-orders-0] .cells canvas').evaluateAll((cs) =>
        cs.map((c) => {
          const el = c as HTMLCanvasElement;
          // On-screen px per CSS px of the canvas (presenter mode zooms the lab).
          const scale = el.getBoundingClientRect().height / parseFloat(el.style.height);
          return Number(el.dataset.minFont) * scale;
        }),
      );
      expect(sizes).toHaveLength(3);
      for (const px of sizes) expect(px).toBeGreaterThanOrEqual(19.99);
      // And back: out of presenter mode the rows keep their compact size.
      await page.keyboard.press('p');
      const plain = await page.locator('[data-testid=partition-orders-0] .cells canvas').first().evaluate((c) => Number((c as HTMLCanvasElement).dataset.minFont));
      expect(plain).toBeLessThan(13);
    });

  it('after a seek back a chart draws the samples after the moment faintly and its now line stands at the moment, not at the newest sample', async () => {
    page = await lab.open('?scenario=acks1-failover', { width: 1920, height: 1080 });
    await runTo(12_000);
    await page.getByTestId('timeline').fill('6000');
    await page.waitForFunction(() => Number((document.querySelector('[data-testid=clock]') as HTMLElement).dataset.t) === 6000);
    // The chart spans the run so far (the timeline's end): the moment sits at its share of the plot's 258 of 300 units, after a 34-unit margin.
    const end = Number(await page.getByTestId('timeline').getAttribute('max'));
    const want = (34 + (258 * 6000) / end) / 300;
    const drawn = await page.waitForFunction((w) => {
      const plot = document.querySelector('[data-testid=chart-leo] .chart-plot') as HTMLElement;
      const at = new DOMMatrix(getComputedStyle(plot.querySelector('.now')!).transform).m41 / plot.clientWidth;
      const faint = plot.querySelectorAll('path[opacity="0.25"]').length;
      return Math.abs(at - w) < 0.02 && faint > 0 && { at, faint };
    }, want);
    expect(await drawn.jsonValue()).toBeTruthy();
  });

  it('a Reordered count is explained beside it, in English and in 中文', async () => {
    for (const [lang, word] of [
      ['en', /another order than the producer sent them/],
      ['zh-CN', /顺序与 producer 发送的顺序不同/],
    ] as const) {
      page = await lab.open(`?scenario=acks1-failover&lang=${lang}`, { width: 1280, height: 800 });
      expect(await page.getByTestId('why-reordered').count()).toBe(0);
      await runTo(29_000);
      expect(Number(await page.getByTestId('count-reordered').getAttribute('data-value'))).toBeGreaterThan(0);
      const why = page.getByTestId('why-reordered');
      expect(await why.isVisible()).toBe(true);
      expect(await why.textContent()).toMatch(word);
      await page.close();
    }
  });
});
