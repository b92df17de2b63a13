/** Fires a fault: resolves its target now, records it, and changes the world. */
import { brokerOf, producerNamed, type SimContext } from '../core/context.ts';
import { addLinkRule, healNetwork, releaseHeld } from '../core/network.ts';
import { pushEvent } from '../core/eventQueue.ts';
import type { NetBody } from '../core/context.ts';
import { applyConsumerFault } from '../consumer/consumerLifecycle.ts';
import type { BrokerTarget, Fault } from '../core/faults.ts';
import type { FaultNote } from '../core/trace.ts';
import type { Broker } from '../core/model.ts';
import { beginShutdown, crashBroker, powerOffBroker, restartBroker } from './lifecycle.ts';
import { restartProducer } from '../producer/producerLifecycle.ts';
import { applyConfigFault } from '../config/dynamicConfig.ts';

export function resolveBroker(ctx: SimContext, t: BrokerTarget): Broker | undefined {
  if (typeof t === 'number') return brokerOf(ctx, t);
  const part = ctx.partitions.find((p) => p.name === t.leaderOf);
  if (!part) return undefined;
  const leader = ctx.controller.partitions[part.id].leader;
  return leader > 0 ? brokerOf(ctx, leader) : undefined;
}

export function applyFault(ctx: SimContext, f: Fault): void {
  const target = 'broker' in f ? resolveBroker(ctx, f.broker) : undefined;
  const note: FaultNote | undefined = 'broker' in f && typeof f.broker === 'object' ? (target ? { code: 'leader-is', partition: f.broker.leaderOf, broker: target.id } : { code: 'no-leader', partition: f.broker.leaderOf }) : undefined;
  ctx.cause = ctx.record({ t: ctx.now, type: 'fault', fault: f, ...(note ? { note } : {}) });
  switch (f.type) {
    case 'crash':
      if (target) crashBroker(ctx, target);
      break;
    case 'shutdown':
      if (target) beginShutdown(ctx, target);
      break;
    case 'restart':
      if (target) restartBroker(ctx, target);
      break;
    case 'power-loss':
      for (const t of f.brokers) {
        const b = resolveBroker(ctx, t);
        if (b) powerOffBroker(ctx, b);
      }
      break;
    case 'partition':
      addLinkRule(ctx.net, { kind: 'groups', groups: f.groups });
      break;
    case 'isolate': {
      const node = typeof f.node === 'string' ? f.node : (() => {
        const b = resolveBroker(ctx, f.node);
        return b ? `b${b.id}` : undefined;
      })();
      if (node) addLinkRule(ctx.net, { kind: 'isolate', node });
      break;
    }
    case 'heal':
      healNetwork(ctx.net);
      // What TCP kept retransmitting gets through at each connection's next retransmission.
      for (const { at, m } of releaseHeld(ctx.net, ctx.now)) pushEvent(ctx.queue, { k: 'net', t: at + ctx.net.latencyMs, from: m.from, to: m.to, fromInc: m.fromInc, toInc: m.toInc, sentAt: m.sentAt, body: m.body as NetBody });
      break;
    case 'link':
      addLinkRule(ctx.net, { kind: 'link', from: f.from, to: f.to, oneWay: f.oneWay ?? false, drop: f.drop ?? 0, delayMs: f.delayMs ?? 0 });
      break;
    case 'slow-follower':
      if (target) for (const r of target.replicas.values()) r.slowMs = f.delayMs;
      break;
    case 'producer-restart': {
      const p = producerNamed(ctx, f.producer);
      if (p) restartProducer(ctx, p);
      break;
    }
    case 'config':
      return applyConfigFault(ctx, f);
    default:
      if (ctx.consumers) applyConsumerFault(ctx, f);
  }
}
