/**
 * Checkpoints of a running Simulation, so a seek restores the nearest earlier
 * one and replays only from there (RaftScope's state.js keeps checkpoints the
 * same way) instead of re-running from t=0.
 *
 * The simulation's state is the context's own properties (context.ts), all
 * plain data: objects, arrays, Maps, Sets, typed arrays. So a checkpoint is a
 * plain deep copy of them (structuredClone would do; test/engine/checkpoint
 * .test.ts runs a restored structuredClone), and a restore writes a copy of
 * it into the live state's own objects where they fit (sameShape.ts), so the
 * checkpoint stays reusable. Two things make the copy cheap:
 * - frozen objects never change, so they are shared, not copied: the full
 *   chunks of the log batches' rows (core/logColumns.ts), queued events (frozen as the
 *   checkpoint is taken, as eventQueue.ts sealEvents would), history entries,
 *   page-cache marks, the parsed scenario's pieces. Most of a long run's
 *   state is those, in long arrays (a replica's log, the queue's heap, the
 *   batch history). An array holds frozen values only or mutable ones only,
 *   never both (test/engine/checkpoint.test.ts walks every example's state
 *   for it), so an array whose first element is frozen is copied with
 *   slice(), its elements shared, without a look at each one;
 * - a long array (a replica's log, the queue, a message column, a ledger) is
 *   stored in chunks, each shared with the previous checkpoint's chunk at the
 *   same place when unchanged (chunks.ts): a checkpoint holds about what
 *   changed since the one before, so checkpoints can be many and close;
 * - the trace is append-only and large: the checkpoint stores its length, and
 *   the restore takes that prefix of a trace of the same timeline;
 * - the queue's later windows are kept without the timers that can never
 *   fire (queueCheckpoint.ts), which would otherwise keep nearly every
 *   timeout the run ever set alive.
 * Anything else (a class instance, a function) is refused by the copy: the
 * state must stay plain data.
 */
import type { Simulation } from './simulation.ts';
import type { SimContext } from '../core/context.ts';
import type { ContextState } from '../core/contextOps.ts';
import { tracePrefix, type Trace } from '../core/traceLog.ts';
import { decode, decodeInto, encode, forget, isChunked, worthChunking, worthSharing, type Chunked } from './chunks.ts';
import { changedRows, clearRows, isTracked, trackRows, type Changed, type RowTracked } from '../core/changedRows.ts';
import { liveQueue, queueForCheckpoint } from './queueCheckpoint.ts';
import { fillArray, fillObject, fitsArray, fitsObject, literalCopy, refill } from './sameShape.ts';
import { isSealed, sealEvent } from '../core/sealed.ts';
import { noteRestore } from '../core/restores.ts';

/** The state a checkpoint holds: all of it but the trace. */
export type CheckpointState = Omit<ContextState, 'trace'>;

export interface Checkpoint {
  t: number;
  traceLength: number;
  state: CheckpointState;
  /** About how many bytes the copy holds besides its chunks (typed arrays, plus a guess per object), for a memory cap. */
  bytes: number;
  /** What others may share, for a cap to count each once: its long arrays' encodings (chunks.ts Chunked, each listing its chunks) and the queue's kept buckets. */
  chunks: readonly object[];
}

/**
 * Arrays under these keys change only at their end (pushed to, or cut back
 * with splice(i)): the values of a Map under such a key, the queue's far
 * buckets (core/eventQueue.ts: pushEvent appends, refill takes a bucket out
 * whole). A chunk of one is unchanged when its last element is (chunks.ts),
 * so a checkpoint looks at one element per chunk of them. (A replica's log
 * is frozen chunks of ids, core/replicaLog.ts: shared without a look.)
 */
const SUFFIX_ONLY = new Set(['far']);

/**
 * What V8 spends besides the elements, about: an array's or object's header,
 * a typed array's (its ArrayBuffer too). An object's property counts 16 bytes
 * (a pointer, and a boxed number often). The count is for the memory cap of
 * timeline/checkpoints.ts, so it errs high.
 */
