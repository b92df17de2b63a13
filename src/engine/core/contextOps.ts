/**
 * The ways a rule acts on the simulation (schedule a timer, send a message,
 * record a trace event) and asks about nodes (alive? which life?). They are
 * methods on the prototype every SimContext shares, reading and writing the
 * state only through `this`: nothing here closes over a piece of state, so a
 * checkpoint's copy of the state, put back in the context, works with them.
 * A node's liveness and incarnation follow from its kind (the node table,
 * ctx.nodes): a broker's status, a producer's or consumer's current life.
 */
import { pushEvent } from './eventQueue.ts';
import { hold, reach, transit } from './network.ts';
import { rngOver, type Rng } from './rng.ts';
import type { NetBody, NodeId, SimContext, TimerBody } from './context.ts';
import type { TraceEvent } from './trace.ts';
import { pushTrace } from './traceLog.ts';

/** Is the node up (messages to it are delivered, its timers fire)? */
export function aliveById(ctx: SimContext, id: NodeId): boolean {
  switch (id.kind) {
    case 'broker':
      return ctx.brokers[id.index - 1].status === 'running';
    case 'consumer': {
      const m = ctx.consumers!.members[id.index];
      return m.status === 'running' || m.status === 'closing';
    }
    default:
      return true;
  }
}

/** Bumped on every restart: messages and timers from an earlier life are dropped. */
export function incarnationById(ctx: SimContext, id: NodeId): number {
  switch (id.kind) {
    case 'broker':
      return ctx.brokers[id.index - 1].incarnation;
    case 'producer':
      return ctx.producers[id.index].incarnation;
    case 'consumer':
      return ctx.consumers!.members[id.index].incarnation;
    default:
      return 0;
  }
}

const ops = {
  timer(this: SimContext, node: string, delayMs: number, body: TimerBody): void {
    const t = this.now + Math.max(0, Math.round(delayMs));
    // Past the queue's horizon the timer would never fire: not even built (eventQueue.ts).
    if (t > this.queue.horizon) return;
    pushEvent(this.queue, { k: 'timer', t, seq: 0, node, inc: this.incarnationOf(node), body });
  },
  send(this: SimContext, from: string, to: string, body: NetBody): boolean {
    // Each end looked up once (this runs for every message).
    const f = this.nodes.get(from);
    if (!f || !aliveById(this, f)) return false;
    const d = transit(this.net, from, to, this.random, this.now);
    const t = this.nodes.get(to);
    if (d === undefined) {
      // A cut link (not a lost packet on a lossy one): TCP retransmits until the network heals (network.ts).
      if (!reach(this.net, from, to).ok) hold(this.net, { from, to, fromInc: incarnationById(this, f), toInc: t ? incarnationById(this, t) : 0, sentAt: this.now, body });
      return false;
    }
    pushEvent(this.queue, { k: 'net', t: this.now + d, seq: 0, from, to, fromInc: incarnationById(this, f), toInc: t ? incarnationById(this, t) : 0, sentAt: this.now, body });
    return true;
  },
  record(this: SimContext, ev: TraceEvent): number {
    return pushTrace(this.trace, ev);
  },
  incarnationOf(this: SimContext, node: string): number {
    const id = this.nodes.get(node);
    return id ? incarnationById(this, id) : 0;
  },
  alive(this: SimContext, node: string): boolean {
    const id = this.nodes.get(node);
    return id ? aliveById(this, id) : false;
  },
  registerNode(this: SimContext, name: string, id: NodeId): void {
    // The scenario's rules keep names unique; two nodes under one name would misroute silently.
    if (this.nodes.has(name)) throw new Error(`two nodes named "${name}"`);
    this.nodes.set(name, id);
  },
  nodeOf(this: SimContext, name: string): NodeId | undefined {
    return this.nodes.get(name);
  },
};

/** The state's properties: everything of a SimContext but its methods. */
export type ContextState = Omit<SimContext, keyof typeof ops | 'rng'>;

/** A context over `state` (taken as is, not copied). Its `rng` draws from whatever `random` the context holds at the time. */
export function newContext(state: ContextState): SimContext {
  // A spread, then the prototype: the context keeps V8's fast properties. Object.assign onto
  // Object.create(ops) turns an object of 20+ properties into a dictionary, and every rule reads ctx.
  const ctx = Object.setPrototypeOf({ ...state }, ops) as SimContext;
  // Each field written once more now, before any code is optimised: V8 takes a field written only once
  // as constant, and a checkpoint restore (sim/checkpoint.ts restoreState) writes them all, which threw
  // away the optimised code of nearly every rule at the first seek.
  Object.assign(ctx, state);
  const rng: Rng = rngOver(() => ctx.random);
  Object.defineProperty(ctx, 'rng', { value: rng, enumerable: false });
  return ctx;
}
