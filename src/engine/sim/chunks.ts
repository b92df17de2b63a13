/**
 * How a checkpoint stores the long arrays of a run (a replica's log, the
 * queue's heap, the message table's columns, a group's ledger): in fixed-size
 * chunks, each frozen once written. A full chunk that holds exactly what the
 * previous checkpoint's chunk at the same place held is that chunk, shared by
 * reference, so a checkpoint costs about what changed since the last one
 * (appends land in the last chunks; a settled send touches one chunk), not
 * the whole run. The live state keeps its flat arrays (the rules index them);
 * only the checkpoint's copy is chunked, and a restore flattens it again.
 *
 * Which checkpoint came before is remembered per live array (a WeakMap beside
 * the state, not in it), and a restore remembers the chunks it read, so the
 * run after a seek shares with the checkpoint it came from. Nothing here
 * changes what the simulation computes: a restore gives the same values
 * whether a chunk was shared or copied.
 */

import type { Changed } from '../core/changedRows.ts';
import { isPacked, pack, packable, packedBytes, packNumbers, sameChunk, sameKind, samePacked, typedLike, unpacked, unpackInto, type Packed, type Typed } from './packedChunk.ts';

/** Elements per chunk. */
let CHUNK = 1024;
/**
 * Elements per chunk of a typed column. A chunk costs a few hundred bytes of
 * JS heap besides its packed bytes (packing object, buffer headers, the cap's
 * count, weak-set entries): at 1,024 a busy hour kept ~45,000, most of what
 * checkpoints held on the heap. At 4,096 the same budget kept more of them
 * (10 busy minutes 65 -> 78, an hour 13 -> 17), the hour's heap ~20 MB less.
 */
let TYPED_CHUNK = 4096;

/** Tests chunk small arrays too (the examples' arrays are short), so sharing is exercised; no argument: the lab's sizes. */
export function useChunkSize(n?: number): void {
  CHUNK = n ?? 1024;
  TYPED_CHUNK = n ?? 4096;
}

/**
 * Where the chunks of an array of `length` start and end: chunks of CHUNK
 * (TYPED_CHUNK for a typed column), but a plain array's last, partial stretch
 * (where a growing array grows: a log, page-cache marks) in pieces of CHUNK /
 * 16, so a checkpoint copies only the piece being filled, not up to a whole
 * chunk of what the previous checkpoint also held.
 */
function chunkEnd(typed: boolean, from: number, length: number): number {
  if (typed) return Math.min(length, from + TYPED_CHUNK);
  return from + CHUNK <= length ? from + CHUNK : Math.min(length, from + Math.max(1, CHUNK >> 4));
}

/** A long array, chunked (chunkEnd says where each chunk ends). */
export interface Chunked {
  readonly typed: boolean;
  readonly length: number;
  /** A typed array's chunks are packed (packedChunk.ts), or plain copies where their values do not pack. */
  readonly chunks: readonly (readonly unknown[] | Typed | Packed)[];
}

/** Encodings this module made (a checkpoint's state is otherwise plain data, and may hold frozen objects of its own). */
const encodings = new WeakSet<object>();
/** Per live array, its last encoding: what the next one shares chunks with. */
const previous = new WeakMap<object, Chunked>();

export const isChunked = (x: object): x is Chunked => encodings.has(x);

/** `x` was written in place with what no encoding of it holds (a restore): its next encoding shares nothing with its last one. */
export const forget = (x: object): boolean => previous.delete(x);

/** What a chunk keeps alive besides itself (the objects it alone holds), where its maker knows it. */
const beyond = new WeakMap<object, number>();

/** `c`, a chunk, also keeps about `bytes` of objects alive that nothing else holds (queueCheckpoint.ts). */
export function alsoHolds(c: object, bytes: number): void {
  beyond.set(c, bytes);
}

/** About what a chunk holds in memory. */
export const chunkBytes = (c: readonly unknown[] | Typed | Packed): number =>
  (isPacked(c) ? packedBytes(c) : ArrayBuffer.isView(c) ? c.byteLength + 200 : 8 * (c as unknown[]).length + 32) + (beyond.get(c) ?? 0);

/** Arrays this long or longer are chunked; shorter ones are copied whole. */
export const worthChunking = (length: number): boolean => length >= 2 * CHUNK;

/**
 * A shorter plain array is stored as one chunk from this length on, so a
 * checkpoint shares it whole with the previous one when it did not change
 * (a timer bucket waiting for its time, a list of removed batches) instead
 * of holding a copy of its own. (Tests' small chunks make short arrays shared too.)
 */
export const worthSharing = (length: number): boolean => length >= Math.min(64, CHUNK);

