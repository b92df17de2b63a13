/**
 * Checkpoint policy of a timeline: a seek restores the nearest checkpoint at
 * or before its target and replays from there, so checkpoints are spaced by
 * the engine's work (replay cost), not by simulated time alone; within a
 * count and a memory budget: past either, checkpoints go (t=0 and the newest
 * stay, and the one whose neighbours are closest goes, so they stay spread
 * evenly). The budget is for all checkpoints together; the newest's own copy
 * of the run (packed: sim/packedChunk.ts) comes out of it first, and what
 * they hold beyond that copy is kept within what the copy leaves (never less
 * than a floor, so a long run keeps checkpoints to seek to).
 * A checkpoint also records the command log's cursor and the configuration
 * in force, so a restore puts the whole timeline back, not only the engine.
 */
import { restoreCheckpoint, takeCheckpoint, type Checkpoint } from '../engine/sim/checkpoint.ts';
import { chunkBytes, isChunked, type Chunked } from '../engine/sim/chunks.ts';
import type { Simulation } from '../engine/sim/simulation.ts';
import type { RawScenario } from '../engine/config/liveConfig.ts';
import { newTrace, type Trace } from '../engine/core/traceLog.ts';
import { omitDetail, retainDetail } from '../engine/sim/traceRetention.ts';

/** Without a clock (tests), one checkpoint every CHECKPOINT_MS of simulated time. */
export const CHECKPOINT_MS = 5000;
/**
 * With a clock: a checkpoint once the engine has worked REPLAY_MS since the
 * last one, or COST_FACTOR times what the last checkpoint cost to take,
 * whichever is more (a big state is copied less often), and at least every
 * MAX_GAP_MS of simulated time: a seek replays at most that much after its
 * restore, and a replay after a restore runs slower than the forward run the
 * work is measured on (a 10 s gap doubled the busy run's seeks), so the gap
 * bounds the replay, not the work. 8 s, the spacing the budget leaves anyway:
 * at 4 s a busy run filled it at 7 simulated minutes and thinning took every
 * other checkpoint of the first 400 s, so 125 were taken (each a copy and the
 * collector's work) to keep 91; at 8 s it takes 76, all kept, and a seek's
 * longest replay stays ~8 s (median 2.5 -> 3.3 s of simulated time).
 * Once the budget thins them, new ones are no closer than the mean spacing of
 * those kept (`spacing`): a checkpoint taken closer would be thinned again
 * soon, so it would cost its copy for nothing. The spacing grows as the run
 * does, so a long run takes about N log T of them, not one per MAX_GAP_MS.
 */
const REPLAY_MS = 30;
const COST_FACTOR = 8;
const MAX_GAP_MS = 8000;
const MAX_CHECKPOINTS = 400;
/**
 * Roughly what all checkpoints of a timeline may hold, the newest's own copy
 * of the run included. Much of what a checkpoint holds is on the JS heap
 * (copied objects; packed chunks are in buffers), and V8 lets the heap grow to 3-4 times
 * what survived its last full collection before the next one, so each MB
 * counted here cost several of the process's peak: a busy simulated hour
 * peaked at 588 MB with 40 MB, 510 with 32, 420 with 16 (and 8 MB of
 * spread), 322 with no checkpoints at all. At 32 MB a 10-minute busy run
 * keeps ~80-90 checkpoints (one every 8 s: a seek replays at most that); at
 * 24 MB it kept 58 and a seek's median doubled, at 16 MB 28 (median 200 ms).
 */
const CHECKPOINT_BUDGET = 32 * 1024 * 1024;
/** An encoding's object and its list's header (chunks.ts Chunked), besides a pointer a chunk. */
const ENCODING_BYTES = 96;
/** What the checkpoints may always hold beyond the newest's own copy (the spread a seek restores from). */
const MIN_SPREAD_BYTES = 16 * 1024 * 1024;
/**
 * Detail events kept behind what the trace's reader has taken, and the least
 * worth a pass (traceRetention.ts). None kept, and short passes: a detail
 * event the reader has is read by nobody again, and one kept 20,000 events
 * behind outlived a few young-generation collections and died old (every
 * append, ack and fetch of a busy run: old-generation garbage grows the heap).
 */
const KEEP_DETAIL = 0;
const DETAIL_CHUNK = 2000;

