/**
 * Checkpoints of a running Simulation, so a seek restores the nearest earlier
 * one and replays only from there (RaftScope's state.js keeps checkpoints the
 * same way) instead of re-running from t=0.
 *
 * The engine's state is plain objects, arrays, Maps, Sets and typed arrays,
 * plus a few closures made when the Simulation is built (node handles, ctx.send,
 * the consumer world's handlers) that hold on to the very objects they were
 * made with (a broker, a producer, a member, the queue). So a checkpoint is a
 * deep copy that remembers, for every object, the original it copies; and a
 * restore writes each copy back into its original, in place. Objects keep their
 * identity, the closures stay right, and objects made after the checkpoint are
 * simply no longer referenced. Two things are kept apart:
 * - the RNG keeps its state inside a closure: the checkpoint stores rng.state()
 *   and the restore makes a new generator that continues from it (createRng);
 * - the trace is append-only and large: the checkpoint stores its length, and
 *   the restore takes that prefix of a trace of the same timeline.
 * Frozen objects (parsed scenario pieces) never change and are shared; so are
 * queued events and log batches (see isScheduled, isLogBatch). The checkpoint
 * test (test/engine/checkpoint.test.ts) holds these claims to account: a
 * restored run must give the uninterrupted run's trace byte for byte.
 */
import { createRng } from './rng.ts';
import type { Simulation } from './simulation.ts';
import type { TraceEvent } from './trace.ts';
import type { LogBatch } from './model.ts';

type Obj = object;

export interface Checkpoint {
  t: number;
  traceLength: number;
  rngState: number;
  /** Original -> copy, for every object reachable from the simulation's state. */
  copies: Map<Obj, Obj>;
  /** Bytes of typed arrays copied (most of a checkpoint's size), for a memory cap. */
  bytes: number;
  /** Typed arrays kept by reference (columns written once per row), which the restore puts back as they are. */
  shared: Set<object>;
}

/**
 * A LogBatch is immutable once written (model.ts) except its history, which
 * only grows, each entry stamped with its time: it is shared, not copied, and
 * the restore cuts its history back to the checkpoint's time (or grows it back
 * from the longest history seen, for a later checkpoint).
 * Its ProducerBatch, while the producer still holds it, is copied on the
 * producer's side.
 */
const isScheduled = (v: object): boolean => 'seq' in v && 'k' in v && 't' in v;
const isLogBatch = (v: object): v is LogBatch => 'history' in v && 'baseOffset' in v && 'pb' in v;

const isTyped = (v: unknown): v is ArrayBufferView & { slice(): ArrayBufferView } => ArrayBuffer.isView(v) && !(v instanceof DataView);

/** The state a checkpoint covers: the context (its trace and RNG apart) and the event queue. */
function roots(sim: Simulation): Obj[] {
  return [sim.ctx, sim.queue];
}

const SKIP_KEYS = new Set(['trace', 'rng']);
/**
 * Columns of the message table (messages.ts) written once, when a row is
 * added, and never again: rows below the checkpoint's size are the same in
 * the array later (a grow() copies them to a new one and leaves this one
 * alone), so they are shared, not copied. Only the table's own keys: an object
 * with `status` and `settleCause` beside them.
 */
const WRITE_ONCE_COLUMNS = new Set(['producer', 'key', 'partition', 'sentAt']);
const isMessageTable = (v: object): boolean => 'status' in v && 'settleCause' in v && 'sentAt' in v;
/**
 * Arrays whose elements are never changed once pushed (a replica's page-cache
 * marks, [endOffset, appendedAt] pairs: log.ts and durability.ts push and
 * filter them, never write into one; the event queue's heap, whose scheduled
 * events are not changed once queued): the array is copied, the elements
 * shared. Tens of thousands of them made most of a checkpoint's cost.
 */
const SHALLOW_KEYS = new Set(['dirtyMarks', 'heap']);
/** Arrays of log batches (a replica's log, the removed batches): copied, the batches shared (their histories are put back by time, see restoreCheckpoint). */
const BATCH_KEYS = new Set(['log', 'removed']);

export function takeCheckpoint(sim: Simulation): Checkpoint {
  const copies = new Map<Obj, Obj>();
  let bytes = 0;
  const shared = new Set<object>();
  const copy = (v: unknown): unknown => {
    if (v === null || typeof v !== 'object') return v; // primitives and functions
    if (isTyped(v)) {
      bytes += v.byteLength;
      return v.slice();
    }
    if (Object.isFrozen(v)) return v;
    const hit = copies.get(v);
    if (hit) return hit;
    // A scheduled event is not changed once queued (EventQueue.push gives it its seq): the heap array is copied, the events shared.
    if (isScheduled(v)) return v;
    if (isLogBatch(v)) return v;
    if (Array.isArray(v)) {
      const out: unknown[] = [];
      copies.set(v, out);
      for (let i = 0; i < v.length; i++) out.push(copy(v[i]));
      return out;
    }
    if (v instanceof Map) {
      const out = new Map();
      copies.set(v, out);
      for (const [k, x] of v) out.set(copy(k), copy(x));
      return out;
    }
    if (v instanceof Set) {
      const out = new Set();
      copies.set(v, out);
      for (const x of v) out.add(copy(x));
      return out;
    }
    const out = Object.create(Object.getPrototypeOf(v) as object | null) as Record<string, unknown>;
    copies.set(v, out);
    const root = v === sim.ctx;
    const table = isMessageTable(v);
    for (const k of Object.keys(v)) {
      if (root && SKIP_KEYS.has(k)) continue;
      const x = (v as Record<string, unknown>)[k];
      if (table && WRITE_ONCE_COLUMNS.has(k) && isTyped(x)) {
        shared.add(x);
        out[k] = x;
        continue;
      }
      if ((SHALLOW_KEYS.has(k) || BATCH_KEYS.has(k)) && Array.isArray(x) && !copies.has(x)) {
        const arr = x.slice();
        copies.set(x, arr);
        out[k] = arr;
      } else out[k] = copy(x);
    }
    return out;
  };
  for (const r of roots(sim)) copy(r);
  return { t: sim.now, traceLength: sim.ctx.trace.length, rngState: sim.ctx.rng.state(), copies, bytes: bytes + 64 * copies.size, shared };
}

