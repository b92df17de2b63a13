/**
 * What a sealed (frozen) queued event holds, at any depth: its body's objects
 * and arrays. A frozen event is shared, not copied, by every checkpoint that
 * holds it, and only the event itself is frozen: what it holds may also stand
 * in the live state (a request kept in flight is the one the message
 * carries). A restore writes into the live state's own objects where they fit
 * (sim/sameShape.ts), and must not write into these: that would change the
 * message in every checkpoint that holds it. So sealing marks them here.
 *
 * Marked are only objects that can stand in the live state, so a restore can
 * meet them: not the event (frozen, which every writer already refuses), nor a
 * timer's body (an object literal written at its ctx.timer call: a handler
 * reads its fields and keeps none; test/engine/checkpoint.test.ts walks every
 * example's state for it). Most events a checkpoint seals are timers whose
 * bodies hold only numbers (a busy run's sender wake-ups), so sealing them
 * marks nothing.
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

/** Marks the object-valued fields of `o` (not `o`) as held by a sealed event. */
function sealFields(o: object): void {
  for (const k in o) {
    const v = (o as Record<string, unknown>)[k];
    if (v !== null && typeof v === 'object') sealDeep(v);
  }
}

/**
 * Freezes a queued event (checkpoints share it from now on) and marks what it
 * holds that may also stand in the live state (see above). Events frozen
 * earlier are left as they are.
 */
export function sealEvent(e: object): void {
  if (Object.isFrozen(e)) return;
  Object.freeze(e);
  const body = (e as { k?: unknown; body?: unknown }).body;
  if ((e as { k?: unknown }).k === 'timer' && body !== null && typeof body === 'object') sealFields(body);
  else sealFields(e);
}
