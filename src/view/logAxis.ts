/**
 * The offset axis above a partition's replicas: an overview strip of the
 * whole log (offset 0 to the newest record) with each replica's end, the HW
 * and the detail window marked, and under it a ruler with full offsets,
 * spaced so every label is readable at any cell width.
 */
export interface AxisDraw {
  width: number;
  /** Newest offset + 1 of any replica. */
  top: number;
  hw: number;
  leos: { leo: number; down: boolean }[];
  from: number;
  to: number;
  cell: number;
  /** Text size factor: 1, or larger in presenter mode (logCanvas.ts PRESENTER_TEXT), as the replicas' rows. */
  text?: number;
}

const STRIP = 10;
/** The ruler's labels (CSS px at text factor 1): 12, the smallest text the lab draws anywhere. */
const LABEL_PX = 12;
/** The axis's height in CSS px for a text factor: the overview strip, the ticks, a line of labels. */
export const axisHeight = (k = 1) => Math.round(STRIP + 5 + 15 * k);

/** Ruler step: the smallest 1-2-5 step whose labels do not overlap (a monospace digit is about 0.61 em). */
export function rulerStep(cell: number, digits: number, k = 1): number {
  const need = digits * 0.61 * LABEL_PX * k + 10;
  for (let s = 1; ; s *= 10) for (const k of [1, 2, 5]) if (k * s * cell >= need) return k * s;
}

export function paintAxis(canvas: HTMLCanvasElement, d: AxisDraw): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const dpr = Math.min(2, window.devicePixelRatio || 1);
  const k = d.text ?? 1;
  const height = axisHeight(k);
  const w = Math.round(d.width * dpr);
  const h = Math.round(height * dpr);
  if (canvas.width !== w || canvas.height !== h) {
    canvas.width = w;
    canvas.height = h;
    canvas.style.width = `${d.width}px`;
    canvas.style.height = `${height}px`;
    // The smallest text it draws, in CSS px, for a test to read (presenter mode: 20 px on screen).
    canvas.dataset.minFont = (LABEL_PX * k).toFixed(2);
  }
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, d.width, height);
  // Overview: the whole log squeezed into the width.
  const span = Math.max(1, d.top + 1);
  const OX = (o: number) => (Math.max(0, Math.min(span, o)) / span) * (d.width - 2) + 1;
  ctx.fillStyle = '#dfe3e8';
  ctx.fillRect(0, 1, d.width, STRIP - 2);
  ctx.fillStyle = '#8fb4dc';
  ctx.fillRect(OX(0), 2, OX(d.hw) - OX(0), STRIP - 4);
  // The detail window, outlined.
  ctx.strokeStyle = '#0b5cad';
  ctx.lineWidth = 2;
  const wx = OX(d.from);
  ctx.strokeRect(wx, 1, Math.max(4, OX(d.to) - wx), STRIP - 2);
  for (const r of d.leos) {
    ctx.fillStyle = r.down ? '#b00020' : '#0b5cad';
    ctx.fillRect(OX(r.leo) - 1, 0, 2, STRIP);
  }
  ctx.fillStyle = '#000';
  ctx.fillRect(OX(d.hw) - 1, 0, 2, STRIP);
  // Ruler: full offsets at a readable spacing, ticks at each cell when they are wide enough.
  const step = rulerStep(d.cell, String(d.to).length, k);
  ctx.font = `600 ${(LABEL_PX * k).toFixed(2)}px ui-monospace, "DejaVu Sans Mono", monospace`;
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'center';
  ctx.fillStyle = '#2b2f36';
  const first = Math.ceil(d.from / step) * step;
  for (let o = first; o < d.to; o += step) {
    const x = (o - d.from) * d.cell + d.cell / 2;
    ctx.fillRect(x - 0.5, STRIP + 1, 1, 4);
    const label = String(o);
    const tw = ctx.measureText(label).width;
    ctx.fillText(label, Math.max(tw / 2, Math.min(d.width - tw / 2, x)), STRIP + 5 + 7.5 * k);
  }
}
