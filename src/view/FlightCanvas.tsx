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

export function drawFlights(ctx: CanvasRenderingContext2D, flights: FlightSnap[], t: number, pos: Map<string, Pt>, reduced: boolean): void {
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

export function FlightCanvas({ pos, w, h }: { pos: Map<string, Pt>; w: number; h: number }) {
  const store = useLabStore();
  const reduced = useReducedMotionPref();
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    let raf = 0;
    let cssW = 0;
    const paint = () => {
      raf = 0;
      const snap = store.getState().snap;
      const dpr = Math.min(2, window.devicePixelRatio || 1);
      if (!cssW) cssW = canvas.clientWidth;
      const scale = cssW / w;
      const pw = Math.round(cssW * dpr);
      const ph = Math.round(h * scale * dpr);
      if (canvas.width !== pw || canvas.height !== ph) {
        canvas.width = pw;
        canvas.height = ph;
      }
      ctx.setTransform(dpr * scale, 0, 0, dpr * scale, 0, 0);
      ctx.clearRect(0, 0, w, h);
      if (snap) drawFlights(ctx, snap.flights, snap.t, pos, reduced);
    };
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
    };
  }, [store, pos, w, h, reduced]);
  return <canvas ref={ref} className="flights-canvas" aria-hidden="true" style={{ aspectRatio: `${w} / ${h}` }} />;
}
