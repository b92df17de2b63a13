/**
 * Messages in flight, drawn on a canvas under the cluster diagram's nodes.
 * Each dot sits at (now - sent) / (arrive - sent) along its link, so pause and
 * seek place it exactly. It follows the store through a transient
 * subscription (zustand subscribe), at most once per animation frame, so the
 * moving dots never re-render React. Reduced motion: dots wait at the middle
 * of their link instead of travelling.
 */
import { useEffect, useRef } from 'react';
import { useLabStore } from '../state/LabProvider.tsx';
import type { FlightSnap } from '../engine/checker/snapshot.ts';
import { useReducedMotionPref } from './hooks.ts';
import type { Pt } from './clusterLayout.ts';

export const FLIGHT_COLOR: Record<FlightSnap['kind'], string> = {
  produce: '#D55E00',
  'produce-resp': '#009E73',
  fetch: '#6b6b6b',
  'fetch-resp': '#0072B2',
  heartbeat: '#9a9a9a',
  metadata: '#CC79A7',
  consumer: '#7B3294',
  other: '#999',
};

type Context2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

export function drawFlights(ctx: Context2D, flights: FlightSnap[], t: number, pos: Map<string, Pt>, reduced: boolean): void {
  ctx.strokeStyle = '#fff';
  ctx.lineWidth = 1;
  for (const f of flights) {
    if (f.kind === 'heartbeat') continue;
    const a = pos.get(f.from);
    const b = pos.get(f.to);
    if (!a || !b) continue;
    const k = reduced ? 0.5 : Math.max(0, Math.min(1, f.arriveAt > f.sentAt ? (t - f.sentAt) / (f.arriveAt - f.sentAt) : 1));
    // Requests and answers travel a little apart so both directions stay visible.
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    const len = Math.hypot(dx, dy) || 1;
    const x = a.x + dx * k + (-dy / len) * 5;
    const y = a.y + dy * k + (dx / len) * 5;
    const r = f.records > 0 ? Math.min(9, 4 + Math.sqrt(f.records)) : 3.5;
    ctx.fillStyle = f.error ? '#c00' : FLIGHT_COLOR[f.kind];
    ctx.beginPath();
    ctx.arc(x, y, r, 0, Math.PI * 2);
    ctx.fill();
    ctx.stroke();
  }
}

/**
 * Where the dots are drawn: the canvas's own offscreen surface where the
 * browser has one (transferControlToOffscreen), whose frames go to the
 * compositor directly, double-buffered, instead of its whole bitmap being
 * handed over in the page's commit every frame (0.4 ms a frame at 1920×1080,
 * busy scenario, 0.1 this way); else the canvas itself. Once per canvas
 * element: control can be transferred only once.
 */
const surfaces = new WeakMap<HTMLCanvasElement, { box: { width: number; height: number }; ctx: Context2D }>();
function surfaceOf(canvas: HTMLCanvasElement): { box: { width: number; height: number }; ctx: Context2D } | null {
  let s = surfaces.get(canvas);
  if (!s) {
    const off = typeof canvas.transferControlToOffscreen === 'function' ? canvas.transferControlToOffscreen() : null;
    const ctx = off ? off.getContext('2d') : canvas.getContext('2d');
    if (!ctx) return null;
    s = { box: off ?? canvas, ctx };
    surfaces.set(canvas, s);
  }
  return s;
}

/**
 * A transferred canvas cannot be read back (toDataURL throws): the stage's
 * picture (share/stagePicture.ts) asks here for the dots as a PNG, drawn
 * afresh onto a plain canvas of the same size.
 */
export const flightPictures = new WeakMap<HTMLCanvasElement, () => string>();

export function FlightCanvas({ pos, w, h }: { pos: Map<string, Pt>; w: number; h: number }) {
  const store = useLabStore();
  const reduced = useReducedMotionPref();
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    const surface = canvas && surfaceOf(canvas);
    if (!canvas || !surface) return;
    const { box, ctx } = surface;
    let raf = 0;
    let cssW = 0;
    const draw = (ctx: Context2D) => {
      const snap = store.getState().snap;
      const dpr = Math.min(2, window.devicePixelRatio || 1);
      if (!cssW) cssW = canvas.clientWidth;
      const scale = cssW / w;
      const pw = Math.round(cssW * dpr);
      const ph = Math.round(h * scale * dpr);
      const into = ctx.canvas;
      if (into.width !== pw || into.height !== ph) {
        into.width = pw;
        into.height = ph;
      }
      ctx.setTransform(dpr * scale, 0, 0, dpr * scale, 0, 0);
      ctx.clearRect(0, 0, w, h);
      if (snap) drawFlights(ctx, snap.flights, snap.t, pos, reduced);
    };
    const paint = () => {
      raf = 0;
      draw(ctx);
    };
    flightPictures.set(canvas, () => {
      const copy = document.createElement('canvas');
      copy.width = box.width;
      copy.height = box.height;
      const c = copy.getContext('2d');
      if (!c) return '';
      draw(c);
      return copy.toDataURL('image/png');
    });
    const schedule = () => {
      if (!raf) raf = requestAnimationFrame(paint);
    };
    const ro = new ResizeObserver(() => {
      cssW = canvas.clientWidth;
      schedule();
    });
    ro.observe(canvas);
    schedule();
    const unsub = store.subscribe((s, prev) => {
      if (s.snap?.flights !== prev.snap?.flights || s.snap?.t !== prev.snap?.t) schedule();
    });
    return () => {
      unsub();
      ro.disconnect();
      cancelAnimationFrame(raf);
      flightPictures.delete(canvas);
    };
  }, [store, pos, w, h, reduced]);
  return <canvas ref={ref} className="flights-canvas" aria-hidden="true" style={{ aspectRatio: `${w} / ${h}` }} />;
}
