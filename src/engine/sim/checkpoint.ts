/**
 * Checkpoints of a running Simulation, so a seek restores the nearest earlier
 * one and replays only from there (RaftScope's state.js keeps checkpoints the
 * same way) instead of re-running from t=0.
 *
 * The simulation's state is the context's own properties (context.ts), all
 * plain data: objects, arrays, Maps, Sets, typed arrays. So a checkpoint is a
 * plain deep copy of them (structuredClone would do; test/engine/checkpoint
 * .test.ts runs a restored structuredClone), and a restore puts a fresh copy
 * of the checkpoint in the context, so the checkpoint stays reusable. Two
 * things make the copy cheap:
 * - frozen objects never change, so they are shared, not copied: log batches
 *   and the producer batches they carry, queued events, history entries,
 *   page-cache marks, the parsed scenario's pieces. Most of a long run's
 *   state is those, in long arrays (a replica's log, the queue's heap, the
 *   batch history). An array holds frozen values only or mutable ones only,
 *   never both (test/engine/checkpoint.test.ts walks every example's state
 *   for it), so an array whose first element is frozen is copied with
 *   slice(), its elements shared, without a look at each one;
 * - the trace is append-only and large: the checkpoint stores its length, and
 *   the restore takes that prefix of a trace of the same timeline.
 * Anything else (a class instance, a function) is refused by the copy: the
 * state must stay plain data.
 */
import type { Simulation } from './simulation.ts';
import type { SimContext } from '../core/context.ts';
import type { ContextState } from '../core/contextOps.ts';
import type { TraceEvent } from '../core/trace.ts';

/** The state a checkpoint holds: all of it but the trace. */
export type CheckpointState = Omit<ContextState, 'trace'>;

export interface Checkpoint {
  t: number;
  traceLength: number;
  state: CheckpointState;
  /** About how many bytes the copy holds (typed arrays, plus a guess per object), for a memory cap. */
  bytes: number;
}

/** A deep copy of plain data; frozen objects are shared; aliasing within `v` is kept. */
export function plainCopy<T>(v: T): { value: T; bytes: number } {
  let bytes = 0;
  const seen = new Map<object, unknown>();
  const copy = (x: unknown): unknown => {
    if (x === null || typeof x !== 'object') {
      if (typeof x === 'function') throw new Error('simulation state holds a function');
      return x;
    }
    if (Object.isFrozen(x)) return x;
    const hit = seen.get(x);
    if (hit !== undefined) return hit;
    if (ArrayBuffer.isView(x)) {
      bytes += x.byteLength;
      const c = (x as unknown as { slice(): unknown }).slice();
      seen.set(x, c);
      return c;
    }
    if (Array.isArray(x)) {
      const n = x.length;
      const first: unknown = x[0];
      if (n > 0 && typeof first === 'object' && first !== null && Object.isFrozen(first)) {
        const out = x.slice();
        seen.set(x, out);
        bytes += 8 * n;
        return out;
      }
      const out: unknown[] = new Array(n);
      seen.set(x, out);
      for (let i = 0; i < n; i++) out[i] = copy(x[i]);
      bytes += 8 * n;
      return out;
    }
    if (x instanceof Map) {
      const out = new Map();
      seen.set(x, out);
      for (const [k, e] of x) out.set(copy(k), copy(e));
      bytes += 32 * x.size;
      return out;
    }
    if (x instanceof Set) {
      const out = new Set();
      seen.set(x, out);
      for (const e of x) out.add(copy(e));
      bytes += 16 * x.size;
      return out;
    }
    const proto = Object.getPrototypeOf(x) as object | null;
    if (proto !== Object.prototype && proto !== null) throw new Error(`simulation state holds a ${(x as object).constructor?.name ?? 'class'} instance`);
    // A spread first, then each value replaced: the copy keeps V8's fast properties (keyed stores
    // into {} make an object of 20+ properties, such as a producer, a slow dictionary).
    const out: Record<string, unknown> = { ...(x as Record<string, unknown>) };
    seen.set(x, out);
    for (const k in out) out[k] = copy(out[k]);
    bytes += 64;
    return out;
  };
  return { value: copy(v) as T, bytes };
}

/** The context's state without its trace (by reference). */
export function stateOf(ctx: SimContext): CheckpointState {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(ctx)) if (k !== 'trace') out[k] = (ctx as unknown as Record<string, unknown>)[k];
  return out as unknown as CheckpointState;
}

export function takeCheckpoint(sim: Simulation): Checkpoint {
  const { value, bytes } = plainCopy(stateOf(sim.ctx));
  return { t: sim.now, traceLength: sim.ctx.trace.length, state: value, bytes };
}

/**
 * Puts `sim` in the checkpoint's state (a fresh copy of it: the checkpoint
 * stays reusable). `trace` holds at least the checkpoint's trace prefix of
 * the same timeline (the longest trace seen).
 */
export function restoreCheckpoint(sim: Simulation, cp: Checkpoint, trace: TraceEvent[]): void {
  if (trace.length < cp.traceLength) throw new Error(`restore: the trace has ${trace.length} events, the checkpoint needs ${cp.traceLength}`);
  restoreState(sim, plainCopy(cp.state).value, trace.slice(0, cp.traceLength));
}

/** Puts `state` (taken as is) and `trace` in the simulation's context. */
export function restoreState(sim: Simulation, state: CheckpointState, trace: TraceEvent[]): void {
  const ctx = sim.ctx as unknown as Record<string, unknown>;
  for (const k of Object.keys(ctx)) if (!(k in state) && k !== 'trace') delete ctx[k];
  Object.assign(ctx, state);
  sim.ctx.trace = trace;
  sim.restored();
}