export interface Kept {
  cp: Checkpoint;
  applied: number;
  raw: RawScenario;
  /** What watchers of the run kept with it (the observer's state), its size besides its chunks, and its chunks. */
  extra?: Extra;
  /** Bytes of its own (besides chunks) counted against the cap. */
  held: number;
  /** Its encodings and loose chunks, and the observer's (two lists, not copied into one), each counted once however many checkpoints share it. */
  chunks: readonly (readonly object[])[];
}

export interface Extra {
  value: unknown;
  bytes: number;
  chunks?: readonly object[];
}

/** A chunk's count of kept checkpoints holding it and its size, as bytes * REFS + count (an object each: ~40,000 more on the JS heap after a busy hour). */
type Ref = number;
const REFS = 1024; // more than MAX_CHECKPOINTS
const refCount = (r: Ref): number => r % REFS;
const refBytes = (r: Ref): number => (r - (r % REFS)) / REFS;

export class Checkpoints {
  private kept: Kept[] = [];
  /** What the kept checkpoints hold, about: their own bytes and every chunk once. */
  private bytes = 0;
  /** Per chunk, how many kept checkpoints hold it, and its size (chunkBytes, asked once). */
  private refs = new Map<object, Ref>();
  /** The longest trace of this timeline: what a restore takes its trace prefix from. */
  private longest: Trace = newTrace();

  /** What the newest checkpoint holds on its own (its bytes and every chunk it holds, shared or not). */
  private newestAlone = 0;

  constructor(private readonly limits = { count: MAX_CHECKPOINTS, bytes: CHECKPOINT_BUDGET, spread: MIN_SPREAD_BYTES }) {}

  /** What the kept checkpoints hold, about, and of that what the newest holds on its own (for benches). */
  get held(): { bytes: number; newest: number } {
    return { bytes: this.bytes, newest: this.newestAlone };
  }

  /** Over the count, or over the budget with the newest's own copy taken out first. */
  private over(): boolean {
    return this.kept.length > this.limits.count || this.bytes > Math.max(this.limits.bytes, this.newestAlone + this.limits.spread);
  }

  clear(sim: Simulation): void {
    this.kept = [];
    this.spacing = 0;
    this.bytes = 0;
    this.newestAlone = 0;
    this.refs = new Map();
    this.longest = sim.ctx.trace;
  }

  get size(): number {
    return this.kept.length;
  }

  /** Engine wall ms since the last checkpoint, and what the last one cost to take. */
  private work = 0;
  private cost = 0;
  /** Simulated ms a new checkpoint keeps from the last one (0 until the budget thins them). */
  private spacing = 0;

  /** The engine worked `ms` of wall time (Timeline measures it when it has a clock). */
  worked(ms: number): void {
    this.work += ms;
  }

  /** Is `t` (a sample boundary) a moment the policy keeps? */
  due(t: number, clocked: boolean): boolean {
    const last = this.kept[this.kept.length - 1];
    if (!clocked || !last) return t % CHECKPOINT_MS === 0;
    if (t - last.cp.t < this.spacing) return false;
    return this.work >= Math.max(REPLAY_MS, COST_FACTOR * this.cost) || t - last.cp.t >= MAX_GAP_MS;
  }

  /** Keeps the state at this moment, once per moment of this timeline. */
  take(sim: Simulation, applied: number, raw: RawScenario, now?: () => number, extra?: () => Extra): void {
    const last = this.kept[this.kept.length - 1];
    if (last && last.cp.t >= sim.now) return;
    this.note(sim);
    const t0 = now?.() ?? 0;
    const cp = takeCheckpoint(sim);
    const x = extra?.();
    const kept: Kept = { cp, applied, raw, extra: x, held: cp.bytes + (x?.bytes ?? 0), chunks: x?.chunks ? [cp.chunks, x.chunks] : [cp.chunks] };
    this.cost = (now?.() ?? 0) - t0;
    this.work = 0;
    this.kept.push(kept);
    this.newestAlone = this.hold(kept, 1);
    if (this.kept.length > 2 && this.over()) {
      while (this.kept.length > 2 && this.over()) this.thin();
      const k = this.kept;
      this.spacing = Math.max(this.spacing, (k[k.length - 1].cp.t - k[0].cp.t) / (k.length - 1));
    }
  }

  private measureNewest(): void {
    const k = this.kept[this.kept.length - 1];
    this.newestAlone = k?.held ?? 0;
    for (const list of k?.chunks ?? []) for (const c of list) this.newestAlone += refBytes(this.refs.get(c)!);
  }

