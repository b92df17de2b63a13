/**
 * Consumer-side trace events: one shape, a `what` code and plain args, said in
 * the reader's language by src/i18n (cevent.<what>).
 */
import type { SimContext } from '../core/context.ts';
import type { Args, ConsumerEventCode } from './consumerEventCodes.ts';

export function noteConsumer(ctx: SimContext, consumer: string, group: string, what: ConsumerEventCode, args: Args = {}): number {
  return ctx.record({ t: ctx.now, type: 'consumer', consumer, group, what, args });
}
