/**
 * How checkpoints store long arrays (src/engine/sim/chunks.ts): an unchanged
 * array is shared with its previous encoding, and a restore writes an encoding
 * into the live state's own array where it fits, giving exactly the array a
 * fresh decode gives.
 */
import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decode, decodeInto, encode, useChunkSize } from '../../src/engine/sim/chunks.ts';
import { changedRows, markRow, trackRows, type RowTracked } from '../../src/engine/core/changedRows.ts';

afterEach(() => useChunkSize());

const seed = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);
console.log(`chunks: fast-check seed ${seed} (FC_SEED=${seed} replays it)`);

const frozen = (n: number, tag = 'a') => Array.from({ length: n }, (_, i) => Object.freeze({ tag, i }));

describe('chunked arrays', () => {
  it('an array that did not change since its last encoding is that encoding again, and holds no new bytes', () => {
    useChunkSize(8);
    const log = frozen(20);
    const first = encode(log)!;
    const again = encode(log)!;
    expect(again.value).toBe(first.value);
    expect(again.bytes).toBe(0);
    log.push(Object.freeze({ tag: 'b', i: 20 }));
    const grown = encode(log)!;
    expect(grown.value).not.toBe(first.value);
    // The two full chunks are shared; only the last, partial one is new.
    expect(grown.value.chunks.slice(0, 2)).toEqual(first.value.chunks.slice(0, 2));
    expect(grown.value.chunks[0]).toBe(first.value.chunks[0]);
  });

  it('decodeInto a live plain array, longer or shorter, gives the same elements as a fresh decode', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 0, max: 60 }), fc.integer({ min: 1, max: 9 }), (n, liveN, chunk) => {
        useChunkSize(chunk);
        const saved = encode(frozen(n))!.value;
        const live: unknown[] = frozen(liveN, 'live');
        const out = decodeInto(saved, live)!;
        expect(out).toBe(live);
        expect(out).toEqual(decode(saved));
      }),
      { seed, numRuns: 200 },
    );
  });

  it('decodeInto a typed array of the same type and length overwrites it; one of another length gives a new array of the saved length, leaving it as it was; any other one is refused (the restore decodes afresh)', () => {
    useChunkSize(4);
    const col = Float64Array.from({ length: 10 }, (_, i) => i * 1.5);
    const saved = encode(col)!.value;
    const live = new Float64Array(10).fill(-1);
    expect(decodeInto(saved, live)).toBe(live);
    expect(Array.from(live)).toEqual(Array.from(col));
    const grown = new Float64Array(12).fill(7);
    const out = decodeInto(saved, grown);
    expect(out).not.toBe(grown);
    expect(Array.from(out as Float64Array)).toEqual(Array.from(col));
    expect(Array.from(grown)).toEqual(new Array(12).fill(7));
    expect(decodeInto(saved, new Int32Array(10))).toBeNull();
    expect(decodeInto(saved, Object.freeze([1, 2]))).toBeNull();
  });

  it("a grown column's restore copies the chunks its live column still holds unchanged (tracked rows) and unpacks the others", () => {
    useChunkSize(4);
    const table: { col: Int32Array } & RowTracked = trackRows({ col: Int32Array.from({ length: 12 }, (_, i) => i * 3) });
    const saved = encode(table.col)!.value;
    // The column grows (a new, longer array holding the same rows), is encoded again, then rows 9 and 10 change.
    const grown = new Int32Array(20);
    grown.set(table.col);
    encode(grown);
    trackRows(table, true);
    grown[9] = -5;
    grown[10] = -6;
    markRow(table, 9);
    markRow(table, 10);
    const out = decodeInto(saved, grown, changedRows(table))!;
    expect(out).not.toBe(grown);
    expect(Array.from(out)).toEqual(Array.from({ length: 12 }, (_, i) => i * 3));
  });
});

