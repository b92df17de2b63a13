/**
 * Where the cluster diagram puts its nodes, for 1 to 9 brokers and any number
 * of producers and consumers, without two boxes overlapping: producers in a
 * column on the left, the KRaft controller in the middle of a ring of broker
 * cards, consumers in rows underneath. The ring is an ellipse whose height
 * grows until no card touches another card or the controller, so a crashed
 * broker is never hidden behind its neighbour. Pure: sizes in SVG units.
 */

export interface Pt {
  x: number;
  y: number;
}

/** Each kind of node's box (width, height), centred on its position. */
export const BOX = {
  controller: { w: 108, h: 44 },
  broker: { w: 110, h: 60 },
  producer: { w: 76, h: 52 },
  consumer: { w: 100, h: 54 },
} as const;

export type NodeKind = keyof typeof BOX;

export interface ClusterLayout {
  /** The viewBox: width and height. */
  w: number;
  h: number;
  pos: Map<string, Pt>;
  kind: Map<string, NodeKind>;
}

/** Free space kept between two boxes, and around the edge. */
const GAP = 8;
const EDGE = 4;
const PRODUCER_COLUMN = 84;
const PRODUCER_STEP = 62;
const CONSUMER_STEP_X = 108;
const CONSUMER_STEP_Y = 64;

/**
 * The diagram's width for a cluster. The stage draws it at least one CSS
 * pixel per unit (stage.css), so its smallest text (12 units) is 12 px.
 * - Up to three brokers: a side column (340), or `flat` where the guide
 *   stands beside it, so the row is as tall as the guide and nothing is left
 *   empty under it: a low ring (520 units) on a wide screen, and under 1280
 *   px (`narrow`: 1024×768, where the guide needs most of its column) a
 *   medium-width one (360), three brokers as a low triangle (see `triangle`).
 * - From four: 560 units wide (four brokers to a row), three to a row (380)
 *   under 1280 px (`narrow`), which still leaves the guide room beside it at
 *   1024, or four to a row with the consumers four to a row too (480) where
 *   the charts stand beside it (`charts`: three charts of 300 units each
 *   need the room).
 */
export function diagramWidth(brokers: number, room: { narrow?: boolean; flat?: boolean; charts?: boolean } = {}): number {
  if (brokers <= 3) return room.flat ? (room.narrow ? MEDIUM : 520) : 340;
  return room.narrow ? 380 : room.charts ? 480 : 560;
}

/** A small cluster's low diagram under 1280 px: three broker cards and the controller side by side, the producers' cards above the outer two. */
const MEDIUM = 360;

export function overlaps(a: Pt, ka: NodeKind, b: Pt, kb: NodeKind, gap = GAP): boolean {
  const A = BOX[ka];
  const B = BOX[kb];
  return Math.abs(a.x - b.x) < (A.w + B.w) / 2 + gap && Math.abs(a.y - b.y) < (A.h + B.h) / 2 + gap;
}

/** Broker i of n on an ellipse of radii (rx, ry) around (cx, cy), clockwise from the top (or half a step past it). */
function ring(n: number, cx: number, cy: number, rx: number, ry: number, half: boolean): Pt[] {
  return Array.from({ length: n }, (_, i) => {
    const a = -Math.PI / 2 + ((i + (half ? 0.5 : 0)) * 2 * Math.PI) / n;
    return { x: cx + rx * Math.cos(a), y: cy + ry * Math.sin(a) };
  });
}

function ringIsClear(pts: Pt[], centre: Pt): boolean {
  for (let i = 0; i < pts.length; i++) {
    if (overlaps(pts[i], 'broker', centre, 'controller')) return false;
    for (let j = i + 1; j < pts.length; j++) if (overlaps(pts[i], 'broker', pts[j], 'broker')) return false;
  }
  return true;
}

