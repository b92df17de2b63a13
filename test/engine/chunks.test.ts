/**
 * How checkpoints store long arrays (src/engine/sim/chunks.ts): an unchanged
 * array is shared with its previous encoding, and a restore writes an encoding
 * into the live state's own array where it fits, giving exactly the array a
 * fresh decode gives.
 */
import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decode, decodeInto, encode, useChunkSize } from '../../src/engine/sim/chunks.ts';

afterEach(() => useChunkSize(1024));

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

  it('decodeInto a typed array of the same type and length overwrites it; any other one is refused (the restore decodes afresh)', () => {
    useChunkSize(4);
    const col = Float64Array.from({ length: 10 }, (_, i) => i * 1.5);
    const saved = encode(col)!.value;
    const live = new Float64Array(10).fill(-1);
    expect(decodeInto(saved, live)).toBe(live);
    expect(Array.from(live)).toEqual(Array.from(col));
    expect(decodeInto(saved, new Float64Array(12))).toBeNull();
    expect(decodeInto(saved, new Int32Array(10))).toBeNull();
    expect(decodeInto(saved, Object.freeze([1, 2]))).toBeNull();
  });
});
