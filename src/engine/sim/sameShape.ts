/**
 * A restored state whose objects have the engine's own hidden classes (V8
 * maps). A spread copy ({...x}) gets a map of its own, so after a seek every
 * property access of the engine met two shapes for one kind of object; and a
 * copy whose fields are written a second time (a spread, then each value
 * replaced) turns the fields of a shared map from constant to mutable, which
 * throws away all optimised code that relied on them. Either way the replay
 * after a restore ran several times slower than playing, until V8 had
 * optimised the engine again. So a restore builds each object with one
 * object literal of the object's own keys, holding the copied values: an
 * object literal's map depends only on its property names in order, the same
 * map as the engine's literal for that kind of object.
 */

/** Builds the copy of `x`, each value given by `field(value, key)`. */
type Maker = (x: Record<string, unknown>, field: (v: unknown, k: string) => unknown) => Record<string, unknown>;

const makers = new Map<string, Maker>();
/** Key lists longer than this (a table keyed by name, not a record) are copied by a loop. */
const MAX_KEYS = 64;

const byLoop: Maker = (x, field) => {
  const out: Record<string, unknown> = { ...x };
  for (const k in out) out[k] = field(out[k], k);
  return out;
};

function makerFor(keys: string[]): Maker {
  const sig = keys.join('\u0000');
  let m = makers.get(sig);
  if (!m) {
    // "__proto__" in a literal would set the prototype, not a property.
    const literal = keys.length <= MAX_KEYS && !keys.includes('__proto__');
    m = literal ? (new Function('x', 'f', `return {${keys.map((k) => `${JSON.stringify(k)}: f(x[${JSON.stringify(k)}], ${JSON.stringify(k)})`).join(', ')}};`) as Maker) : byLoop;
    makers.set(sig, m);
  }
  return m;
}

/** A copy of the plain object `x`, with the map a literal of its keys has; each value is `field(value, key)`. */
export function literalCopy(x: Record<string, unknown>, field: (v: unknown, k: string) => unknown): Record<string, unknown> {
  return makerFor(Object.keys(x))(x, field);
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
