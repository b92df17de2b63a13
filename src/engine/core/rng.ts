/**
 * The simulation's only source of randomness: a small seeded PRNG (mulberry32).
 * It is passed in, never global, so a scenario and a seed give one trace
 * (the same discipline as d3-force's `initialize(nodes, random)`).
 * Its whole state is one integer in a plain object (RngState), so a
 * checkpoint copies it like any other piece of the simulation's state.
 */
export interface Rng {
  /** Uniform float in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** The internal state, so a run can be checkpointed and resumed. */
  state(): number;
}

/** The generator's state as data. */
export interface RngState {
  a: number;
  /**
   * When present, every draw is written down as a pair: (n, the integer
   * drawn) for int(n), (0, the float) for a plain draw. A what-if run that
   * starts from another run's state reads it to know whether its own seed
   * would have drawn the same (src/whatif/prefix.ts).
   */
  draws?: number[];
}

export const rngState = (seed: number): RngState => ({ a: seed >>> 0 });

/** Advances `s` and returns a uniform float in [0, 1). */
export function nextRandom(s: RngState): number {
  const a = (s.a = (s.a + 0x6d2b79f5) >>> 0);
  let t = a;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  const v = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  if (s.draws) s.draws.push(0, v);
  return v;
}

/** A generator over a state that `holder()` returns each time (the simulation's context swaps its state on a restore). */
export function rngOver(holder: () => RngState): Rng {
  const next = (): number => nextRandom(holder());
  const int = (n: number): number => {
    const s = holder();
    const v = Math.floor(nextRandom(s) * n);
    // What decided the run is the integer: written down over the float's pair.
    if (s.draws) s.draws.splice(s.draws.length - 2, 2, n, v);
    return v;
  };
  return { next, int, state: () => holder().a };
}

/** A standalone generator (what-if schedules, tests). */
export function createRng(seed: number): Rng {
  const s = rngState(seed);
  return rngOver(() => s);
}
