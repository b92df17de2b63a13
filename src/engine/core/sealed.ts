/**
 * What a sealed (frozen) queued event holds, at any depth: its body's objects
 * and arrays. A frozen event is shared, not copied, by every checkpoint that
 * holds it, and only the event itself is frozen: what it holds may also stand
 * in the live state (a request kept in flight is the one the message
 * carries). A restore writes into the live state's own objects where they fit
 * (sim/sameShape.ts), and must not write into these: that would change the
 * message in every checkpoint that holds it. So sealing marks them here.
 */
const sealed = new WeakSet<object>();

/** Does a sealed event hold `o` (so no restore may write into it)? */
export const isSealed = (o: object): boolean => sealed.has(o);

/** Marks everything `v` holds (and `v`) as held by a sealed event. */
export function sealDeep(v: unknown): void {
  if (v === null || typeof v !== 'object' || sealed.has(v)) return;
  sealed.add(v);
  if (ArrayBuffer.isView(v)) return;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) sealDeep(v[i]);
  } else if (v instanceof Map) {
    for (const [k, e] of v) {
      sealDeep(k);
      sealDeep(e);
    }
  } else if (v instanceof Set) {
    for (const e of v) sealDeep(e);
  } else for (const k in v) sealDeep((v as Record<string, unknown>)[k]);
}
