/**
 * One record's cell on a replica's log canvas (logCanvas.ts paints the row):
 * wide cells are key-coloured boxes with their offset, paled with a dashed
 * border while only in the page cache; narrow cells (a long log) keep their
 * full key colour under a near-black edge, with a thick dark foot once on disk.
 */
import type { CellSnap } from '../engine/checker/snapshot.ts';
import { keyColor, keyText } from './hooks.ts';

/** A cell's height in CSS px. */
export const H = 26;
/** Near-black edges of narrow cells: at least 4.5:1 on the row's background and on every key colour's neighbour. */
export const EDGE = '#1b1f24';
/** Older records not drawn one by one. */
export const OLDER = '#8a919b';

/** Mixes a colour with white: page-cache cells read as "not yet solid". */
function pale(hex: string, k: number): string {
  const n = parseInt(hex.slice(1), 16);
  const mix = (c: number) => Math.round(c + (255 - c) * k);
  return `rgb(${mix((n >> 16) & 255)},${mix((n >> 8) & 255)},${mix(n & 255)})`;
}


export function drawCell(ctx: CanvasRenderingContext2D, c: CellSnap, x: number, cw: number, text: boolean, TOP: number): void {
  const base = keyColor(c.k);
  if (cw < 5) {
    // Narrow cells (a long log): a bar of full key colours, never paled (pale stripes at 1 px or less vanish into the
    // background). A dark edge on top keeps the band readable (≥ 4.5:1); flushed records get a thick dark foot,
    // records only in the page cache a thin one over white, so the flushed part reads as the solid one.
    // Sub-pixel cells snap to whole pixels (anti-aliased half pixels blend into pastel).
    const px = cw < 1 ? Math.floor(x) : x;
    const w = cw < 1 ? 1 : cw;
    ctx.fillStyle = base;
    ctx.fillRect(px, TOP, w, H);
    ctx.fillStyle = EDGE;
    ctx.fillRect(px, TOP, w, 2);
    if (c.d) ctx.fillRect(px, TOP + H - 6, w, 6);
    else {
      ctx.fillRect(px, TOP + H - 2, w, 2);
      ctx.fillStyle = '#fff';
      ctx.fillRect(px, TOP + H - 6, w, 4);
    }
    return;
  }
  ctx.fillStyle = c.d ? base : pale(base, 0.45);
  ctx.fillRect(x, TOP, cw, H);
  ctx.setLineDash(c.d ? [] : [3, 2]);
  ctx.strokeStyle = c.d ? 'rgba(0,0,0,.75)' : 'rgba(0,0,0,.6)';
  ctx.strokeRect(x + 1, TOP + 1, cw - 2, H - 2);
  if (text) {
    // A page-cache cell is its colour mixed 45% with white: black text reads on every one of them (≥ 4.5:1).
    ctx.fillStyle = c.d ? keyText(c.k) : '#000';
    ctx.fillText(String(c.o), x + cw / 2, TOP + H / 2 + 1);
  }
}