describe('packed typed chunks (packedChunk.ts)', () => {
  const KINDS = [Int8Array, Uint8Array, Int16Array, Uint16Array, Int32Array, Uint32Array, Float32Array, Float64Array] as const;
  // Values a column holds: small steps, runs, zeros, big jumps, and what does not pack (fractions, -0, NaN, huge).
  const value = fc.oneof(
    fc.integer({ min: -3, max: 3 }),
    fc.integer({ min: -(2 ** 31), max: 2 ** 32 }),
    fc.constantFrom(0, -0, NaN, 0.5, 2 ** 50, -(2 ** 50), 2 ** 53, Infinity, -1),
  );
  const column = fc.array(fc.oneof(value, fc.record({ start: fc.integer({ min: -1000, max: 1000 }), step: fc.integer({ min: -5, max: 5 }), n: fc.integer({ min: 1, max: 40 }) })), { maxLength: 40 });

  it('a typed column packed, decoded and written into a live array gives the same bytes, and compares equal to itself only', () => {
    fc.assert(
      fc.property(fc.constantFrom(...KINDS), column, fc.integer({ min: 1, max: 40 }), (Kind, parts, chunk) => {
        useChunkSize(chunk);
        const vals: number[] = [];
        for (const p of parts) if (typeof p === 'number') vals.push(p);
        else for (let i = 0; i < p.n; i++) vals.push(p.start + i * p.step);
        fc.pre(vals.length > 0); // a checkpoint chunks long arrays only (worthChunking)
        const col = new Kind(vals.length);
        for (let i = 0; i < vals.length; i++) col[i] = vals[i];
        const bytes = (t: ArrayBufferView) => Array.from(new Uint8Array(t.buffer, t.byteOffset, t.byteLength));
        const saved = encode(col)!.value;
        expect(bytes(decode(saved) as ArrayBufferView)).toEqual(bytes(col));
        const live = new Kind(vals.length).fill(7);
        expect(decodeInto(saved, live)).toBe(live);
        expect(bytes(live)).toEqual(bytes(col));
        // Unchanged: the same encoding; one element changed: a new one.
        expect(encode(col)!.value).toBe(saved);
        const was = col[col.length - 1];
        col[col.length - 1] = Number.isNaN(was) || was !== 1 ? 1 : 2;
        const after = encode(col)!.value;
        expect(after).not.toBe(saved);
        expect(bytes(decode(after) as ArrayBufferView)).toEqual(bytes(col));
      }),
      { seed, numRuns: 400 },
    );
  });

  it('a plain array of numbers (page-cache marks) packed and restored, into a live array or afresh, holds the same values (-0, NaN, fractions and strings kept as they were)', () => {
    const plainValue = fc.oneof(value, fc.constantFrom('x', undefined, null));
    fc.assert(
      fc.property(fc.array(plainValue, { minLength: 1, maxLength: 80 }), fc.array(plainValue, { maxLength: 80 }), fc.integer({ min: 1, max: 40 }), (vals, liveVals, chunk) => {
        useChunkSize(chunk);
        const saved = encode(vals)!.value;
        const same = (out: unknown[], eq: (a: unknown, b: unknown) => boolean) => expect(out.length === vals.length && out.every((v, i) => eq(v, vals[i]))).toBe(true);
        same(decode(saved) as unknown[], Object.is);
        // Written into a live array, an element is replaced only where it differs (!==): a live 0 stays for a saved -0, as before packing.
        same(decodeInto(saved, liveVals.slice()) as unknown[], (a, b) => a === b || (Number.isNaN(a) && Number.isNaN(b)));
        // Unchanged, it is shared (a NaN never equals itself: that chunk is stored again, as before packing).
        if (!vals.some((v) => Number.isNaN(v))) expect(encode(vals)!.value).toBe(saved);
      }),
      { seed, numRuns: 300 },
    );
  });

  it('a row-tracked plain array (page-cache marks) restored to an older encoding skips only chunks it still holds as that encoding does, and ends as a fresh decode', () => {
    // Edits as the marks see them: append, rewrite a row, cut the tail, drop a prefix (all rows move).
    const edit = fc.oneof(
      fc.record({ k: fc.constant('push' as const), n: fc.integer({ min: 1, max: 20 }) }),
      fc.record({ k: fc.constant('set' as const), at: fc.nat(), v: fc.integer({ min: 0, max: 5 }) }),
      fc.record({ k: fc.constant('cut' as const), at: fc.nat() }),
      fc.record({ k: fc.constant('shift' as const), n: fc.integer({ min: 1, max: 10 }) }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9 }), fc.array(edit, { maxLength: 12 }), fc.array(edit, { maxLength: 12 }), (chunk, before, after) => {
        useChunkSize(chunk);
        const marks: RowTracked & { ends: number[] } = trackRows({ ends: [] as number[] }, false, true);
        let next = 0;
        const apply = (e: (typeof before)[number]) => {
          const a = marks.ends;
          if (e.k === 'push') for (let i = 0; i < e.n; i++) (markRow(marks, a.length), a.push(next++));
          else if (e.k === 'set' && a.length > 0) (markRow(marks, e.at % a.length), (a[e.at % a.length] = e.v));
          else if (e.k === 'cut' && a.length > 0) (markRow(marks, e.at % a.length), (a.length = e.at % a.length));
          else if (e.k === 'shift' && a.length > 0) (markRow(marks, 0), markRow(marks, a.length - 1), a.splice(0, Math.min(e.n, a.length)));
        };
        const take = () => {
          const enc = encode(marks.ends, false, changedRows(marks))!.value;
          trackRows(marks, true, true);
          return enc;
        };
        before.forEach(apply);
        const old = take();
        const want = decode(old);
        after.forEach(apply);
        take();
        after.forEach(apply);
        const out = decodeInto(old, marks.ends, changedRows(marks))!;
        expect(out).toBe(marks.ends);
        expect(out).toEqual(want);
      }),
      { seed, numRuns: 400 },
    );
  });

  it('long packings (kept in a Uint8Array) and short ones (kept in a string) restore the same bytes, afresh and into a live column that held either', () => {
    // At the lab's chunk size a noisy column packs to thousands of bytes a chunk, a steady one to a few.
    const noisy = Float64Array.from({ length: 5000 }, (_, i) => ((i * 7919) % 100_003) - 50_000);
    const steady = Float64Array.from({ length: 5000 }, (_, i) => 3 * i);
    const bytes = (t: ArrayBufferView) => Array.from(new Uint8Array(t.buffer, t.byteOffset, t.byteLength));
    const a = encode(noisy)!;
    const b = encode(steady)!.value;
    expect(bytes(decode(a.value) as ArrayBufferView)).toEqual(bytes(noisy));
    expect(bytes(decode(b) as ArrayBufferView)).toEqual(bytes(steady));
    const live = new Float64Array(5000);
    for (const [saved, col] of [[b, steady], [a.value, noisy], [b, steady], [encode(Float64Array.from(noisy))!.value, noisy]] as const) {
      expect(decodeInto(saved, live)).toBe(live);
      expect(bytes(live)).toEqual(bytes(col));
    }
    expect(a.bytes).toBeLessThan(noisy.byteLength / 2);
  });

  it('a column of steady integers packs to far fewer bytes than it holds', () => {
    const col = Float64Array.from({ length: 4096 }, (_, i) => 1000 + 5 * i + (i % 7 === 0 ? 3 : 0));
    expect(encode(col)!.bytes).toBeLessThan(col.byteLength / 4);
    expect(encode(new Uint8Array(8192))!.bytes).toBeLessThan(1024);
  });
});
