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
}

export const rngState = (seed: number): RngState => ({ a: seed >>> 0 });

/** Advances `s` and returns a uniform float in [0, 1). */
export function nextRandom(s: RngState): number {
  const a = (s.a = (s.a + 0x6d2b79f5) >>> 0);
  let t = a;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/** A generator over a state that `holder()` returns each time (the simulation's context swaps its state on a restore). */
export function rngOver(holder: () => RngState): Rng {
  const next = (): number => nextRandom(holder());
  return { next, int: (n: number) => Math.floor(next() * n), state: () => holder().a };
}

/** A standalone generator (what-if schedules, tests). */
export function createRng(seed: number): Rng {
  const s = rngState(seed);
  return rngOver(() => s);
}
