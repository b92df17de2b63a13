/**
 * Which queued timers can never do anything again, so the queue may drop them
 * (eventQueue.ts popEvent and reschedule; a checkpoint leaves them out,
 * queueCheckpoint.ts). Each test here is the check the timer's handler makes
 * when it fires, asked early, and only where the answer cannot change back:
 * it reads something that only moves one way (a life's incarnation, a token
 * or sequence that only grows, a request id that is never reused once
 * answered). A timer that might still matter is kept. Dropping a dead timer
 * changes no handled event and no order among them (the queue orders by
 * time and sequence, not by what else it holds); only fewer events are handled.
 * Kept always: app-send and the lab's own timers, which idle skipping reads
 * (idleSkip.ts anchored), and every message in flight, which the lab draws.
 */
import { runtimeOf, type SimContext, type SimEvent } from '../core/context.ts';
import { incarnationById } from '../core/contextOps.ts';
import { LAB_NODE } from '../consumer/consumerWorld.ts';

export function deadForever(ctx: SimContext, e: SimEvent): boolean {
  if (e.k !== 'timer') return false;
  const b = e.body;
  if (b.type === 'app-send' || e.node === LAB_NODE) return false;
  const id = ctx.nodes.get(e.node);
  if (!id) return false;
  // Incarnations only grow: a timer of an earlier life is dropped when it fires (Simulation.dispatch).
  if (incarnationById(ctx, id) !== e.inc) return true;
  switch (b.type) {
    case 'fetch-timeout': {
      // Sessions and fetch sequence numbers only grow; an answered fetch is never in flight again.
      const r = ctx.brokers[id.index - 1].replicas.get(b.partition);
      return r !== undefined && (r.fetchSessionId !== b.session || r.fetchSeq !== b.seq || !r.fetching);
    }
    case 'fetch-wait': {
      // The wait answers only the parked fetch it was set for (replication.ts answerParked).
      const list = runtimeOf(ctx, id.index).parked.get(b.partition);
      if (!list) return true;
      for (const f of list) if (f.req.replica === b.replica && f.req.session === b.session && f.deadline === b.deadline) return false;
      return true;
    }
    case 'delayed-produce': {
      // A produce leaves the purgatory once, answered or timed out; request ids are never reused.
      const list = runtimeOf(ctx, id.index).purgatory.get(b.partition);
      if (!list) return true;
      for (const d of list) if (d.reqId === b.reqId) return false;
      return true;
    }
    case 'request-timeout':
      // Request ids are never reused: one answered is gone for good.
      return !ctx.producers[id.index].requests.has(b.reqId);
    case 'metadata-refresh':
      return b.token !== ctx.producers[id.index].metadataToken;
    case 'consumer': {
      const t = b.body;
      if (id.kind !== 'consumer') return false;
      const m = ctx.consumers!.members[id.index];
      switch (t.kind) {
        case 'app':
          return t.token !== m.appToken;
        case 'heartbeat':
          return t.token !== m.hbToken;
        case 'request-timeout':
        case 'request-failed':
          return !m.requests.has(t.reqId);
        default:
          return false;
      }
    }
    default:
      return false;
  }
}
