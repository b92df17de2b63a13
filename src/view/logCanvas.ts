/**
 * Draws one replica's log on a canvas: an imperative factory, so a busy
 * cluster costs a few draw calls per row instead of hundreds of DOM nodes.
 * Flushed cells are solid with a dark border; cells only in the page cache
 * are paler with a dashed border (narrow cells keep their full colour: a thick
 * dark foot marks flushed records, a thin one the page cache); removed (truncated) cells are drawn as red
 * crosses that fade over a moment of simulated time; leader-epoch boundaries
 * are violet bars between cells; the record whose story is open is outlined. The HW and LEO markers are drawn here too: moving
 * DOM markers made the browser repaint and re-layer the panel every frame.
 */
import type { CellSnap } from '../engine/checker/snapshot.ts';
import { drawCell, EDGE, H, OLDER } from './logCells.ts';

export interface LogDraw {
  cells: CellSnap[];
  /** Removed cells with their fade (1 = just removed), placed by simulated time. */
  ghosts: { c: CellSnap; a: number }[];
  /** Offset of the cell with keyboard focus, or -1. */
  focus?: number;
  start: number;
  cell: number;
  width: number;
  height: number;
  leo: number;
  hw: number;
  /** Shown when the whole log is left of the window. */
  behind: string;
  /** Message whose story is open: its record is outlined. */
  mark?: number;
  /** Text size factor: 1, or larger in presenter mode (see PRESENTER_TEXT). */
  text?: number;
}

/** The strip above the cells holds the HW label and the LEO arrow; the HW bar runs in the gap between two cells. */
const TOP0 = 13;
/** Font sizes (CSS px) at text factor 1: offsets in cells, the HW label, the "behind the window" line. */
const CELL_PX = 12;
const LABEL_PX = 12;
const BEHIND_PX = 13;
/**
 * Presenter mode zooms the lab 1.5×; this factor brings the smallest canvas
 * text (the HW label) to 13.4 CSS px, 20 px on screen, like the DOM text.
 */
export const PRESENTER_TEXT = 13.4 / LABEL_PX;
const top = (k: number) => Math.round(TOP0 * k);
/** A row's height in CSS px for a text factor. */
export const logRowHeight = (k = 1) => top(k) + H + 5;
const font = (weight: number, px: number, mono: boolean) => `${weight} ${px.toFixed(2)}px ${mono ? 'ui-monospace, "DejaVu Sans Mono", monospace' : 'system-ui, "Noto Sans", sans-serif'}`;

/**
 * Paints a replica's row incrementally: as records arrive the row scrolls, so
 * the pixels already drawn are shifted with one copy and only new or changed
 * cells (a new record, one that reached the disk) are drawn. Text is the slow
 * part of a log in software rendering; a busy cluster draws a few cells per
 * row per frame instead of every cell. Ghosts, focus or a new geometry repaint
 * the row.
 */
