/**
 * A ring that spreads from a broker card when its state changes (crash, power
 * loss, restart, isolation), placed by simulated time: it starts at the moment
 * of the change (the trace event's time) and lasts PULSE_MS of simulated time,
 * so pausing freezes it and a seek shows it as it was at that moment. Drawn by
 * setting the ring's attributes on each tick of the simulated clock (no
 * re-render, no animation library). Reduced motion: a still outline for the
 * same span.
 */
import { useMemo, useRef } from 'react';
import { useLabStore } from '../state/LabProvider.tsx';
import { changedAt, PULSE_MS } from './stateChange.ts';
import { useReducedMotionPref } from './hooks.ts';
import { useOnSimTime, useSimClock } from './simClock.ts';

const COLOR: Record<string, string> = { crashed: '#b00020', 'powered-off': '#000', stopped: '#4a5058', isolated: '#c06000', running: '#0a6b3a' };

/** The ring at simulated time `t`: its box and opacity. */
function ring(t: number, since: number, reduced: boolean) {
  const k = t < since ? 1 : Math.min(1, (t - since) / PULSE_MS);
  const g = reduced ? 6 : 4 + k * 22;
  return { x: -55 - g, y: -30 - g, width: 110 + 2 * g, height: 60 + 2 * g, opacity: k >= 1 ? 0 : reduced ? 0.8 : 0.85 * (1 - k) };
}

export function StatePulse({ state, broker }: { state: string; broker: number }) {
  const store = useLabStore();
  const clock = useSimClock();
  const reduced = useReducedMotionPref();
  const ref = useRef<SVGRectElement>(null);
  // The first state seen is not a change: a card mounted mid-run (presenter
  // mode or a new layout re-creates the diagram) pulses only for a change the
  // trace shows; a state that changed under our eyes pulses even without one.
  const seen = useRef<string | null>(null);
  const since = useRef(Number.NEGATIVE_INFINITY);
  useMemo(() => {
    const first = seen.current === null;
    seen.current = state;
    const s = store.getState();
    since.current = !s.snap || s.snap.t <= 0 ? Number.NEGATIVE_INFINITY : (changedAt(s.trace, broker, s.snap.t) ?? (first ? Number.NEGATIVE_INFINITY : s.snap.t));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state]);
  // Written only when the ring changes: once a pulse is over (or before any), a tick touches nothing.
  const last = useRef('');
  const prevT = useRef(Number.NEGATIVE_INFINITY);
  useOnSimTime(
    (t) => {
      // A seek back may land inside an earlier change's ring while the state reads the same (crashed then, crashed now).
      if (t < prevT.current) since.current = changedAt(store.getState().trace, broker, t) ?? Number.NEGATIVE_INFINITY;
      prevT.current = t;
      const r = ref.current;
      if (!r) return;
      const g = ring(t, since.current, reduced);
      const key = `${g.width} ${g.opacity}`;
      if (key === last.current && r.isConnected) return;
      last.current = key;
      for (const a of ['x', 'y', 'width', 'height'] as const) r.setAttribute(a, String(g[a]));
      r.style.opacity = String(g.opacity);
    },
    [state, reduced],
  );
  const { opacity, ...box } = ring(clock.get(), since.current, reduced);
  return <rect ref={ref} className="pulse" {...box} rx={12} style={{ opacity, fill: 'none', stroke: COLOR[state] ?? '#0b5cad', strokeWidth: 4, strokeDasharray: 'none', pointerEvents: 'none' }} aria-hidden="true" />;
}
