/**
 * Consumer-side trace events: one shape, a `what` code and plain args. The
 * English `detail` (printed by the CLI) is rendered from the same template as
 * the lab's English and Chinese text (consumerEventText.ts), so they never drift.
 */
import type { SimContext } from './context.ts';
import { consumerEventText, type Args, type ConsumerEventCode } from './consumerEventText.ts';

export function noteConsumer(ctx: SimContext, consumer: string, group: string, what: ConsumerEventCode, args: Args = {}): number {
  const detail = consumerEventText({ consumer, group, what, args }, 'en');
  return ctx.record({ t: ctx.now, type: 'consumer', consumer, group, what, detail, args });
}
