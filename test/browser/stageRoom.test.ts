/**
 * The stage's room, in real Chromium, where earlier layouts left some empty
 * or cut something off: at 1920×1080 a small cluster leaves nothing empty in
 * any column of the first screen (a third column of its own left the space
 * under the actions empty) and its actions are in view; presenter mode with
 * nine brokers shows the controller banner and the guide whole; a crashed
 * broker's spreading ring passes under the controller's card, not over it.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { labSession } from './labSession.ts';
import { runTo } from './runTo.ts';
import { tallestEmpty } from './emptySpace.ts';

const lab = labSession();
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
});