export const ARRAY_HEADER = 32;
export const TYPED_HEADER = 200;

/**
 * A deep copy of plain data; frozen objects are shared; aliasing within `v`
 * is kept. With `chunked`, long typed arrays and long arrays of frozen values
 * are stored in chunks shared with their previous copy where unchanged
 * (chunks.ts); a copy of a copy flattens them again.
 */
export function plainCopy<T>(v: T, chunked = false, into?: unknown): { value: T; bytes: number; chunks: object[] } {
  let bytes = 0;
  const chunks: object[] = [];
  const seen = new Map<object, unknown>();
  /** Live arrays already written into (one live array never takes two saved ones). */
  const reused = new Set<unknown>();
  /** Objects whose copy is being built (restoring): met again, the state has a cycle. */
  const building = new Set<object>();
  /** Empty arrays handed out as a copy (an array's copy before its elements are done, reached again by a cycle). */
  const handedOut = new Set<unknown>();
  const copyElement = (e: unknown): unknown => copy(e); // with nothing live at its place: one closure a copy, not one an array
  // `live`: what stands at the same place in the state `into` (restoreCopy), whose long arrays are reused.
  // `rows`: x is a typed column of a table whose rows outside this range did not change (core/changedRows.ts).
  const copy = (x: unknown, key?: string, live?: unknown, rows?: Changed): unknown => {
    if (x === null || typeof x !== 'object') {
      if (typeof x === 'function') throw new Error('simulation state holds a function');
      return x;
    }
    const hit = seen.get(x);
    if (hit !== undefined) {
      if (Array.isArray(hit) && hit.length === 0) handedOut.add(hit);
      return hit;
    }
    if (isChunked(x)) {
      const fits = live !== undefined && !reused.has(live) ? decodeInto(x, live, rows, key !== undefined && SUFFIX_ONLY.has(key)) : null;
      if (fits) reused.add(fits);
      const out = fits ?? decode(x);
      seen.set(x, out);
      return out;
    }
    if (Object.isFrozen(x)) return x;
    if (chunked && (Array.isArray(x) ? worthSharing(x.length) : ArrayBuffer.isView(x) && !(x instanceof DataView) && worthChunking((x as unknown as { length: number }).length))) {
      const e = encode(x as unknown[], key !== undefined && SUFFIX_ONLY.has(key), rows);
      if (e) {
        chunks.push(e.value);
        seen.set(x, e.value);
        return e.value;
      }
    }
    if (ArrayBuffer.isView(x)) {
      bytes += x.byteLength + TYPED_HEADER;
      // Restoring: a live array of the same type and length is written over, not a new one allocated.
      const c = sameTyped(x, live) && !reused.has(live) ? (reused.add(live), live.set(x as never), live) : (x as unknown as { slice(): unknown }).slice();
      seen.set(x, c);
      return c;
    }
    if (Array.isArray(x)) {
      const n = x.length;
      const first: unknown = x[0];
      // Frozen values, or plain values only (a replica's dirty marks: thousands of numbers): shared by a
      // slice(), which also keeps the array's elements kind (packed or holey; small integers, numbers or
      // objects), so its hidden class: the engine's code then sees one, not two. Else built by map (stores
      // into new Array(n), or pushes at one site, generalise every array they make).
      const l = Array.isArray(live) && !reused.has(live) && fitsArray(x, live) ? (live as unknown[]) : undefined;
      if (n > 0 && (typeof first === 'object' && first !== null ? Object.isFrozen(first) : plainValues(x))) {
        // Restoring: written into the live array where it fits (sameShape.ts), so it keeps its elements kind.
        if (l) {
          reused.add(l);
          forget(l);
        }
        const out = l ? fillArray(x, l, same) : x.slice();
        seen.set(x, out);
        bytes += 8 * n + ARRAY_HEADER;
        return out;
      }
      if (l) {
        // Restoring: written into the live array (sameShape.ts), which keeps its elements kind.
        reused.add(l);
        forget(l);
        seen.set(x, l);
        bytes += 8 * n + ARRAY_HEADER;
        return fillArray(x, l, (e, i) => copy(e, undefined, l[i]));
      }
      const early: unknown[] = [];
      seen.set(x, early);
      const out = l === undefined ? x.map(copyElement) : x.map((e, i) => copy(e, undefined, l[i]));
      bytes += 8 * n + ARRAY_HEADER;
      // A cycle back to this array took `early` (plain data rarely has one): it becomes the copy.
      if (handedOut.has(early)) {
        for (const e of out) early.push(e);
        return early;
      }
      seen.set(x, out);
      return out;
    }
    if (x instanceof Map || x instanceof Set) {
      // Restoring: refilled in place (a new one in a field the engine never writes would change its owner's hidden class).
      const l = live instanceof x.constructor && !reused.has(live) && live !== x && !isSealed(live) ? (live as typeof x) : undefined;
      if (l) reused.add(l);
      const out = l ?? (x instanceof Map ? new Map() : new Set());
      seen.set(x, out);
      bytes += (x instanceof Map ? 48 : 32) * x.size + ARRAY_HEADER;
      // The values of a Map under a SUFFIX_ONLY key (the queue's far buckets) change only at their end too.
      const vk = key !== undefined && SUFFIX_ONLY.has(key) ? key : undefined;
      const lm = l as Map<unknown, unknown> | undefined;
      const entries: [unknown, unknown][] = []; // loops, not a closure a Map (a checkpoint copies a hundred)
      if (x instanceof Set) for (const e of x) entries.push([copy(e), undefined]);
      else for (const [k, e] of x) entries.push([copy(k), copy(e, vk, lm && (k === null || typeof k !== 'object') ? lm.get(k) : undefined)]);
      return refill(out, entries);
    }
    const proto = Object.getPrototypeOf(x) as object | null;
    if (proto !== Object.prototype && proto !== null) throw new Error(`simulation state holds a ${(x as object).constructor?.name ?? 'class'} instance`);
    let n = 0;
    const l = live !== null && typeof live === 'object' && !Array.isArray(live) && !(live instanceof Map) ? (live as Record<string, unknown>) : undefined;
    // A table whose changed rows are tracked: its typed columns below the lowest changed row are
    // shared with the last checkpoint without a look (taking) or already in place (restoring).
    const tracked = isTracked(x);
    const changed = !tracked ? undefined : chunked ? changedRows(x) : l && isTracked(l) ? changedRows(l) : undefined;
    const plainRows = tracked && (x as RowTracked).plainRows === true;
    let out: Record<string, unknown>;
    if (chunked) {
      // Taking: a spread first, then each value replaced: the copy keeps V8's fast properties (keyed
      // stores into {} make an object of 20+ properties, such as a producer, a slow dictionary).
      out = { ...(x as Record<string, unknown>) };
      seen.set(x, out);
      // Inline, not through field: thousands of fields a checkpoint, most of objects whose rows are not tracked.
      for (const k in out) {
        n++;
        const v = out[k];
        out[k] = v === null || (typeof v !== 'object' && typeof v !== 'function') ? v : copy(v, k, l?.[k], changed !== undefined && rowed(v, plainRows) ? changed : undefined);
      }
    } else {
      // Restoring: written into the live object at the same place where it has the same keys (so the
      // engine's hidden class), else a spread, each value replaced (sameShape.ts).
      if (building.has(x)) throw new Error('simulation state holds a cycle through an object');
      building.add(x);
      const field = (v: unknown, k: string): unknown => (n++, copy(v, k, l?.[k], changed !== undefined && rowed(v, plainRows) ? changed : undefined));
      const fits = l !== undefined && !reused.has(l) && fitsObject(x as Record<string, unknown>, l);
      if (fits) reused.add(l);
      out = fits ? fillObject(x as Record<string, unknown>, l, field) : literalCopy(x as Record<string, unknown>, field);
      building.delete(x);
      seen.set(x, out);
    }
    if (tracked) {
      // Taken or restored, the table and its copy are each other's: nothing changed since.
      if (chunked) clearRows(x);
      trackRows(out, chunked || into !== undefined, plainRows);
    }
    bytes += ARRAY_HEADER + 16 * n;
    return out;
  };
  return { value: copy(v, undefined, into) as T, bytes, chunks };
}