/** The same bytes (an Int32 view of each: a NaN or -0 compares by its bits, not as a number). */
function sameTyped(a: Typed, aFrom: number, b: Typed | Packed): boolean {
  if (isPacked(b)) return samePacked(a, aFrom, b);
  const n = b.length * b.BYTES_PER_ELEMENT;
  if (n % 4 !== 0 || (a.byteOffset + aFrom * a.BYTES_PER_ELEMENT) % 4 !== 0 || b.byteOffset % 4 !== 0) return false;
  const x = new Int32Array(a.buffer, a.byteOffset + aFrom * a.BYTES_PER_ELEMENT, n >> 2);
  const y = new Int32Array(b.buffer, b.byteOffset, n >> 2);
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

function sameRefs(a: readonly unknown[], aFrom: number, b: readonly unknown[] | Packed, suffixOnly: boolean): boolean {
  if (isPacked(b)) return samePacked(a, aFrom, b);
  // An array that changes only at its end (append, truncate the tail) changed a full chunk only if
  // it replaced the chunk's last element too: a look at that one is enough.
  if (suffixOnly) return a[aFrom + b.length - 1] === b[b.length - 1];
  for (let i = 0; i < b.length; i++) if (a[aFrom + i] !== b[i]) return false;
  return true;
}

/** A value a chunk may share: a primitive or a frozen object (never changes). */
const immutable = (v: unknown): boolean => v === null || typeof v !== 'object' || Object.isFrozen(v);

/**
 * `x` chunked, sharing the full chunks that did not change since its last
 * encoding; or null when `x` holds a mutable object (it must be copied
 * deeply, not chunked). `suffixOnly`: `x` changes only at its end (see
 * SUFFIX_ONLY in checkpoint.ts). `changed`: elements outside this range are
 * as the last encoding (or decoding) of `x` has them (core/changedRows.ts),
 * so the full chunks there are shared without a look. Returns the bytes newly held.
 */
export function encode(x: readonly unknown[] | Typed, suffixOnly = false, changed?: Changed): { value: Chunked; bytes: number } | null {
  const typed = ArrayBuffer.isView(x);
  // An array holds frozen values only or mutable ones only (test/engine/checkpoint.test.ts): one
  // that starts with a frozen value needs no look at the others; one of primitives is checked whole.
  const first: unknown = typed ? undefined : (x as unknown[])[0];
  if (!typed && typeof first === 'object' && first !== null && !Object.isFrozen(first)) return null;
  const check = !typed && (first === null || typeof first !== 'object');
  const prev = previous.get(x);
  const chunks: (readonly unknown[] | Typed | Packed)[] = [];
  let bytes = 0;
  const before = prev && prev.typed === typed ? prev.chunks : undefined;
  // The previous encoding's chunk that starts where this one does (chunks of the two may not line up: the array's length moved).
  let pi = 0;
  let pAt = 0;
  // A typed column's full chunks wholly below its lowest changed row are the previous encoding's: taken in one
  // go, without the look per chunk below (a long column has a hundred of them, nearly all unchanged).
  if (typed && changed !== undefined && before !== undefined) {
    const below = Math.min(changed[0], x.length);
    while (pi < before.length && before[pi].length === TYPED_CHUNK && pAt + TYPED_CHUNK <= below) {
      chunks.push(before[pi++]);
      pAt += TYPED_CHUNK;
    }
  }
  for (let from = pAt, to = 0; from < x.length; from = to) {
    to = chunkEnd(typed, from, x.length);
    let old: (readonly unknown[] | Typed | Packed) | undefined;
    if (before) {
      while (pi < before.length && pAt < from) pAt += before[pi++].length;
      if (pAt === from) old = before[pi];
    }
    if (old && old.length === to - from && ((changed !== undefined && (to <= changed[0] || from >= changed[1])) || (typed ? sameTyped(x as Typed, from, old as Typed | Packed) : sameRefs(x as unknown[], from, old as unknown[] | Packed, suffixOnly)))) {
      chunks.push(old);
      continue;
    }
    if (typed) {
      const c = pack(x as Typed, from, to);
      bytes += chunkBytes(c);
      chunks.push(c);
    } else if (check && packable(x as unknown[], from, to)) {
      // A stretch of integers (page-cache marks, offsets): packed like a typed column.
      const c = packNumbers(x as number[], from, to, -1);
      chunks.push(c);
      bytes += chunkBytes(c);
    } else {
      const c = (x as unknown[]).slice(from, to);
      if (check) for (const v of c) if (!immutable(v)) return null;
      chunks.push(Object.freeze(c));
      bytes += chunkBytes(c);
    }
  }
  // Nothing changed: the previous encoding itself.
  if (prev && bytes === 0 && prev.length === x.length && prev.chunks.length === chunks.length && chunks.every((c, i) => c === prev.chunks[i])) return { value: prev, bytes: 0 };
  const value: Chunked = Object.freeze({ typed, length: x.length, chunks: Object.freeze(chunks) });
  encodings.add(value);
  previous.set(x, value);
  return { value, bytes };
}

/** A fresh live array from `c` (typed as its chunks are); the next encoding of it shares with `c`. */
export function decode(c: Chunked): unknown[] | Typed {
  let out: unknown[] | Typed;
  if (c.typed) {
    const t = typedLike(c.chunks[0] as Typed | Packed, c.length);
    let at = 0;
    for (const ch of c.chunks) {
      unpackInto(ch as Typed | Packed, t, at);
      at += ch.length;
    }
    out = t;
  } else {
    // Its first chunk mapped, the rest pushed: the array's elements kind (small integers, numbers, objects)
    // follows its values as the engine's own arrays' does (pushes into [] at one site take the most general
    // kind that site has seen), so the engine's code sees one hidden class for it, not two. Chunks of
    // CHUNK elements (1,024) spread into push well within the argument limit.
    const chunks = c.chunks as readonly (readonly unknown[] | Packed)[];
    const at = (k: number): readonly unknown[] => (isPacked(chunks[k]) ? unpacked(chunks[k] as Packed) : (chunks[k] as readonly unknown[]));
    const a: unknown[] = chunks.length > 0 ? at(0).map(same) : [];
    for (let k = 1; k < chunks.length; k++) a.push(...at(k));
    out = a;
  }
  previous.set(out, c);
  return out;
}

const same = (v: unknown): unknown => v;

/**
 * `c` written into `live`, an array of the same kind from the state being
 * replaced (a restore), so a seek allocates nothing for it and leaves no old
 * copy behind for the collector: a typed array of the same type and length is
 * overwritten; a plain array is cut to length and only the elements that
 * differ are written. Returns null when `live` does not fit (then decode).
 * `changed`: elements of a typed `live` outside this range are as its last
 * encoding or decoding has them (core/changedRows.ts): a chunk there that
 * `c` shares with that encoding is already in place and is not written.
 * `suffixOnly` (a plain array that changes only at its end, as in encode):
 * likewise a chunk `c` shares with that encoding whose last element the live
 * array still holds. A plain `live` whose rows are tracked (`changed`: a
 * replica's dirty page-cache marks) skips, likewise, a chunk that encoding
 * holds at the same place, outside the changed rows, without unpacking it to
 * compare (the marks' two columns were a third of what a seek's restore cost).
 */
export function decodeInto(c: Chunked, live: unknown, changed?: Changed, suffixOnly = false): unknown[] | Typed | null {
  if (c.typed) {
    const first = c.chunks[0] as Typed | Packed | undefined;
    if (!ArrayBuffer.isView(live) || !first || !sameKind(first, live as Typed)) return null;
    const l = live as Typed;
    // A column of another length (it grew since, or had not yet): a new one, its unchanged chunks copied from `live`.
    const t = l.length === c.length ? l : typedLike(first, c.length);
    const held = changed !== undefined ? previous.get(l) : undefined;
    let at = 0;
    for (let i = 0; i < c.chunks.length; i++) {
      const ch = c.chunks[i];
      const end = at + ch.length;
      const h = held?.chunks[i];
      if (!(h && end <= l.length && sameChunk(h, ch) && (end <= changed![0] || at >= changed![1]))) unpackInto(ch as Typed | Packed, t, at);
      else if (t !== l) t.set(l.subarray(at, end), at);
      at = end;
    }
    previous.set(t, c);
    return t;
  }
  if (!Array.isArray(live) || Object.isFrozen(live)) return null;
  const a = live as unknown[];
  const held = suffixOnly || changed !== undefined ? previous.get(a) : undefined;
  // Rows of `a` as `held` has them: [0, a.length) outside the changed rows (read before `a` is cut).
  const from = changed !== undefined ? Math.min(changed[0], a.length) : 0;
  const to = changed !== undefined ? Math.min(changed[1], a.length) : 0;
  if (a.length > c.length) a.length = c.length;
  let at = 0;
  // The held encoding's chunk that starts where `c`'s k-th does (the two may not line up: the array's length moved).
  let hi = 0;
  let hAt = 0;
  for (let k = 0; k < c.chunks.length; k++) {
    const p = c.chunks[k] as readonly unknown[] | Packed;
    if (changed !== undefined && held) {
      while (hi < held.chunks.length && hAt < at) hAt += held.chunks[hi++].length;
      const h = hAt === at ? held.chunks[hi] : undefined;
      const end = at + p.length;
      if (h !== undefined && end <= a.length && (end <= from || at >= to) && sameChunk(h, p)) {
        at = end;
        continue;
      }
    }
    // A packed chunk the live array holds as it is is compared without an array of its own.
    if (isPacked(p) && at + p.length <= a.length && samePacked(a, at, p)) {
      at += p.length;
      continue;
    }
    const ch = isPacked(p) ? unpacked(p) : p;
    const n = ch.length;
    if (suffixOnly && held && held.chunks[k] === p && at + n <= a.length && a[at + n - 1] === ch[n - 1]) {
      at += n;
      continue;
    }
    let i = 0;
    while (i < n && at < a.length && a[at] === ch[i]) i++, at++;
    if (i === n) continue;
    // From the first difference on, pushed whole (a builtin's push keeps the live array's elements kind;
    // a store site here would make every array it wrote to the most general kind it had seen).
    a.length = at;
    a.push(...(i === 0 ? ch : ch.slice(i)));
    at += n - i;
    for (let r = k + 1; r < c.chunks.length; r++) {
      const q = c.chunks[r] as readonly unknown[] | Packed;
      const rest = isPacked(q) ? unpacked(q) : q;
      a.push(...rest);
      at += rest.length;
    }
    break;
  }
  previous.set(a, c);
  return a;
}
