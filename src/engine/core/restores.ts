/**
 * How many restores have written into a live state (sim/checkpoint.ts
 * restoreCopy writes into the live state's own arrays and objects where they
 * fit). A cache keyed by the identity of a state array or object, that trusts
 * it to only grow (a group's repeats index, checker/consumerStory.ts), holds
 * only within one count: after a restore the same object may hold another past.
 */
let count = 0;

/** The restores so far. */
export const restores = (): number => count;

/** A restore writes into a live state now. */
export function noteRestore(): void {
  count++;
}
