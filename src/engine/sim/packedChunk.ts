/**
 * A checkpoint's chunk of a typed column (chunks.ts), packed. The columns of
 * a long run (send and ack times, offsets, message ids in log order, trace
 * indices, statuses) hold integers that mostly move by small steps, often the
 * same step over and over: stored as the difference from the element before,
 * zigzag-coded as a varint, with a run of equal differences as one token,
 * they take one byte or less an element instead of four or eight (a chunk
 * of a column not yet written, all zeros, takes a few bytes). The bytes of
 * a chunk sit in a Uint8Array of their own, outside the JS heap: checkpoints
 * are most of what survives a full collection, and V8 lets the heap grow to
 * about four times that before the next one, so each MB of packed chunks kept
 * as strings on the heap (15 MB after a busy hour) cost about 4 MB of the
 * process's peak; in an ArrayBuffer it costs its own size. A short packing
 * (a column not yet written) stays a one-byte string: below SHORT bytes a
 * string's few bytes cost less than a buffer's headers. A chunk whose values are not all safe integers
 * (a fraction, -0, NaN, beyond 2^50) is kept as a plain copy instead.
 * Packing is exact: unpacking gives the same bits (test/engine/chunks.test.ts).
 */

export type Typed = Int8Array | Uint8Array | Int16Array | Uint16Array | Int32Array | Uint32Array | Float32Array | Float64Array;
type TypedCtor = new (n: number) => Typed;

const CTORS: TypedCtor[] = [Int8Array, Uint8Array, Int16Array, Uint16Array, Int32Array, Uint32Array, Float32Array, Float64Array];

/** A packed chunk: the typed array's kind (-1: a plain array of numbers), its length, and its bytes (a short packing's one char each). */
export interface Packed {
  readonly kind: number;
  readonly length: number;
  readonly s: Uint8Array | string;
}

/** Packings shorter than this stay a string (a Uint8Array costs ~200 bytes of headers, on the heap and off it). */
const SHORT = 256;

/** A run of at least this many equal differences is one token. */
const MIN_RUN = 3;
/** Values beyond this are kept as a plain copy: a difference of two stays a safe integer when doubled twice. */
const LIMIT = 2 ** 50;

const packs = new WeakSet<object>();
export const isPacked = (c: object): c is Packed => packs.has(c);

let scratch = new Uint8Array(1 << 14);

/**
 * Where packing reads from: the stretch copied first into one Float64Array
 * (a typed array's set() converts natively), so the packing loop reads one
 * kind of array, not any of nine (a megamorphic load per element was most
 * of what taking a checkpoint cost).
 */
let stage = new Float64Array(1024);

const zigzag = (d: number): number => (d >= 0 ? 2 * d : -2 * d - 1);
const unzig = (z: number): number => (z % 2 === 0 ? z / 2 : -(z + 1) / 2);

/** Is every value of stage[0..n) a safe, small integer (no -0, no NaN, no fraction)? */
function stagedIntegers(n: number): boolean {
  const x = stage;
  for (let i = 0; i < n; i++) {
    const v = x[i];
    if (!(v >= -LIMIT && v <= LIMIT) || Math.floor(v) !== v || (v === 0 && 1 / v < 0)) return false;
  }
  return true;
}

/** Can `x[from..to)` be packed: safe, small integers only (no -0, no NaN, no fraction, nothing but numbers)? */
export function packable(x: Typed | readonly unknown[], from: number, to: number): boolean {
  if (ArrayBuffer.isView(x) && !(x instanceof Float64Array || x instanceof Float32Array)) return true;
  for (let i = from; i < to; i++) {
    const v = x[i];
    if (typeof v !== 'number' || !Number.isInteger(v) || v > LIMIT || v < -LIMIT || (v === 0 && 1 / v < 0)) return false;
  }
  return true;
}

/** `x[from..to)` copied into stage[0..to - from). */
function toStage(x: ArrayLike<number>, from: number, to: number): void {
  const n = to - from;
  if (stage.length < n) stage = new Float64Array(n);
  if (ArrayBuffer.isView(x)) stage.set((x as Typed).subarray(from, to));
  else for (let i = 0; i < n; i++) stage[i] = x[from + i];
}

/** `x[from..to)` packed, or a plain copy of it when its values do not pack. */
export function pack(x: Typed, from: number, to: number): Packed | Typed {
  toStage(x, from, to);
  if ((x instanceof Float64Array || x instanceof Float32Array) && !stagedIntegers(to - from)) return x.slice(from, to);
  return packStaged(to - from, CTORS.indexOf(x.constructor as TypedCtor));
}

/** `x[from..to)`, numbers that pack (packable), packed as `kind`. */
export function packNumbers(x: ArrayLike<number>, from: number, to: number, kind: number): Packed {
  toStage(x, from, to);
  return packStaged(to - from, kind);
}

/** stage[0..n) packed as `kind`: differences, zigzag varints, runs of equal differences as one token. */
function packStaged(n: number, kind: number): Packed {
  if (scratch.length < 24 * n + 16) scratch = new Uint8Array(Math.max(scratch.length * 2, 24 * n + 16));
  const x = stage;
  const out = scratch;
  let at = 0;
  let prev = 0;
  let i = 0;
  while (i < n) {
    const d = x[i] - prev;
    let j = i + 1;
    while (j < n && x[j] - x[j - 1] === d) j++;
    const run = j - i;
    let tok: number;
    if (run >= MIN_RUN) {
      tok = run * 2 + 1;
      // The run's length, then its difference.
      if (tok < 0x80) out[at++] = tok;
      else at = putLong(out, at, tok);
      tok = zigzag(d);
      i = j;
    } else {
      tok = zigzag(d) * 2;
      i++;
    }
    if (tok < 0x80) out[at++] = tok;
    else at = putLong(out, at, tok);
    prev = x[i - 1];
  }
  const s = at >= SHORT ? out.slice(0, at) : String.fromCharCode.apply(null, out.subarray(0, at) as unknown as number[]);
  const p: Packed = Object.freeze({ kind, length: n, s });
  packs.add(p);
  return p;
}

