/**
 * The simulated clock, fed from the store by a transient subscription, so
 * what follows time (the clock, the timeline's thumb, the charts' "now" line,
 * transitions placed by simulated time) moves without re-rendering React.
 * Paused, it stands still; a seek moves it at once. One clock per lab (it
 * lives with the lab's store). Plain listeners, no animation library: the
 * widget draws with it and must stay small.
 */
import { useEffect } from 'react';
import { useLabStore } from '../state/LabProvider.tsx';
import type { LabStore } from '../state/labStore.ts';

export interface SimClock {
  /** Simulated time now (ms). */
  get(): number;
  /** Calls `fn` on every change of simulated time; returns the unsubscribe function. */
  on(fn: (t: number) => void): () => void;
}

const clocks = new WeakMap<LabStore, SimClock>();

function clockOf(store: LabStore): SimClock {
  let clock = clocks.get(store);
  if (!clock) {
    let now = store.getState().snap?.t ?? 0;
    const listeners = new Set<(t: number) => void>();
    store.subscribe((s, prev) => {
      if (s.snap?.t === prev.snap?.t) return;
      now = s.snap?.t ?? 0;
      for (const fn of [...listeners]) fn(now);
    });
    clock = {
      get: () => now,
      on(fn) {
        listeners.add(fn);
        return () => void listeners.delete(fn);
      },
    };
    clocks.set(store, clock);
  }
  return clock;
}

/** This lab's simulated clock. */
export function useSimClock(): SimClock {
  return clockOf(useLabStore());
}

/** Calls `fn` with the simulated time now and whenever it changes (outside React renders). */
export function useOnSimTime(fn: (t: number) => void, deps: unknown[]): void {
  const clock = useSimClock();
  useEffect(() => {
    fn(clock.get());
    return clock.on(fn);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [clock, ...deps]);
}
