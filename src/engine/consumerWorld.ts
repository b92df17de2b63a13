/**
 * The seam for the consumer-group model: the simulation hands it consumer
 * faults, timers and network messages, and asks it for a snapshot and fates.
 */
import type { SimContext } from './context.ts';
import type { Fault } from './faults.ts';

export interface ConsumerWorld {
  applyFault?(ctx: SimContext, f: Fault): void;
}
