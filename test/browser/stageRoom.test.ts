/**
 * The stage's room, in real Chromium, where earlier layouts left some empty
 * or cut something off: at 1920×1080 a small cluster leaves nothing empty in
 * any column of the first screen (a third column of its own left the space
 * under the actions empty) and its actions are in view; presenter mode with
 * nine brokers shows the controller banner and the guide whole; a crashed
 * broker's spreading ring passes under the controller's card, not over it.
 * At 1024×768 three brokers are drawn low beside the guide (the guide's box
 * was left 180 px empty under a tall diagram while the producer line fell
 * below the fold); the safe settings break only between settings; in
 * presenter mode the offset ruler's numbers are 20 px on screen.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { labSession } from './labSession.ts';
import { runTo } from './runTo.ts';
import { tallestEmpty } from './emptySpace.ts';

const lab = labSession();

/** The first look's guide beside the diagram: px left unused in its box under its last line, and how far its column scrolls. */
const guideRoom = (page: Page) =>
  page.evaluate(() => {
    const guide = document.querySelector('.stage-side .guide')!;
    const last = [...guide.children].pop()!.getBoundingClientRect();
    const side = document.querySelector('.stage-side')!;
    return { unused: guide.getBoundingClientRect().bottom - last.bottom, scroll: side.scrollHeight - side.clientHeight };
  });
let page: Page;

