/**
 * Draws one replica's log cells on a canvas: an imperative factory, so a busy
 * cluster costs a few draw calls per row instead of hundreds of DOM nodes.
 * Flushed cells are solid with a dark border; cells only in the page cache
 * are paler with a dashed border; removed (truncated) cells are drawn as red
 * crosses for a moment.
 */
import type { CellSnap } from '../engine/snapshot.ts';
import { keyColor, keyText } from './hooks.ts';

export interface LogDraw {
  cells: CellSnap[];
  ghosts: CellSnap[];
  start: number;
  cell: number;
  width: number;
  height: number;
}

const TOP = 8;
const H = 26;

/** Mixes a colour with white: page-cache cells read as "not yet solid". */
function pale(hex: string, k: number): string {
  const n = parseInt(hex.slice(1), 16);
  const mix = (c: number) => Math.round(c + (255 - c) * k);
  return `rgb(${mix((n >> 16) & 255)},${mix((n >> 8) & 255)},${mix(n & 255)})`;
}

export function createLogPainter(canvas: HTMLCanvasElement) {
  const ctx = canvas.getContext('2d');
  return function paint(d: LogDraw): void {
    if (!ctx) return;
    const dpr = Math.min(2, window.devicePixelRatio || 1);
    const w = Math.round(d.width * dpr);
    const h = Math.round(d.height * dpr);
    if (canvas.width !== w || canvas.height !== h) {
      canvas.width = w;
      canvas.height = h;
      canvas.style.width = `${d.width}px`;
      canvas.style.height = `${d.height}px`;
    }
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, d.width, d.height);
    const cw = d.cell - 3;
    const text = d.cell >= 22;
    ctx.font = '600 11.5px ui-monospace, "DejaVu Sans Mono", monospace';
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.lineWidth = 2;
    for (const c of d.cells) {
      if (c.o < d.start) continue;
      const x = (c.o - d.start) * d.cell + 1;
      const base = keyColor(c.k);
      ctx.fillStyle = c.d ? base : pale(base, 0.45);
      ctx.fillRect(x, TOP, cw, H);
      ctx.setLineDash(c.d ? [] : [3, 2]);
      ctx.strokeStyle = c.d ? 'rgba(0,0,0,.75)' : 'rgba(0,0,0,.6)';
      ctx.strokeRect(x + 1, TOP + 1, cw - 2, H - 2);
      if (text) {
        ctx.fillStyle = keyText(c.k);
        ctx.fillText(String(c.o % 1000), x + cw / 2, TOP + H / 2 + 1, cw - 4);
      }
    }
    ctx.setLineDash([]);
    for (const g of d.ghosts) {
      if (g.o < d.start) continue;
      const x = (g.o - d.start) * d.cell + 1;
      ctx.fillStyle = 'rgba(255,255,255,.85)';
      ctx.fillRect(x, TOP, cw, H);
      ctx.strokeStyle = '#b00020';
      ctx.lineWidth = 2.5;
      ctx.strokeRect(x + 1, TOP + 1, cw - 2, H - 2);
      ctx.beginPath();
      ctx.moveTo(x + 5, TOP + 5);
      ctx.lineTo(x + cw - 5, TOP + H - 5);
      ctx.moveTo(x + cw - 5, TOP + 5);
      ctx.lineTo(x + 5, TOP + H - 5);
      ctx.stroke();
      ctx.lineWidth = 2;
    }
  };
}

/** The cell under a point of the row, for clicks. */
export function cellAt(cells: CellSnap[], start: number, cell: number, x: number): CellSnap | undefined {
  const o = start + Math.floor(x / cell);
  return cells.find((c) => c.o === o);
}