export function clusterLayout(brokers: number, producers: readonly string[], consumers: readonly string[] = [], width = diagramWidth(brokers)): ClusterLayout {
  const pos = new Map<string, Pt>();
  const kind = new Map<string, NodeKind>();
  const put = (name: string, k: NodeKind, p: Pt) => {
    pos.set(name, p);
    kind.set(name, k);
  };
  const left = producers.length ? PRODUCER_COLUMN : EDGE;
  const cx = (left + width) / 2;
  // Cards stay inside [left, width - EDGE].
  const rx = Math.max(0, (width - EDGE - left) / 2 - BOX.broker.w / 2);
  // The flattest ellipse that keeps every card clear of its neighbours and of the controller,
  // starting at the top or half a step round, whichever is flatter.
  const flattest = (half: boolean) => {
    let r = 40;
    while (r < 2000 && !ringIsClear(ring(brokers, 0, 0, rx, r, half), { x: 0, y: 0 })) r += 2;
    return r;
  };
  const [ryTop, ryHalf] = [flattest(false), flattest(true)];
  // The first broker on top reads best; half a step round only when that is much flatter (an even count).
  const half = brokers > 1 && ryHalf < 0.8 * ryTop;
  const ry = half ? ryHalf : ryTop;
  const ringPts = ring(brokers, 0, 0, rx, ry, half);
  const topmost = Math.min(0, ...ringPts.map((p) => p.y));
  const ringHeight = Math.max(0, ...ringPts.map((p) => p.y)) - topmost;
  // Too narrow for a ring (a phone): producers, then the controller, in rows on top (as many to a row as fit),
  // the brokers in rows under them, using the whole width.
  const cols = Math.max(1, Math.floor((width - 2 * EDGE + GAP) / (BOX.broker.w + GAP)));
  const flow: { name: string; k: NodeKind; x: number; row: number }[] = [];
  let x = EDGE;
  let row = 0;
  for (const [name, k] of [...producers.map((p) => [p, 'producer'] as const), ['controller', 'controller'] as const]) {
    if (x > EDGE && x + BOX[k].w > width - EDGE) {
      x = EDGE;
      row++;
    }
    flow.push({ name, k, x: x + BOX[k].w / 2, row });
    x += BOX[k].w + GAP;
  }
  const ROW = BOX.producer.h + GAP;
  const gridHeight = (row + 1) * ROW + Math.ceil(brokers / cols) * (BOX.broker.h + GAP);
  let bottom = 0;
  const low = triangle(brokers, producers.length, width);
  if (low && ringHeight + BOX.broker.h > 1.5 * low.h) {
    // Where the ring would be far taller than the triangle (its lower cards cannot sit beside the controller).
    put('controller', 'controller', low.controller);
    low.brokers.forEach((p, i) => put(`b${i + 1}`, 'broker', p));
    producers.forEach((p, i) => put(p, 'producer', low.producers[i]));
    bottom = low.h;
  } else if (ringIsClear(ringPts, { x: 0, y: 0 }) && ringHeight <= 1.5 * gridHeight) {
    const cy = EDGE + BOX.broker.h / 2 - topmost;
    put('controller', 'controller', { x: cx, y: cy });
    ringPts.forEach((p, i) => put(`b${i + 1}`, 'broker', { x: cx + p.x, y: cy + p.y }));
    producers.forEach((p, i) => put(p, 'producer', { x: EDGE + BOX.producer.w / 2 + 2, y: EDGE + BOX.producer.h / 2 + i * PRODUCER_STEP }));
    bottom = Math.max(cy + BOX.controller.h / 2, cy + ringHeight + topmost + BOX.broker.h / 2);
    if (producers.length) bottom = Math.max(bottom, EDGE + BOX.producer.h + (producers.length - 1) * PRODUCER_STEP);
  } else {
    // The controller alone on its row sits in the middle.
    for (const f of flow) put(f.name, f.k, { x: f.k === 'controller' && f.x === EDGE + BOX.controller.w / 2 ? width / 2 : f.x, y: EDGE + BOX.producer.h / 2 + f.row * ROW });
    const x0 = width / 2 - ((cols - 1) * (BOX.broker.w + GAP)) / 2;
    for (let i = 0; i < brokers; i++) {
      const r = Math.floor(i / cols);
      put(`b${i + 1}`, 'broker', { x: x0 + (i % cols) * (BOX.broker.w + GAP), y: EDGE + (row + 1) * ROW + BOX.broker.h / 2 + r * (BOX.broker.h + GAP) });
    }
    bottom = EDGE + gridHeight - GAP;
  }
  // Consumers in rows under everything else, as many to a row as fit.
  const perRow = Math.max(1, Math.floor((width - 2 * EDGE) / CONSUMER_STEP_X));
  const y0 = bottom + GAP + 18 + BOX.consumer.h / 2;
  consumers.forEach((c, i) => put(c, 'consumer', { x: EDGE + BOX.consumer.w / 2 + 2 + (i % perRow) * CONSUMER_STEP_X, y: y0 + Math.floor(i / perRow) * CONSUMER_STEP_Y }));
  const h = consumers.length ? y0 + (Math.ceil(consumers.length / perRow) - 1) * CONSUMER_STEP_Y + BOX.consumer.h / 2 + EDGE : bottom + EDGE + 4;
  return { w: width, h: Math.ceil(h), pos, kind };
}

/**
 * Three brokers low and medium-wide: b1 on top in the middle, the controller
 * under it with b3 and b2 on either side, the producers (one or two) in the
 * top corners beside b1. Two rows of cards instead of the ring's three, so
 * at 1024×768 the logs start higher. Undefined where it does not fit.
 */
function triangle(brokers: number, producers: number, width: number): { h: number; controller: Pt; brokers: Pt[]; producers: Pt[] } | undefined {
  const side = BOX.broker.w + GAP + BOX.controller.w / 2;
  if (brokers !== 3 || producers > 2 || width < 2 * (EDGE + side + 1)) return undefined;
  const cx = width / 2;
  const top = EDGE + BOX.broker.h / 2;
  // The controller right under b1; b3 and b2 level with it, one card and a gap out from it.
  const mid = top + (BOX.broker.h + BOX.controller.h) / 2 + GAP;
  const out = BOX.broker.w / 2 + GAP + BOX.controller.w / 2 + 1;
  const py = EDGE + BOX.producer.h / 2;
  const px = EDGE + BOX.producer.w / 2 + 2;
  return {
    h: mid + BOX.broker.h / 2,
    controller: { x: cx, y: mid },
    brokers: [{ x: cx, y: top }, { x: cx + out, y: mid }, { x: cx - out, y: mid }],
    producers: [{ x: px, y: py }, { x: width - px, y: py }].slice(0, producers),
  };
}

/** Every pair of boxes that overlap (for tests and for a check in development). */
export function overlappingPairs(l: ClusterLayout): [string, string][] {
  const names = [...l.pos.keys()];
  const out: [string, string][] = [];
  for (let i = 0; i < names.length; i++)
    for (let j = i + 1; j < names.length; j++) {
      const a = names[i];
      const b = names[j];
      if (overlaps(l.pos.get(a)!, l.kind.get(a)!, l.pos.get(b)!, l.kind.get(b)!, 0)) out.push([a, b]);
    }
  return out;
}
