/**
 * How many restores have written into a live state (sim/checkpoint.ts
 * restoreCopy writes into the live state's own arrays and objects where they
 * fit, and a restore's trace copy is cut or extended in place). A cache keyed
 * by the identity of a trace or a state array, that trusts it to only grow
 * (the stories' indexes, checker/story.ts and consumerStory.ts), holds only
 * within one count: after a restore the same array may hold another past.
 */
let count = 0;

/** The restores so far. */
export const restores = (): number => count;

/** A restore writes into a live state now. */
export function noteRestore(): void {
  count++;
}