/** Is `v`, a field of a row-tracked table, one of its columns (rows outside the changed ones as last copied)? A plain array (or its chunks) only where its rows are tracked too. */
const rowed = (v: unknown, plainRows: boolean): boolean => ArrayBuffer.isView(v) || (isChunked(v as object) ? (v as Chunked).typed || plainRows : plainRows && Array.isArray(v));

/** Holds no object and no function (a hole is kept a hole, as in the array copied). */
function plainValues(x: unknown[]): boolean {
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (typeof v === 'object' ? v !== null : typeof v === 'function') return false;
  }
  return true;
}

type Typed = ArrayBufferView & { length: number; set(a: ArrayLike<number>): void };

const sameTyped = (x: ArrayBufferView, live: unknown): live is Typed =>
  ArrayBuffer.isView(live) && !(live instanceof DataView) && live.constructor === x.constructor && (live as Typed).length === (x as Typed).length && live !== x;

/**
 * A fresh copy of `saved` (a checkpoint's state, or a watcher's) to replace
 * `live`: the long arrays of `live` are written over in place where they fit
 * (chunks.ts decodeInto), and its typed arrays where they have the same type
 * and length, so a seek costs what changed, not a new copy of the whole run
 * for the collector to find. `live` is given up.
 */
export function restoreCopy<T>(saved: T, live: unknown): T {
  noteRestore();
  return plainCopy(saved, false, live).value;
}

