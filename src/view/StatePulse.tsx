/**
 * A ring that spreads from a broker card when its state changes (crash, power
 * loss, restart, isolation), placed by simulated time with motion values: it
 * starts at the moment of the change (the trace event's time) and lasts
 * PULSE_MS of simulated time, so pausing freezes it and a seek shows it as it
 * was at that moment. Reduced motion: a still outline for the same span.
 */
import { useMemo } from 'react';
import { useTransform } from 'motion/react';
import * as m from 'motion/react-m';
import { useLabStore } from '../state/LabProvider.tsx';
import type { TraceEvent } from '../engine/core/trace.ts';
import { useReducedMotionPref } from './hooks.ts';
import { useSimTime } from './simClock.ts';

const PULSE_MS = 1500;
const COLOR: Record<string, string> = { crashed: '#b00020', 'powered-off': '#000', stopped: '#4a5058', isolated: '#c06000', running: '#0a6b3a' };

/** Time of the newest trace event about `broker`'s life at or before `now` (within the last few thousand events). */
function changedAt(trace: TraceEvent[], broker: number, now: number): number {
  for (let i = trace.length - 1; i >= 0 && i >= trace.length - 5000; i--) {
    const e = trace[i];
    if (e.t > now) continue;
    if ((e.type === 'broker-crashed' || e.type === 'broker-stopped' || e.type === 'broker-restarted') && e.broker === broker) return e.t;
    if (e.type === 'fault' && (e.fault.type === 'isolate' || e.fault.type === 'heal')) return e.t;
  }
  return now;
}

export function StatePulse({ state, broker }: { state: string; broker: number }) {
  const store = useLabStore();
  const simT = useSimTime();
  const reduced = useReducedMotionPref();
  // The first state seen is not a change.
  const since = useMemo(() => {
    const s = store.getState();
    return s.snap && s.snap.t > 0 ? changedAt(s.trace, broker, s.snap.t) : Number.NEGATIVE_INFINITY;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state]);
  const k = useTransform(simT, (t) => (t < since ? 1 : Math.min(1, (t - since) / PULSE_MS)));
  const grow = useTransform(k, (v) => (reduced ? 6 : 4 + v * 22));
  const x = useTransform(grow, (g) => -55 - g);
  const y = useTransform(grow, (g) => -30 - g);
  const w = useTransform(grow, (g) => 110 + 2 * g);
  const h = useTransform(grow, (g) => 60 + 2 * g);
  const opacity = useTransform(k, (v) => (v >= 1 ? 0 : reduced ? 0.8 : 0.85 * (1 - v)));
  return <m.rect className="pulse" x={x} y={y} width={w} height={h} rx={12} style={{ opacity, fill: 'none', stroke: COLOR[state] ?? '#0b5cad', strokeWidth: 4, strokeDasharray: 'none', pointerEvents: 'none' }} aria-hidden="true" />;
}
