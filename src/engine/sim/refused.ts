/** The host's answer for a process that is down: its TCP stack refuses the connection. */
import { transit } from '../core/network.ts';
import { brokerOf, type NetBody, type NetEvent, type SimContext } from '../core/context.ts';
import { refusedReply } from '../consumer/consumerWorld.ts';

/**
 * A message reaching a broker whose process is down: the host's OS refuses
 * the connection, so a client request fails fast (a powered-off host says nothing).
 */
export function refused(ctx: SimContext, e: NetEvent): void {
  const node = ctx.nodeOf(e.to);
  if (node?.kind !== 'broker') return;
  const br = brokerOf(ctx, node.index);
  if (br.status === 'powered-off') return;
  // The reply comes from the host's TCP stack, not the dead process, so send it as if from a live node.
  const reply = (body: NetBody) => {
    const d = transit(ctx.net, e.to, e.from, ctx.random, ctx.now);
    if (d !== undefined) ctx.timer(e.from, d, { type: 'refused', body });
  };
  if (e.body.type === 'produce' && e.body.acks === 0) {
    // No response is expected, but the client still sees the connection drop and refreshes metadata.
    reply({ type: 'metadata-resp', producer: e.body.producer, partitions: [] });
  } else if (e.body.type === 'produce') {
    reply({ type: 'produce-resp', reqId: e.body.reqId, producer: e.body.producer, partition: e.body.batch.partition, error: 'NETWORK_EXCEPTION', baseOffset: -1, broker: br.id });
  } else if (e.body.type === 'fetch') {
    reply({ type: 'fetch-resp', partition: e.body.partition, leader: br.id, leaderEpoch: -1, session: e.body.session, error: 'NETWORK_EXCEPTION', batches: [], hw: 0, logEndOffset: 0, fetchOffset: e.body.fetchOffset, diverging: null });
  } else if (e.body.type === 'consumer') {
    const r = ctx.consumers ? refusedReply(e.body.body, br.id) : null;
    if (r) reply({ type: 'consumer', body: r });
  }
}