/** A varint of 0x80 or more (at most 2^53: 8 bytes; the scratch holds 24 a value). */
function putLong(out: Uint8Array, at: number, v: number): number {
  while (v >= 0x80) {
    out[at++] = (v % 0x80) | 0x80;
    v = Math.floor(v / 0x80);
  }
  out[at++] = v;
  return at;
}

/** Where unpacking writes first: one Float64Array, so the decoding loop stores to one kind of array (fast), whatever the column's. */
let out64 = new Float64Array(1024);

/** Where the next varint() reads. */
let pos = 0;

/** A short packing's chars as bytes, so decoding reads one kind of input (a Uint8Array) whatever the chunk holds. */
const shortBytes = new Uint8Array(SHORT);

function bytesOf(c: Packed): Uint8Array {
  if (typeof c.s !== 'string') return c.s;
  const s = c.s;
  for (let i = 0; i < s.length; i++) shortBytes[i] = s.charCodeAt(i);
  return shortBytes;
}

/** The varint of `s` at `pos` (small ones in int32 arithmetic: this is the restore's inner loop). */
function varint(s: Uint8Array): number {
  let b = s[pos++];
  if (b < 0x80) return b;
  let v = b & 0x7f;
  for (let shift = 7; ; shift += 7) {
    b = s[pos++];
    if (shift < 28) v |= (b & 0x7f) << shift;
    else v += (b & 0x7f) * 2 ** shift;
    if (b < 0x80) return v;
  }
}

const unzigzag = (z: number): number => (z <= 0x7fffffff ? (z >>> 1) ^ -(z & 1) : unzig(z));

/** The chunk's values, in out64[0..length). */
function unpack64(c: Packed): Float64Array {
  if (out64.length < c.length) out64 = new Float64Array(c.length);
  const o = out64;
  const s = bytesOf(c);
  const n = c.length;
  let i = 0;
  let v = 0;
  pos = 0;
  while (i < n) {
    const tok = varint(s);
    if (tok <= 0x7fffffff ? (tok & 1) === 1 : tok % 2 === 1) {
      const d = unzigzag(varint(s));
      const k = (tok - 1) / 2;
      if (d === 0) {
        o.fill(v, i, i + k);
        i += k;
      } else for (let e = i + k; i < e; i++) o[i] = v += d;
    } else o[i++] = v += unzigzag(tok / 2);
  }
  return o;
}

/** Writes the chunk `c` (packed or a plain copy) into `t` at `at`. */
export function unpackInto(c: Packed | Typed, t: Typed, at: number): void {
  if (!isPacked(c)) return t.set(c as Typed, at);
  const o = unpack64(c);
  t.set(o.length === c.length ? o : o.subarray(0, c.length), at);
}

/** Do `x[from..from + c.length)` hold exactly the chunk's values (bit for bit: -0 is not 0)? */
export function samePacked(x: Typed | readonly unknown[], from: number, c: Packed): boolean {
  const o = unpack64(c);
  for (let i = 0; i < c.length; i++) {
    const a = x[from + i];
    if (a !== o[i] || (a === 0 && 1 / a < 0)) return false;
  }
  return true;
}

/**
 * A packed plain chunk's numbers, as an array of small integers where they
 * fit (as the engine's own arrays hold them): numbers read from a Float64Array
 * come as doubles, and stored as such they made a restored array (page-cache
 * marks, the queue's window keys) a double array, a hidden class the engine's
 * optimised code had not seen, and every number read from it a double.
 */
export function unpacked(c: Packed): number[] {
  const o = unpack64(c);
  const out: number[] = [];
  for (let i = 0; i < c.length; i++) {
    const v = o[i];
    out.push((v | 0) === v ? v | 0 : v);
  }
  return out;
}

/** A new typed array of the chunk's kind, `n` long. */
export function typedLike(c: Packed | Typed, n: number): Typed {
  return isPacked(c) ? new CTORS[c.kind](n) : new (c.constructor as TypedCtor)(n);
}

/** Is `live` a typed array of the chunk's kind? */
export function sameKind(c: Packed | Typed, live: Typed): boolean {
  return isPacked(c) ? live.constructor === CTORS[c.kind] : live.constructor === c.constructor;
}

/** About what the chunk holds in memory (a string's header and one byte a char, or a Uint8Array's bytes and headers; an object besides). */
export const packedBytes = (c: Packed): number => (typeof c.s === 'string' ? c.s.length : c.s.length + 200) + 64;

/**
 * Two chunks of a typed column that hold the same values: the same chunk, or
 * two packings of the same values (a column that grew, or a row written and
 * written back, is packed again into a chunk of its own: its bytes compare
 * equal, much faster than unpacking them).
 */
export function sameChunk(a: object, b: object): boolean {
  if (a === b) return true;
  if (!isPacked(a) || !isPacked(b) || a.kind !== b.kind || a.length !== b.length) return false;
  const x = a.s;
  const y = b.s;
  if (typeof x === 'string' || typeof y === 'string') return x === y;
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}
