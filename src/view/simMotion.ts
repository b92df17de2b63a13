/**
 * The simulated clock as a motion value (motion/react), for what animates with
 * motion (the charts' "now" line). Kept apart from simClock.ts so that views
 * without motion (the documentation widget) never load the animation library.
 */
import { motionValue, type MotionValue } from 'motion/react';
import { useSimClock, type SimClock } from './simClock.ts';

const values = new WeakMap<SimClock, MotionValue<number>>();

/** This lab's simulated time (ms) as a motion value. */
export function useSimTime(): MotionValue<number> {
  const clock = useSimClock();
  let mv = values.get(clock);
  if (!mv) {
    const v = motionValue(clock.get());
    clock.on((t) => v.jump(t));
    values.set(clock, v);
    mv = v;
  }
  return mv;
}
