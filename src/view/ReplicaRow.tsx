/**
 * One replica's log on the partition's shared offset axis: its role and ISR
 * membership, then a canvas row of records (see logCanvas.ts). Hovering or
 * focusing a record shows its details; clicking it (or Enter) tells its
 * message's story; dragging pans the window, and on the focused row + and −
 * zoom, Shift+arrows pan and 0 follows the run again.
 */
import { memo, useLayoutEffect, useRef, useState } from 'react';
import { useLab, useLabStore } from '../state/LabProvider.tsx';
import type { CellSnap, ReplicaSnap } from '../engine/checker/snapshot.ts';
import { useReducedMotionPref, useT } from './hooks.ts';
import { useOnSimTime } from './simClock.ts';
import { cellAt, createLogPainter, logRowHeight, PRESENTER_TEXT } from './logCanvas.ts';
import { useStage } from './stage.ts';
import { useTid } from './scope.ts';

/** A record a replica lost lately, drawn fading. */
export interface Removed {
  broker: number;
  c: CellSnap;
  /** Simulated time the record was removed. */
  at: number;
}

/** Simulated ms a removed record stays drawn, fading (pause holds it, a seek places it). */
export const GHOST_MS = 2000;

export interface RowView {
  start: number;
  cell: number;
  room: number;
  /** Message whose story is open, or -1. */
  mark: number;
  onHover: (c: CellSnap | null) => void;
  onPan: (offsets: number) => void;
  onZoom: (dir: 1 | -1, at?: number) => void;
  onFollow: () => void;
}

export const ReplicaRow = memo(function ReplicaRow({ r, leader, inIsr, down, ghosts, v }: { r: ReplicaSnap; leader: boolean; inIsr: boolean; down: boolean; ghosts: Removed[]; v: RowView }) {
  const tid = useTid();
  const t = useT();
  const send = useLab((s) => s.send);
  const store = useLabStore();
  const reduced = useReducedMotionPref();
  // Presenter mode: the canvas text grows with the DOM text (20 px on screen at 1920×1080).
  const text = useStage((s) => (s.presenter ? PRESENTER_TEXT : 1));
  const [focus, setFocus] = useState<number | null>(null);
  const { start, cell, room } = v;
  const canvas = useRef<HTMLCanvasElement>(null);
  const painter = useRef<ReturnType<typeof createLogPainter> | null>(null);
  const drag = useRef<{ x: number; moved: boolean } | null>(null);
  // A focused offset that scrolled out of the window or was truncated moves to the nearest cell shown.
  const shown = r.cells.filter((c) => c.o >= start);
  const focused = focus === null ? undefined : (shown.find((c) => c.o === focus) ?? (shown.length ? shown[focus < shown[0].o ? 0 : shown.length - 1] : undefined));
  const draw = useRef<(now: number) => void>(() => {});
  draw.current = (now: number) => {
    if (!canvas.current) return;
    painter.current ??= createLogPainter(canvas.current);
    const g = ghosts.filter((x) => x.at <= now && now < x.at + GHOST_MS).map((x) => ({ c: x.c, a: reduced ? 1 : 1 - (now - x.at) / GHOST_MS }));
    painter.current({ cells: r.cells, ghosts: g, start, cell, width: room, height: logRowHeight(text), text, focus: focused?.o, leo: r.leo, hw: r.hw, behind: t('logs.behind', { leo: r.leo }), mark: v.mark < 0 ? undefined : v.mark });
  };
  useLayoutEffect(() => {
    draw.current(store.getState().snap?.t ?? 0);
  }, [r, start, cell, room, focused?.o, t, store, reduced, ghosts, v.mark, text]);
  // While a removed record fades, the row follows simulated time (paused, it stands still; a seek places it).
  useOnSimTime((now) => {
    if (ghosts.length && ghosts.some((x) => now < x.at + GHOST_MS + 100)) draw.current(now);
  }, [ghosts]);
  const describe = (c: CellSnap) => t('logs.cell', { o: c.o, k: c.k < 0 ? '-' : `k${c.k}`, m: c.m, e: c.e, d: c.d ? t('logs.legend.flushed') : t('logs.legend.cache') });
  const first = shown[0];
  const at = (e: React.MouseEvent<HTMLCanvasElement>) => cellAt(r.cells, start, cell, e.clientX - e.currentTarget.getBoundingClientRect().left);
  return (
    <div className={`replica${leader ? ' is-leader' : ''}${down ? ' is-down' : ''}`} data-testid={tid(`replica-${r.broker}`)} data-leo={r.leo} data-hw={r.hw}>
      <div className="replica-label">
        <span className="rb">b{r.broker}</span>
        <span className="rl">
          <span className={leader ? 'role leader' : 'role'}>{leader ? `★ ${t('logs.leader')}` : t('logs.follower')}</span>
          <span className={inIsr ? 'isr in' : 'isr out'}>{inIsr ? `✓ ${t('logs.inIsr')}` : `✗ ${t('logs.outIsr')}`}</span>
        </span>
      </div>
      <div className="cells" style={{ width: room }}>
        <canvas
          ref={canvas}
          role="img"
          tabIndex={0}
          aria-roledescription={t('logs.logRole')}
          aria-label={`b${r.broker}: ${focused ? describe(focused) : `${first ? `${first.o}–${r.leo - 1}, ` : ''}${t('logs.leo', { leo: r.leo })}, ${t('logs.hw', { hw: r.hw })}. ${t('logs.keysHint')}`}`}
          data-focus={focused?.o ?? ''}
          onFocus={() => {
            if (focus === null && shown.length) setFocus(shown[shown.length - 1].o);
          }}
          onBlur={() => {
            setFocus(null);
            v.onHover(null);
          }}
          onKeyDown={(e) => {
            if (e.key === '+' || e.key === '=') v.onZoom(1, focused?.o);
            else if (e.key === '-') v.onZoom(-1, focused?.o);
            else if (e.key === '0') v.onFollow();
            else if (e.shiftKey && (e.key === 'ArrowLeft' || e.key === 'ArrowRight')) v.onPan(e.key === 'ArrowLeft' ? -8 : 8);
            else {
              if (!shown.length) return;
              const i = focused ? shown.indexOf(focused) : shown.length - 1;
              let j = i;
              if (e.key === 'ArrowLeft') j = Math.max(0, i - 1);
              else if (e.key === 'ArrowRight') j = Math.min(shown.length - 1, i + 1);
              else if (e.key === 'Home') j = 0;
              else if (e.key === 'End') j = shown.length - 1;
              else if (e.key === 'Enter' || e.key === ' ') {
                if (focused) send({ type: 'story', message: focused.m });
              } else return;
              setFocus(shown[j].o);
              v.onHover(shown[j]);
            }
            e.preventDefault();
            e.stopPropagation();
          }}
          onPointerDown={(e) => {
            drag.current = { x: e.clientX, moved: false };
          }}
          onPointerMove={(e) => {
            const d = drag.current;
            if (d && e.buttons === 1) {
              const n = Math.trunc((d.x - e.clientX) / cell);
              if (n !== 0) {
                d.moved = true;
                d.x -= n * cell;
                v.onPan(n);
              }
              return;
            }
            v.onHover(at(e) ?? null);
          }}
          onPointerLeave={() => v.onHover(null)}
          onClick={(e) => {
            const moved = drag.current?.moved;
            drag.current = null;
            if (moved) return;
            const c = at(e);
            if (c) send({ type: 'story', message: c.m });
          }}
        />
      </div>
    </div>
  );
});