/**
 * Puts `sim` (the very Simulation the checkpoint was taken of) back in the
 * checkpoint's state. `trace` holds at least the checkpoint's trace prefix of
 * the same timeline (the longest trace seen). The checkpoint stays reusable.
 */
export function restoreCheckpoint(sim: Simulation, cp: Checkpoint, trace: TraceEvent[], histories: Map<LogBatch, LogBatch['history']> = new Map()): void {
  if (trace.length < cp.traceLength) throw new Error(`restore: the trace has ${trace.length} events, the checkpoint needs ${cp.traceLength}`);
  // A log batch's history only grows, each entry stamped with the simulated time it was added (log.ts, replication.ts,
  // lifecycle.ts): at the checkpoint it held exactly its entries up to cp.t. Cut the ones after; keep the longest seen in
  // `histories`, so that a later checkpoint restored afterwards grows them back.
  const cut = (b: LogBatch) => {
    const h = b.history;
    if (h.length === 0 || h[h.length - 1].t <= cp.t) return;
    const kept = histories.get(b);
    if (!kept || kept.length < h.length) histories.set(b, h.slice());
    while (h.length > 0 && h[h.length - 1].t > cp.t) h.pop();
  };
  const forward = cp.t > sim.now;
  for (const br of sim.ctx.brokers) for (const r of br.replicas.values()) for (const b of r.log) cut(b);
  for (const b of sim.ctx.removed) cut(b);
  const originals = new Map<Obj, Obj>();
  for (const [o, c] of cp.copies) originals.set(c, o);
  // Copies map back to their originals; typed arrays are copied again so the checkpoint is never written to.
  const back = (v: unknown): unknown => {
    if (v === null || typeof v !== 'object') return v;
    if (isTyped(v)) return cp.shared.has(v) ? v : v.slice();
    return originals.get(v) ?? v;
  };
  for (const [o, c] of cp.copies) {
    if (Array.isArray(o)) {
      const src = c as unknown[];
      o.length = src.length;
      for (let i = 0; i < src.length; i++) o[i] = back(src[i]);
    } else if (o instanceof Map) {
      o.clear();
      for (const [k, x] of c as Map<unknown, unknown>) o.set(back(k), back(x));
    } else if (o instanceof Set) {
      o.clear();
      for (const x of c as Set<unknown>) o.add(back(x));
    } else {
      const target = o as Record<string, unknown>;
      const src = c as Record<string, unknown>;
      const root = o === sim.ctx;
      for (const k of Object.keys(target)) if (!(k in src) && !(root && SKIP_KEYS.has(k))) delete target[k];
      for (const k of Object.keys(src)) target[k] = back(src[k]);
    }
  }
  // Grown back only when restoring forward: going back, every history already holds its entries up to cp.t.
  if (forward) for (const [b, full] of histories) {
    const h = b.history;
    for (let j = h.length; j < full.length && full[j].t <= cp.t; j++) h.push(full[j]);
  }
  sim.ctx.trace = trace.slice(0, cp.traceLength);
  sim.ctx.rng = createRng(cp.rngState);
}

/** A producer batch (model.ts ProducerBatch): what a log batch shares with the producer that sent it. */
const isProducerBatch = (v: object): boolean => 'baseSeq' in v && 'attempts' in v && 'msgs' in v && 'retryAt' in v;

/**
 * Before restoring `earlier`, hands its later checkpoints the present state of
 * the producer batches it is about to rewind. A later checkpoint copies only
 * the batches its producers still held; one they had let go (sent, acked) is
 * final by then and reached only through a log batch, shared. Restoring the
 * earlier checkpoint rewinds such a batch in place (its records, attempts,
 * open flag), so without this a later checkpoint restored afterwards would
 * find it rewound. A batch held now was held since `earlier` was taken, so
 * an earlier restore already handed its final state on; the first one wins.
 */
export function keepFinalBatches(earlier: Checkpoint, later: Checkpoint[]): void {
  for (const [o] of earlier.copies) {
    if (Array.isArray(o) || o instanceof Map || o instanceof Set || !isProducerBatch(o)) continue;
    for (const k of later) {
      if (k.copies.has(o)) continue;
      const c = Object.create(Object.getPrototypeOf(o) as object | null) as Record<string, unknown>;
      for (const [key, v] of Object.entries(o)) {
        if (Array.isArray(v)) {
          const arr = v.slice();
          k.copies.set(v, arr);
          c[key] = arr;
        } else c[key] = v;
      }
      k.copies.set(o, c);
    }
  }
}
