/** Consumer-side trace events: one shape, a `what` code, plain args (see storyText for their wording). */
import type { SimContext } from './context.ts';

export function noteConsumer(ctx: SimContext, consumer: string, group: string, what: string, detail: string, args: Record<string, string | number> = {}): number {
  return ctx.record({ t: ctx.now, type: 'consumer', consumer, group, what, detail, args });
}
