/**
 * A deep copy of a watcher's own state (the observer's typed arrays, lists,
 * maps and cursors), sharing what belongs to the engine: values under the
 * named keys are the simulation's context (the same object across restores)
 * and a consumer group, which the consumer observer looks up again after a
 * restore (the cursors hold replicas and batches by id). Used to keep the
 * observer beside each checkpoint, so a seek does not read the whole run again.
 * The observer is class instances, not plain data; it stays outside the
 * simulation's state, so the checkpoint's plain copy (engine/checkpoint.ts) never meets it.
 */
const ENGINE_KEYS = new Set(['ctx', 'g']);

export function copyState<T>(v: T): { value: T; bytes: number } {
  let bytes = 0;
  const seen = new Map<object, unknown>();
  const copy = (x: unknown): unknown => {
    if (x === null || typeof x !== 'object') return x;
    const hit = seen.get(x);
    if (hit !== undefined) return hit;
    if (ArrayBuffer.isView(x) && !(x instanceof DataView)) {
      bytes += x.byteLength;
      const c = (x as unknown as { slice(): unknown }).slice();
      seen.set(x, c);
      return c;
    }
    if (Array.isArray(x)) {
      const out: unknown[] = [];
      seen.set(x, out);
      for (const e of x) out.push(copy(e));
      bytes += 8 * x.length;
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
      return out;
    }
    const out = Object.create(Object.getPrototypeOf(x) as object | null) as Record<string, unknown>;
    seen.set(x, out);
    for (const k of Object.keys(x)) {
      const e = (x as Record<string, unknown>)[k];
      out[k] = ENGINE_KEYS.has(k) ? e : copy(e);
    }
    bytes += 64;
    return out;
  };
  return { value: copy(v) as T, bytes };
}
