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
