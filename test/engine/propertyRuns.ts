/**
 * How many cases a property test runs, and from which fast-check seed.
 * 500 in the normal run; a hunt sets KAFKA_LAB_PROPERTY_RUNS=10000. The seed
 * is printed; KAFKA_LAB_PROPERTY_SEED=<n> replays a run (or splits a hunt into
 * seed ranges run one after another).
 */
export interface PropertyRuns {
  numRuns: number;
  seed: number;
  /** Vitest timeout: generous per case, as a hunt on a loaded machine is slow. */
  timeoutMs: number;
}

export function propertyRuns(name: string, msPerCase: number): PropertyRuns {
  const numRuns = Number(process.env.KAFKA_LAB_PROPERTY_RUNS ?? 500);
  if (!Number.isInteger(numRuns) || numRuns < 1) throw new Error(`KAFKA_LAB_PROPERTY_RUNS must be a positive integer, got "${process.env.KAFKA_LAB_PROPERTY_RUNS}"`);
  const seed = Number(process.env.KAFKA_LAB_PROPERTY_SEED ?? Date.now() % 2 ** 31);
  if (!Number.isInteger(seed)) throw new Error(`KAFKA_LAB_PROPERTY_SEED must be an integer, got "${process.env.KAFKA_LAB_PROPERTY_SEED}"`);
  console.log(`${name}: ${numRuns} cases, fast-check seed ${seed} (KAFKA_LAB_PROPERTY_SEED=${seed} KAFKA_LAB_PROPERTY_RUNS=${numRuns} replays it)`);
  return { numRuns, seed, timeoutMs: Math.max(60_000, numRuns * msPerCase) };
}
