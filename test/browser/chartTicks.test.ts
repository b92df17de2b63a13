/**
 * The charts' axis numbers read as text beside them, at every width: the
 * charts are SVGs drawn to their column's width, and their tick labels were
 * sized in the drawing's own units, so at 1920×1080 they stood ~30 px tall
 * beside 12 px legends. Measured in real Chromium, as drawn on screen.
 */
import { describe, expect, it } from 'vitest';
import { labSession } from './labSession.ts';

const lab = labSession();

describe('chart tick labels', () => {
  for (const [width, height] of [[1920, 1080], [1280, 800], [390, 844]] as const) {
    it(`are drawn 12 px tall or so at ${width}×${height}, whatever the chart's width`, async () => {
      const page = await lab.open('?scenario=acks1-failover', { width, height });
      const chart = page.locator('.chart svg').first();
      await chart.scrollIntoViewIfNeeded();
      await page.locator('.chart .tick').first().waitFor();
      const sizes = await page.evaluate(() =>
        [...document.querySelectorAll('.chart svg')].map((svg) => ({
          drawn: Math.round(svg.getBoundingClientRect().width),
          ticks: [...svg.querySelectorAll('.tick')].map((t) => Math.round(t.getBoundingClientRect().height)),
        })),
      );
      expect(sizes.length).toBeGreaterThan(0);
      for (const s of sizes) {
        expect(s.ticks.length).toBeGreaterThan(0);
        // A 12 px font's glyph box is 12–15 px tall; drawn at the chart's scale it was 24–35 at 1920.
        for (const h of s.ticks) expect({ drawn: s.drawn, h }).toEqual({ drawn: s.drawn, h: expect.toSatisfy((v: number) => v >= 10 && v <= 16) });
      }
    });
  }
});