/** The context's state without its trace (by reference), and its queue as a checkpoint keeps it (queueCheckpoint.ts). */
const withoutDerived = (ctx: SimContext, chunks: object[]): CheckpointState => {
  const state = stateOf(ctx);
  return { ...state, queue: queueForCheckpoint(ctx, state.queue, chunks) };
};

/** The context's state without its trace (by reference). */
export function stateOf(ctx: SimContext): CheckpointState {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(ctx)) if (k !== 'trace') out[k] = (ctx as unknown as Record<string, unknown>)[k];
  return out as unknown as CheckpointState;
}

const same = (v: unknown): unknown => v;

export function takeCheckpoint(sim: Simulation): Checkpoint {
  // Queued events are shared from now on, never copied (eventQueue.ts): the heap's sealed here, the later windows' by farForCheckpoint.
  for (const e of sim.ctx.queue.heap) sealEvent(e);
  const far: object[] = [];
  const { value, bytes, chunks } = plainCopy(withoutDerived(sim.ctx, far), true);
  for (const c of far) chunks.push(c);
  return { t: sim.now, traceLength: sim.ctx.trace.length, state: value, bytes, chunks };
}

/**
 * Puts `sim` in the checkpoint's state (a fresh copy of it: the checkpoint
 * stays reusable). `trace` holds at least the checkpoint's trace prefix of
 * the same timeline (the longest trace seen).
 */
export function restoreCheckpoint(sim: Simulation, cp: Checkpoint, trace: Trace): void {
  if (trace.length < cp.traceLength) throw new Error(`restore: the trace has ${trace.length} events, the checkpoint needs ${cp.traceLength}`);
  const state = restoreCopy(cp.state, sim.ctx);
  liveQueue(state.queue);
  restoreState(sim, state, tracePrefix(trace, cp.traceLength));
}

/** Puts `state` (taken as is) and `trace` in the simulation's context. */
export function restoreState(sim: Simulation, state: CheckpointState, trace: Trace): void {
  const ctx = sim.ctx as unknown as Record<string, unknown>;
  for (const k of Object.keys(ctx)) if (!(k in state) && k !== 'trace') delete ctx[k];
  // Only the fields that changed are written (most are the very objects restored into).
  for (const k of Object.keys(state)) if (!Object.is(ctx[k], (state as unknown as Record<string, unknown>)[k])) ctx[k] = (state as unknown as Record<string, unknown>)[k];
  sim.ctx.trace = trace;
  sim.restored();
}
