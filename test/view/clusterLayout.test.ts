/**
 * The cluster diagram's layout: for 1 to 9 brokers, with none to four
 * producers and none to nine consumers, in every room the stage gives it (a
 * wide screen, under 1280 px, low beside the guide on a wide screen and
 * under 1280 px, beside the charts), no
 * two nodes' boxes overlap (a crashed broker is never hidden behind its
 * neighbour) and every box lies inside the drawing.
 */
import { describe, expect, it } from 'vitest';
import { BOX, clusterLayout, diagramWidth, overlappingPairs } from '../../src/view/clusterLayout.ts';

const names = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);

describe('cluster layout', () => {
  for (const room of [{}, { narrow: true }, { flat: true }, { narrow: true, flat: true }, { charts: true }])
    for (let brokers = 1; brokers <= 9; brokers++)
      it(`${brokers} broker(s), room ${JSON.stringify(room)}: no overlapping boxes, all inside the drawing`, () => {
        for (const producers of [0, 1, 2, 4])
          for (const consumers of [0, 1, 4, 5, 9]) {
            const l = clusterLayout(brokers, names('p', producers), names('c', consumers), diagramWidth(brokers, room));
            expect(overlappingPairs(l), `${producers} producers, ${consumers} consumers`).toEqual([]);
            expect(l.pos.size).toBe(1 + brokers + producers + consumers);
            for (const [name, p] of l.pos) {
              const b = BOX[l.kind.get(name)!];
              expect(p.x - b.w / 2, name).toBeGreaterThanOrEqual(0);
              expect(p.y - b.h / 2, name).toBeGreaterThanOrEqual(0);
              expect(p.x + b.w / 2, name).toBeLessThanOrEqual(l.w);
              expect(p.y + b.h / 2, name).toBeLessThanOrEqual(l.h);
            }
          }
      });

  it('nine brokers on a wide screen are drawn no taller than 400 units, so logs stay near the top', () => {
    expect(clusterLayout(9, ['p1', 'p2'], [], diagramWidth(9)).h).toBeLessThanOrEqual(400);
  });

  it('three brokers low beside the guide under 1280 px (1024×768) take two rows of cards, not the ring’s three', () => {
    const ring = clusterLayout(3, ['p1'], [], diagramWidth(3, { narrow: true }));
    for (const producers of [[], ['p1'], ['p1', 'p2']]) {
      const low = clusterLayout(3, producers, [], diagramWidth(3, { narrow: true, flat: true }));
      expect(low.h).toBeLessThanOrEqual(2 * 60 + 20);
      expect(low.h).toBeLessThan(ring.h * 0.6);
    }
  });
});