export function createLogPainter(canvas: HTMLCanvasElement) {
  const ctx = canvas.getContext('2d');
  /** What is on the canvas: offset -> "message|disk", and the geometry it was drawn with. */
  let drawn = new Map<number, string>();
  let geo = '';
  let lastStart = -1;
  let overlay = false;
  /** Left edge of the HW bar drawn last (css px), or null. */
  let bar: number | null = null;
  /** Left edges of the epoch-boundary bars drawn last (css px). */
  let epochs: number[] = [];
  return function paint(d: LogDraw): void {
    if (!ctx) return;
    const k = d.text ?? 1;
    const TOP = top(k);
    const dpr = Math.min(2, window.devicePixelRatio || 1);
    const w = Math.round(d.width * dpr);
    const h = Math.round(d.height * dpr);
    if (canvas.width !== w || canvas.height !== h) {
      canvas.width = w;
      canvas.height = h;
      canvas.style.width = `${d.width}px`;
      canvas.style.height = `${d.height}px`;
      geo = '';
    }
    // A gap between cells while they are wide enough to keep it.
    const cw = d.cell >= 8 ? d.cell - 3 : d.cell >= 4 ? d.cell - 1 : d.cell;
    // Wide cells sit 1 px in from their slot; narrow ones fill it from its left edge (a cell must not spill into the next slot, which clears it).
    const pad = d.cell >= 8 ? 1 : 0;
    // The whole offset or none: the ruler above the rows carries offsets cells have no room for.
    const text = cw - 4 >= String(d.start + Math.ceil(d.width / d.cell)).length * 0.61 * CELL_PX * k; // a monospace digit is about 0.6 em
    const X = (o: number) => (o - d.start) * d.cell;
    const g = `${d.cell}|${d.width}|${dpr}|${k}`;
    const marked = d.mark !== undefined && d.cells.some((c) => c.m === d.mark && c.o >= d.start);
    const hasOverlay = d.ghosts.length > 0 || (d.focus !== undefined && d.focus >= d.start) || d.leo < d.start || marked;
    // Sub-pixel cells cannot be scrolled by whole pixels: they repaint.
    const full = g !== geo || overlay || hasOverlay || d.start < lastStart || d.cell < 1;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    if (g !== geo) {
      // Setting a font parses it: only when the canvas was resized (which resets its state).
      ctx.font = font(600, CELL_PX * k, true);
      ctx.textBaseline = 'middle';
      // The smallest text this row draws, in CSS px, for a test to read (presenter mode: 20 px on screen).
      canvas.dataset.minFont = (LABEL_PX * k).toFixed(2);
    }
    ctx.lineWidth = 2;
    if (full) {
      ctx.clearRect(0, 0, d.width, d.height);
      drawn = new Map();
      bar = null;
      epochs = [];
    } else if (d.start > lastStart) {
      // Scroll: move what is drawn left by the offsets that left the window.
      const dx = (d.start - lastStart) * d.cell;
      if (dx >= d.width) {
        ctx.clearRect(0, 0, d.width, d.height);
        bar = null;
      } else {
        const px = Math.round(dx * dpr);
        ctx.setTransform(1, 0, 0, 1, 0, 0);
        ctx.globalCompositeOperation = 'copy';
        ctx.drawImage(canvas, px, 0, w - px, h, 0, 0, w - px, h);
        ctx.globalCompositeOperation = 'source-over';
        ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
        ctx.clearRect(d.width - dx, 0, dx, d.height);
        if (bar !== null) bar -= dx;
        epochs = epochs.map((x) => x - dx);
      }
      for (const o of drawn.keys()) if (o < d.start) drawn.delete(o);
    }
    geo = g;
    lastStart = d.start;
    overlay = hasOverlay;
    // The marker strip and the old HW bar are redrawn every time.
    ctx.clearRect(0, 0, d.width, TOP);
    if (bar !== null) ctx.clearRect(bar, TOP, 3, d.height - TOP);
    for (const x of epochs) ctx.clearRect(x, TOP - 2, 3, d.height - TOP + 2);
    ctx.textAlign = 'center';
    const seen = new Set<number>();
    for (const c of d.cells) {
      if (c.o < d.start) continue;
      seen.add(c.o);
      const sig = `${c.m}|${c.d ? 1 : 0}`;
      if (drawn.get(c.o) === sig) continue;
      const x = X(c.o) + pad;
      ctx.clearRect(x - pad, TOP, d.cell, H);
      drawCell(ctx, c, x, cw, text, TOP);
      drawn.set(c.o, sig);
    }
    // Offsets no longer in the log (truncated, lost with the page cache).
    for (const o of [...drawn.keys()]) {
      if (seen.has(o)) continue;
      ctx.clearRect(X(o), TOP, d.cell, H);
      drawn.delete(o);
    }
    // Older records the snapshot does not carry one by one (offsets below cells[0].o): a grey band with dark
    // edges, so a long log never reads as empty where it has records.
    const first = d.cells.length ? d.cells[0].o : d.leo;
    const older = Math.min(first, d.leo);
    if (older > d.start) {
      const x1 = X(older) - (d.cell >= 8 ? 2 : 0);
      ctx.fillStyle = OLDER;
      ctx.fillRect(0, TOP, x1, H);
      ctx.fillStyle = EDGE;
      ctx.fillRect(0, TOP, x1, 2);
      ctx.fillRect(0, TOP + H - 2, x1, 2);
    }
    ctx.setLineDash([]);
    for (const { c: gh, a } of d.ghosts) {
      if (gh.o < d.start) continue;
      const x = X(gh.o) + pad;
      ctx.globalAlpha = Math.max(0.15, a);
      if (cw < 8) {
        // Too narrow for a cross: a red bar with a white core.
        ctx.fillStyle = '#b00020';
        ctx.fillRect(x, TOP, cw, H);
        ctx.fillStyle = '#fff';
        ctx.fillRect(x, TOP + H / 2 - 2, cw, 4);
        ctx.globalAlpha = 1;
        continue;
      }
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
      ctx.globalAlpha = 1;
    }
    // Leader-epoch boundaries: a violet bar in the gap where the epoch of the records changes.
    epochs = [];
    ctx.fillStyle = '#7B3294';
    for (let i = 1; i < d.cells.length; i++) {
      const c = d.cells[i];
      if (c.o <= d.start || c.e === d.cells[i - 1].e) continue;
      const x = X(c.o) - 2;
      ctx.fillRect(x, TOP - 2, 3, d.height - TOP + 2);
      epochs.push(x);
    }
    if (marked) {
      for (const c of d.cells) {
        if (c.m !== d.mark || c.o < d.start) continue;
        const x = X(c.o) + pad;
        ctx.strokeStyle = '#000';
        ctx.lineWidth = 3;
        ctx.setLineDash([]);
        ctx.strokeRect(x - 1.5, TOP - 2.5, cw + 3, H + 5);
        ctx.strokeStyle = '#ffd400';
        ctx.lineWidth = 1.5;
        ctx.strokeRect(x - 3.5, TOP - 4.5, cw + 7, H + 9);
      }
    }
    if (d.focus !== undefined && d.focus >= d.start) {
      const x = X(d.focus) + pad;
      ctx.strokeStyle = '#ff8c00';
      ctx.lineWidth = 3;
      ctx.strokeRect(x - 1.5, TOP - 3.5, cw + 3, H + 7);
    }
    markers(ctx, d, X, k, TOP);
    bar = d.hw >= d.start ? X(d.hw) - 2 : null;
  };
}

