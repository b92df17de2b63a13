/**
 * One chart over simulated time drawn on a canvas: grid, tick labels and one
 * polyline per series, the part after the moment on screen (a scrubbed-back
 * timeline) faint. Drawn in the units of a W×H box scaled to the canvas's
 * width, as the SVG it replaces was (its text grows with the chart). A new
 * sample redraws one canvas: as SVG, each sample re-set some twenty paths'
 * `d`, moved the x ticks and laid out and repainted the charts (a 3 to 10 ms
 * frame, four times a simulated second).
 */
import { scaleLinear, type ScaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import type { ChartSample } from '../timeline/protocol.ts';
import { formatMs } from '../i18n/index.ts';

export const W = 300;
export const H = 150;
export const M = { l: 34, r: 8, t: 8, b: 20 };

/** The page's font (lab.css), at the SVG's 12 units: a constant, as reading the canvas's computed style would flush style each draw. */
const FONT = "12px system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Noto Sans CJK SC', 'Noto Sans SC', sans-serif";

export interface Series {
  name: string;
  color: string;
  get: (s: ChartSample) => number;
  dash?: string;
  width?: number;
}

/** The chart's x scale (simulated ms to units): the newest sample at the right edge, at least 1 s. */
export function xScale(samples: ChartSample[]): ScaleLinear<number, number> {
  const tMax = Math.max(1000, samples.length ? samples[samples.length - 1].t : 0);
  return scaleLinear().domain([0, tMax]).range([M.l, W - M.r]).clamp(true);
}

/**
 * Draws the chart onto `canvas` at its CSS width `cssW` (px): `past` samples
 * (the first `past` of them) solid, the rest faint.
 */
export function drawChart(canvas: HTMLCanvasElement, cssW: number, samples: ChartSample[], series: Series[], past: number): void {
  const ctx = canvas.getContext('2d');
  if (!ctx || cssW <= 0) return;
  const dpr = window.devicePixelRatio || 1;
  const k = cssW / W;
  const pw = Math.round(cssW * dpr);
  const ph = Math.round(((cssW * H) / W) * dpr);
  if (canvas.width !== pw || canvas.height !== ph) {
    canvas.width = pw;
    canvas.height = ph;
  }
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, pw, ph);
  ctx.setTransform(k * dpr, 0, 0, k * dpr, 0, 0);
  let yMax = 1;
  for (const s of samples) for (const f of series) yMax = Math.max(yMax, f.get(s));
  const x = xScale(samples);
  const y = scaleLinear().domain([0, yMax]).nice().range([H - M.b, M.t]);
  ctx.font = FONT;
  // The SVG's .grid and .tick colours (#3a4048 on white: 10.4:1).
  ctx.fillStyle = '#3a4048';
  ctx.strokeStyle = '#e3e6ea';
  ctx.lineWidth = 1;
  ctx.setLineDash([]);
  ctx.textAlign = 'end';
  for (const v of y.ticks(3)) {
    ctx.beginPath();
    ctx.moveTo(M.l, y(v));
    ctx.lineTo(W - M.r, y(v));
    ctx.stroke();
    ctx.fillText(String(v), M.l - 6, y(v) + 4);
  }
  ctx.textAlign = 'center';
  for (const v of x.ticks(4)) ctx.fillText(formatMs(v), x(v), H - 5);
  const n = Math.min(past, samples.length);
  const solid = n === samples.length ? samples : samples.slice(0, n);
  const faint = n === samples.length ? [] : samples.slice(Math.max(0, n - 1));
  for (const f of series) {
    const path = line<ChartSample>()
      .x((s) => x(s.t))
      .y((s) => y(f.get(s)))
      .context(ctx);
    ctx.strokeStyle = f.color;
    ctx.lineWidth = f.width ?? 2;
    ctx.setLineDash(f.dash ? f.dash.split(' ').map(Number) : []);
    for (const [part, alpha] of [
      [faint, 0.25],
      [solid, 1],
    ] as const) {
      if (part.length === 0) continue;
      ctx.globalAlpha = alpha;
      ctx.beginPath();
      path(part);
      ctx.stroke();
    }
    ctx.globalAlpha = 1;
  }
}
