/**
 * A restored state whose objects have the engine's own hidden classes (V8
 * maps). A spread copy ({...x}) gets a map of its own, so after a seek every
 * property access of the engine met two shapes for one kind of object; and a
 * copy whose fields are written a second time (a spread, then each value
 * replaced) turns the fields of a shared map from constant to mutable, which
 * throws away all optimised code that relied on them. Either way the replay
 * after a restore ran several times slower than playing, until V8 had
 * optimised the engine again. What is kept here: the settings a run only
 * reads are frozen and shared, so restores put back the very same objects.
 */

import { isSealed } from '../core/sealed.ts';

/**
 * A copy of the plain object `x`, each value `field(value, key)`: a spread,
 * then each value replaced (keyed stores into {} make an object of 20+
 * properties a slow dictionary). Not an object literal built per key list
 * with `new Function`, which would give restored objects the engine's own
 * maps: code generation is refused under a strict Content-Security-Policy
 * (the widget's page, and the lab under default-src 'self'), where a seek
 * then failed.
 */
export function literalCopy(x: Record<string, unknown>, field: (v: unknown, k: string) => unknown): Record<string, unknown> {
  const out: Record<string, unknown> = { ...x };
  for (const k in out) out[k] = field(out[k], k);
  return out;
}

/**
 * A restore writes into the live state's own objects and arrays where they
 * fit (the state they belong to is given up): objects built by the engine
 * keep its hidden classes, so the replay after a seek runs the engine's
 * optimised code instead of throwing it away for objects of new shapes (the
 * first seeks of a session replayed ten times slower than playing). A live
 * object fits a saved one when it is a plain, unfrozen object with the same
 * keys in the same order (the order is state: the engine iterates some
 * records), and no sealed queued event holds it (core/sealed.ts: checkpoints
 * share those events); only values that differ are written, so a field that
 * did not change stays as V8 had it (a constant field stays constant).
 */
export function fitsObject(x: Record<string, unknown>, live: unknown): live is Record<string, unknown> {
  if (live === null || typeof live !== 'object' || live === x || Array.isArray(live) || Object.isFrozen(live) || isSealed(live)) return false;
  if (Object.getPrototypeOf(live) !== Object.getPrototypeOf(x)) return false;
  const a = Object.keys(x);
  const b = Object.keys(live);
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * An integer as a small integer: read from a saved object's field that V8
 * holds as a double, 234 comes boxed, and written into a live field or array
 * that holds small integers it would make that field a double one (a new
 * hidden class) or that array a double array.
 */
const small = (v: unknown): unknown => (typeof v === 'number' && (v | 0) === v && !Object.is(v, -0) ? v | 0 : v);

/** `live` given each of `x`'s values as `field(value, key)` makes it (reading `live`'s own value first). */
export function fillObject(x: Record<string, unknown>, live: Record<string, unknown>, field: (v: unknown, k: string) => unknown): Record<string, unknown> {
  for (const k in x) {
    const v = field(x[k], k);
    if (!Object.is(live[k], v)) live[k] = small(v);
  }
  return live;
}

/** A live array that can take the saved array `x` in place: unfrozen, and `x` has no hole (a hole stays a hole only in a copy). */
export function fitsArray(x: readonly unknown[], live: unknown[]): boolean {
  if (live === x || Object.isFrozen(live) || isSealed(live)) return false;
  for (let i = 0; i < x.length; i++) if (!(i in x)) return false;
  return true;
}

/**
 * `live` made to hold `x`'s elements, each `element(value, i)` (which reads
 * `live[i]` before it is replaced): cut to length, differing elements
 * written, the rest pushed (a store past the end would make the array holey).
 */
export function fillArray(x: readonly unknown[], live: unknown[], element: (v: unknown, i: number) => unknown): unknown[] {
  const n = x.length;
  const m = Math.min(n, live.length);
  for (let i = 0; i < m; i++) {
    const v = element(x[i], i);
    if (!Object.is(live[i], v)) live[i] = small(v);
  }
  if (live.length > n) live.length = n;
  for (let i = m; i < n; i++) live.push(small(element(x[i], i)));
  return live;
}

/** `out` (a Map or a Set, maybe the live one) made to hold `entries` in their order (a Set's value is each key). */
export function refill(out: Map<unknown, unknown> | Set<unknown>, entries: [unknown, unknown][]): Map<unknown, unknown> | Set<unknown> {
  out.clear();
  if (out instanceof Map) for (const [k, v] of entries) out.set(k, v);
  else for (const [k] of entries) out.add(k);
  return out;
}

/**
 * The settings a run only reads (the cluster's and each client's config, the
 * lab's settings) are frozen, so a checkpoint shares them and a restore puts
 * the very same objects back: a copy of one would be another hidden class in
 * a field the engine reads on every request (brokers[].config). A change of
 * configuration replaces them (liveConfig.ts, dynamicConfig.ts), never edits them.
 */
export function freezeSettings(s: { brokerConfig: object; lab: object; producers: readonly { config: object }[]; consumers: readonly { config: object }[] }): void {
  Object.freeze(s.brokerConfig);
  Object.freeze(s.lab);
  for (const p of s.producers) Object.freeze(p.config);
  for (const c of s.consumers) Object.freeze(c.config);
}