/** HW: a black bar between the last committed cell and the next, labelled; LEO: a blue arrow at the log end. */
function markers(ctx: CanvasRenderingContext2D, d: LogDraw, X: (o: number) => number, k: number, TOP: number): void {
  const label = font(700, LABEL_PX * k, false);
  // The strip above the cells: the HW label's box and the LEO arrow fill it.
  const strip = TOP - 1;
  ctx.font = label;
  ctx.textAlign = 'left';
  if (d.leo < d.start) {
    ctx.fillStyle = '#b00020';
    ctx.font = font(600, BEHIND_PX * k, false);
    ctx.fillText(d.behind, 8, TOP + H / 2);
  } else {
    const x = X(d.leo);
    ctx.fillStyle = '#0b5cad';
    ctx.beginPath();
    ctx.moveTo(x - 7 * k, 1);
    ctx.lineTo(x + 7 * k, 1);
    ctx.lineTo(x, strip - 1);
    ctx.closePath();
    ctx.fill();
  }
  ctx.font = label;
  const hw = `HW ${d.hw}`;
  const tw = ctx.measureText(hw).width + 6;
  if (d.hw < d.start) {
    if (d.leo >= d.start) {
      ctx.fillStyle = '#000';
      ctx.fillRect(0, 0, tw + 10, strip);
      ctx.fillStyle = '#fff';
      ctx.fillText(`◂ ${hw}`, 3, strip / 2 + 0.5);
    }
  } else {
    const x = X(d.hw);
    ctx.fillStyle = '#000';
    ctx.fillRect(x - 2, 0, 3, d.height);
    // The label sits left of the bar (over committed records), clear of the LEO arrow.
    const lx = Math.max(0, x - 2 - tw);
    ctx.fillRect(lx, 0, tw, strip);
    ctx.fillStyle = '#fff';
    ctx.fillText(hw, lx + 3, strip / 2 + 0.5);
  }
  ctx.font = font(600, CELL_PX * k, true);
}

/** The cell under a point of the row, for clicks. */
export function cellAt(cells: CellSnap[], start: number, cell: number, x: number): CellSnap | undefined {
  const o = start + Math.floor(x / cell);
  return cells.find((c) => c.o === o);
}
