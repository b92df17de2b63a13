/**
 * The simulated clock as a motion value (motion/react): fed from the store by
 * a transient subscription, so what follows time (the clock, the timeline's
 * thumb, the charts' "now" line, transitions placed by simulated time) moves
 * without re-rendering React. Paused, it stands still; a seek moves it at once.
 * One motion value per lab (it lives with the lab's store).
 */
import { useEffect } from 'react';
import { motionValue, type MotionValue } from 'motion/react';
import { useLabStore } from '../state/LabProvider.tsx';
import type { LabStore } from '../state/labStore.ts';

const clocks = new WeakMap<LabStore, MotionValue<number>>();

function clockOf(store: LabStore): MotionValue<number> {
  let mv = clocks.get(store);
  if (!mv) {
    const v = motionValue(store.getState().snap?.t ?? 0);
    store.subscribe((s, prev) => {
      if (s.snap?.t !== prev.snap?.t) v.jump(s.snap?.t ?? 0);
    });
    clocks.set(store, v);
    mv = v;
  }
  return mv;
}

/** This lab's simulated time (ms) as a motion value. */
export function useSimTime(): MotionValue<number> {
  return clockOf(useLabStore());
}

/** Calls `fn` with the simulated time now and whenever it changes (outside React renders). */
export function useOnSimTime(fn: (t: number) => void, deps: unknown[]): void {
  const mv = useSimTime();
  useEffect(() => {
    fn(mv.get());
    return mv.on('change', fn);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [mv, ...deps]);
}