describe('the stage’s room', () => {
  for (const [query, at] of [
    ['', 0],
    ['?scenario=acks1-failover', 6_500],
    ['?scenario=acks1-failover', 13_250],
    ['?scenario=acks1-failover&lang=zh-CN', 6_500],
  ] as const)
    it(`at 1920×1080 three brokers leave no column of the first screen empty, the actions in view: ${query || 'first look'}${at ? ` at ${at} ms` : ''}`, async () => {
      page = await lab.open(query, { width: 1920, height: 1080 });
      if (at) await runTo(page, at);
      await page.evaluate(() => scrollTo(0, 0));
      const gap = await page.evaluate(tallestEmpty, 'main.grid');
      expect(gap.px, `empty from (${gap.x}, ${gap.y}) up`).toBeLessThanOrEqual(20);
      const crash = (await page.getByTestId('crash-leader-orders-0').boundingBox())!;
      expect(crash.y + crash.height).toBeLessThanOrEqual(1080);
      // Nothing beside the diagram is cut off or scrolled away.
      const side = await page.locator('.stage-side').evaluate((el) => el.scrollHeight - el.clientHeight);
      expect(side).toBeLessThanOrEqual(1);
    });

  for (const lang of ['en', 'zh-CN'])
    it(`presenter mode with nine brokers (${lang}) shows the controller banner and the guide beside the diagram whole`, async () => {
      page = await lab.open(`?scenario=large-cluster&lang=${lang}`, { width: 1920, height: 1080 });
      // The leader of orders-0 crashes at 6 s; the controller notices 9 s later: the banner is up.
      await runTo(page, 7_000);
      await page.keyboard.press('p');
      await page.waitForFunction(() => document.documentElement.classList.contains('presenter') && !!document.querySelector('.stage-side .unnoticed'));
      const cut = await page.locator('.stage-side').evaluate((side) => {
        const box = side.getBoundingClientRect();
        const guide = side.querySelector('.guide')!.getBoundingClientRect();
        return { scroll: side.scrollHeight - side.clientHeight, below: guide.bottom - box.bottom };
      });
      expect(cut.scroll).toBeLessThanOrEqual(1);
      expect(cut.below).toBeLessThanOrEqual(1);
      // The diagram's panel grows with the row: nothing empty under it beside the guide.
      const [cluster, side] = await Promise.all([page.locator('.panel.cluster').boundingBox(), page.locator('.stage-side').boundingBox()]);
      expect(cluster!.y + cluster!.height).toBeGreaterThanOrEqual(side!.y + side!.height - 1);
    });

  it('a crashed leader’s state ring passes under the controller’s card (1280×800, the controller just under the leader)', async () => {
    page = await lab.open('?scenario=acks1-failover', { width: 1280, height: 800 });
    // b1 crashes at 6 s; 0.6 s later its ring has spread 13 units around its card.
    await runTo(page, 6_600);
    await page.waitForFunction(() => Number((document.querySelector('[data-testid=broker-b1] .pulse') as SVGRectElement | null)?.style.opacity ?? 0) > 0.3);
    const { overlap, controllerOnTop } = await page.evaluate(() => {
      const ring = document.querySelector('[data-testid=broker-b1] .pulse')!;
      const ctl = document.querySelector('.cluster-svg .node.controller')!;
      const a = ring.getBoundingClientRect();
      const c = ctl.querySelector('rect')!.getBoundingClientRect();
      return {
        overlap: a.left < c.right && c.left < a.right && a.top < c.bottom && c.top < a.bottom,
        // SVG paints in document order: the later element is drawn on top.
        controllerOnTop: !!(ring.compareDocumentPosition(ctl) & Node.DOCUMENT_POSITION_FOLLOWING),
      };
    });
    expect(overlap, 'the ring reaches the controller’s card in this layout').toBe(true);
    expect(controllerOnTop).toBe(true);
  });

  for (const lang of ['en', 'zh-CN'])
    it(`at 1024×768 (${lang}) three brokers are drawn low beside the guide: the guide fills its box, the producer line is in the first screen`, async () => {
      page = await lab.open(`?lang=${lang}`, { width: 1024, height: 768 });
      await page.waitForFunction(() => !!document.querySelector('.stage-side .guide li'));
      const room = { ...(await guideRoom(page)), producers: await page.evaluate(() => document.querySelector('.producers')!.getBoundingClientRect().bottom) };
      // Under a tall diagram the guide's box stood 180 px empty under its last line.
      expect(room.unused).toBeLessThanOrEqual(60);
      expect(room.scroll).toBeLessThanOrEqual(1);
      expect(room.producers).toBeLessThanOrEqual(768);
      // The diagram: two rows of cards (b1 on top; b3, the controller and b2 side by side under it).
      const card = async (b: number) => (await page.getByTestId(`broker-b${b}`).locator('rect:not(.pulse)').first().boundingBox())!;
      const [b1, b2, b3] = await Promise.all([1, 2, 3].map(card));
      expect(Math.abs(b2.y - b3.y)).toBeLessThan(1);
      expect(b2.y + b2.height / 2).toBeGreaterThan(b1.y + b1.height);
      expect(b2.y + b2.height / 2).toBeLessThan(b1.y + 2 * b1.height);
      expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
    });

  for (const lang of ['en', 'zh-CN'])
    it(`at 1280×800 (${lang}) the first look's guide fills its box beside the diagram, the diagram's hint under it`, async () => {
      page = await lab.open(`?lang=${lang}`, { width: 1280, height: 800 });
      await page.waitForFunction(() => !!document.querySelector('.stage-side .guide li'));
      const room = {
        ...(await guideRoom(page)),
        ...(await page.evaluate(() => {
          const hint = document.querySelector('.stage-side > .cluster-hint');
          return { hintInSide: !!hint && hint.getBoundingClientRect().height > 0, hintInPanel: !!document.querySelector('.panel.cluster .hint') };
        })),
      };
      // The diagram's panel with its hint stood 75 px taller than the guide: its box was left that empty under its last line.
      expect(room.unused).toBeLessThanOrEqual(24);
      expect(room.scroll).toBeLessThanOrEqual(1);
      expect(room.hintInSide && !room.hintInPanel).toBe(true);
      const gap = await page.evaluate(tallestEmpty, '.col.mid');
      expect(gap.px, `empty from (${gap.x}, ${gap.y}) up`).toBeLessThanOrEqual(20);
    });

  it('at 1024×768 with the controller banner up the banner and the guide stand whole beside the diagram, the replicas’ rows in the first screen', async () => {
    page = await lab.open('?scenario=acks1-failover', { width: 1024, height: 768 });
    await runTo(page, 6_500);
    await page.waitForFunction(() => !!document.querySelector('.stage-side .unnoticed'));
    const cut = await page.locator('.stage-side').evaluate((side) => {
      const box = side.getBoundingClientRect();
      return { scroll: side.scrollHeight - side.clientHeight, below: side.querySelector('.guide')!.getBoundingClientRect().bottom - box.bottom };
    });
    expect(cut.scroll).toBeLessThanOrEqual(1);
    expect(cut.below).toBeLessThanOrEqual(1);
    const b3 = (await page.getByTestId('partition-orders-0').getByTestId('replica-3').boundingBox())!;
    expect(b3.y + b3.height).toBeLessThanOrEqual(768);
  });

  for (const [width, height, lang] of [
    [1280, 800, 'en'],
    [1280, 800, 'zh-CN'],
    [1024, 768, 'en'],
    [390, 844, 'zh-CN'],
  ] as const)
    it(`the safe settings beside their button break only between settings, each key=value whole (${width}×${height}, ${lang})`, async () => {
      page = await lab.open(`?lang=${lang}`, { width, height });
      await page.getByTestId('safe').waitFor();
      const parts = await page.waitForFunction(() => {
        const kv = [...document.querySelectorAll('.cfg-safe .kv')];
        return kv.length === 4 && kv.map((el) => ({ text: el.textContent, lines: el.getClientRects().length, height: el.getBoundingClientRect().height }));
      });
      const list = (await parts.jsonValue()) as { text: string; lines: number; height: number }[];
      expect(list.map((p) => p.text)).toContain('unclean.leader.election.enable=false');
      // One line box each: a key=value broken in the middle ("…enabl / e=false") is two.
      for (const p of list) expect(p.lines, p.text).toBe(1);
      const box = await page.locator('.cfg-safe small').evaluate((el) => ({ over: el.scrollWidth - el.clientWidth, right: el.getBoundingClientRect().right, panel: el.closest('.panel')!.getBoundingClientRect().right }));
      expect(box.over).toBeLessThanOrEqual(0);
      expect(box.right).toBeLessThanOrEqual(box.panel);
    });

  for (const lang of ['en', 'zh-CN'])
    it(`presenter mode at 1920×1080 (${lang}): the offset ruler above the replicas draws its numbers at 20 px on screen, as tall as the rows' text`, async () => {
      page = await lab.open(`?scenario=acks1-failover&lang=${lang}`, { width: 1920, height: 1080 });
      const ruler = async () =>
        page.locator('[data-testid=partition-orders-0] canvas.axis').evaluate((c: HTMLCanvasElement) => Number(c.dataset.minFont) * (c.getBoundingClientRect().height / parseFloat(c.style.height)));
      await page.waitForFunction(() => !!(document.querySelector('[data-testid=partition-orders-0] canvas.axis') as HTMLCanvasElement | null)?.dataset.minFont);
      // The lab's smallest text anywhere: 12 px.
      expect(await ruler()).toBeGreaterThanOrEqual(12);
      await page.keyboard.press('p');
      await page.waitForFunction(() => {
        const c = document.querySelector('[data-testid=partition-orders-0] canvas.axis') as HTMLCanvasElement | null;
        return document.documentElement.classList.contains('presenter') && !!c && Number(c.dataset.minFont) * (c.getBoundingClientRect().height / parseFloat(c.style.height)) >= 20;
      });
      expect(await ruler()).toBeGreaterThanOrEqual(20);
    });

  for (const [width, height] of [
    [1024, 768],
    [1280, 800],
  ] as const)
    it(`the fates' labels in 中文 never leave one character alone on a line (${width}×${height}, the acks=1 failover's election)`, async () => {
      page = await lab.open('?scenario=acks1-failover&lang=zh-CN', { width, height });
      await runTo(page, 13_250);
      const handle = await page.waitForFunction(() => {
        const dts = [...document.querySelectorAll('.fates .count dt')];
        if (dts.length < 8) return false;
        // Characters grouped by the line they sit on.
        return dts.flatMap((dt) => {
          const text = dt.textContent ?? '';
          const lines = new Map<number, number>();
          const range = document.createRange();
          const node = dt.firstChild!;
          for (let i = 0; i < text.length; i++) {
            range.setStart(node, i);
            range.setEnd(node, i + 1);
            const top = Math.round(range.getBoundingClientRect().top);
            lines.set(top, (lines.get(top) ?? 0) + 1);
          }
          return [...lines.values()].some((n) => n < 2) ? [text] : [];
        });
      });
      // Before: "已确认却丢" then "失" alone at 1024 px.
      expect(await handle.jsonValue()).toEqual([]);
    });

  it('at 800×600 the guide under the low diagram is as tall as its text: no half-empty box before the logs', async () => {
    page = await lab.open('?scenario=acks1-failover', { width: 800, height: 600 });
    await page.waitForFunction(() => !!document.querySelector('.stage-side .guide'));
    const gap = await page.locator('.stage-side').evaluate((side) => side.getBoundingClientRect().bottom - [...side.children].pop()!.getBoundingClientRect().bottom);
    // It kept a 12em box (168 px) for a 98 px guide.
    expect(gap).toBeLessThanOrEqual(2);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
  });

  for (const width of [800, 900, 1000])
    it(`at ${width} px the top bar and the transport are one line each, no control over another, all in the window`, async () => {
      page = await lab.open('?scenario=acks1-failover', { width, height: 700 });
      await page.getByTestId('play').waitFor();
      const bad = await page.evaluate(() => {
        const out: string[] = [];
        for (const bar of ['.topbar', '.transport']) {
          const kids = [...document.querySelectorAll(`${bar} > *`)].filter((el) => el.getClientRects().length && getComputedStyle(el).clipPath !== 'inset(50%)');
          const boxes = kids.map((el) => ({ name: `${el.tagName.toLowerCase()}.${String(el.getAttribute('class') ?? '').split(' ')[0]}`, r: el.getBoundingClientRect() }));
          for (const { name, r } of boxes) if (r.left < 0 || r.right > innerWidth + 0.5) out.push(`${name} outside the window`);
          for (let i = 0; i < boxes.length; i++)
            for (let j = i + 1; j < boxes.length; j++) {
              const [a, b] = [boxes[i].r, boxes[j].r];
              if (a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5) out.push(`${boxes[i].name} over ${boxes[j].name}`);
            }
          // The select inside its label does not spill over the next control either.
          const sel = document.querySelector(`${bar} .preset select`)?.getBoundingClientRect();
          const next = document.querySelector(`${bar} .preset`)?.nextElementSibling?.getBoundingClientRect();
          if (sel && next && sel.right > next.left + 0.5) out.push('the scenario menu under the next control');
          const tops = new Set(boxes.map(({ r }) => Math.round(r.top + r.height / 2)));
          if (Math.max(...tops) - Math.min(...tops) > 12) out.push(`${bar} on more than one line`);
        }
        return out;
      });
      expect(bad).toEqual([]);
    });
});