  /**
   * One checkpoint goes: the one whose neighbours are closest together, so
   * what stays is spread evenly over the run (a seek anywhere replays about
   * as much); t=0 and the newest stay. (Every other one by index, as before,
   * left a long run with checkpoints crowded near now and none for most of
   * its past: each halving after new ones came thinned the old ones again.)
   */
  private thin(): void {
    const k = this.kept;
    let best = 1;
    let gap = Infinity;
    for (let i = 1; i < k.length - 1; i++) {
      const g = k[i + 1].cp.t - k[i - 1].cp.t;
      if (g < gap) {
        gap = g;
        best = i;
      }
    }
    this.hold(k[best], -1);
    k.splice(best, 1);
  }

  /**
   * Counts `k` in (+1) or out (-1): its own bytes, and each encoding and
   * chunk no other kept checkpoint holds. Returns what `k` holds on its own
   * (its bytes and every chunk it holds, shared or not). One look-up an
   * encoding or loose chunk: a checkpoint lists about a hundred encodings,
   * most shared whole with the one before; an encoding's chunks are looked
   * up only when it is first held or last let go.
   */
  private hold(k: Kept, by: 1 | -1): number {
    this.bytes += by * k.held;
    let alone = k.held;
    for (const list of k.chunks) for (const c of list) alone += isChunked(c) ? this.holdEncoding(c, by) : this.holdChunk(c, by);
    return alone;
  }

  /** Counts chunk `c` in or out (held by one more or one fewer); returns its bytes. */
  private holdChunk(c: object, by: 1 | -1): number {
    const e = this.refs.get(c);
    if (e === undefined) {
      // Not held yet (by is 1).
      const bytes = Math.round(chunkBytes(c as unknown[])); // whole: the count sits below it in one number
      this.refs.set(c, bytes * REFS + 1);
      this.bytes += bytes;
      return bytes;
    }
    const bytes = refBytes(e);
    if (refCount(e) + by === 0) {
      this.refs.delete(c);
      this.bytes -= bytes;
    } else this.refs.set(c, e + by);
    return bytes;
  }

  /**
   * Counts encoding `x` in or out: its chunks when it is first held or last
   * let go, and its own list of them. Returns what it holds (list and chunks).
   */
  private holdEncoding(x: Chunked, by: 1 | -1): number {
    const e = this.refs.get(x);
    if (e !== undefined && (by === 1 || refCount(e) > 1)) {
      this.refs.set(x, e + by);
      return refBytes(e);
    }
    const own = ENCODING_BYTES + 8 * x.chunks.length;
    let bytes = own;
    for (const c of x.chunks) bytes += this.holdChunk(c, by);
    if (e === undefined) {
      this.refs.set(x, bytes * REFS + 1);
      this.bytes += own;
    } else {
      this.refs.delete(x);
      this.bytes -= own;
    }
    return bytes;
  }

  /** The nearest checkpoint at or before `t`. */
  nearest(t: number): Kept | undefined {
    let lo = 0;
    let hi = this.kept.length - 1;
    let best: Kept | undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.kept[mid].cp.t <= t) {
        best = this.kept[mid];
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return best;
  }

  /** Restores `k` (a fresh copy of it: every checkpoint stays reusable). */
  restore(sim: Simulation, k: Kept): void {
    this.note(sim);
    // The prefix comes from the longest trace, omitted as far as it was; replayed events after it are whole again until the next pass.
    restoreCheckpoint(sim, k.cp, this.longest);
  }

  /** The future forks at `t`: checkpoints after it, and the trace beyond it, belong to the old one. */
  forkAt(sim: Simulation, t: number): void {
    for (const k of this.kept) if (k.cp.t > t) this.hold(k, -1);
    this.kept = this.kept.filter((k) => k.cp.t <= t);
    this.measureNewest();
    this.longest = sim.ctx.trace;
  }

  /**
   * The trace's reader (the host, streaming it to the view) has taken events
   * up to `passed`: detail events well behind it are omitted, in the trace and
   * in the longest one a restore takes its prefix from (traceRetention.ts).
   */
  retainDetail(sim: Simulation, passed: number, keep = KEEP_DETAIL, chunk = DETAIL_CHUNK): void {
    this.note(sim);
    const done = retainDetail(sim.ctx.trace, passed, keep, chunk);
    if (this.longest !== sim.ctx.trace) omitDetail(this.longest, done);
  }

  private note(sim: Simulation): void {
    if (sim.ctx.trace.length > this.longest.length) this.longest = sim.ctx.trace;
  }
}
