/**
 * What a sealed (frozen) queued event holds, at any depth: its body's objects
 * and arrays. A frozen event is shared, not copied, by every checkpoint that
 * holds it, and only the event itself is frozen: what it holds may also stand
 * in the live state (a request kept in flight is the one the message
 * carries). A restore writes into the live state's own objects where they fit
 * (sim/sameShape.ts), and must not write into these: that would change the
 * message in every checkpoint that holds it. So sealing marks them here.
 * A frozen object needs no mark (a restore never writes into one), and a
 * plain object of primitive values only (a timer's body, `{ type, at }`) is
 * frozen instead of marked: the run never writes into what a checkpoint
 * shares either. The set's table was 32 MB of live heap after a busy hour
 * (a timer and its body marked for each of about 100,000 timers every
 * 10 simulated minutes, dead ones cleared only by a full collection).
 * A timer's body is not even looked at (sealEvent): it is an object literal
 * written at its ctx.timer call, which a handler reads and never keeps
 * (test/engine/checkpoint.test.ts walks every example's state for it), so
 * only the objects it holds are sealed.
 */
const sealed = new WeakSet<object>();

/** Does a sealed event hold `o` (so no restore may write into it)? Frozen objects are not asked about: nothing writes into them. */
export const isSealed = (o: object): boolean => sealed.has(o);

/** A plain object whose values are all primitives: frozen, it needs no mark. */
function freezeLeaf(v: object): boolean {
  if (Object.getPrototypeOf(v) !== Object.prototype) return false;
  for (const k in v) {
    const e = (v as Record<string, unknown>)[k];
    if (e !== null && typeof e === 'object') return false;
  }
  Object.freeze(v);
  return true;
}

/** Frozen objects deeper than this are marked all the same: a cycle of frozen objects ends at its first revisit. */
const FROZEN_DEPTH = 32;

/** Marks everything `v` holds (and `v`) as held by a sealed event. */
export function sealDeep(v: unknown, depth = 0): void {
  if (v === null || typeof v !== 'object' || sealed.has(v)) return;
  if (ArrayBuffer.isView(v)) {
    sealed.add(v);
    return;
  }
  if (v instanceof Map) {
    sealed.add(v);
    for (const [k, e] of v) {
      sealDeep(k, depth + 1);
      sealDeep(e, depth + 1);
    }
    return;
  }
  if (v instanceof Set) {
    sealed.add(v);
    for (const e of v) sealDeep(e, depth + 1);
    return;
  }
  // Frozen (the event itself, a log batch): no mark, but what it holds may not be.
  if (!Object.isFrozen(v) || depth >= FROZEN_DEPTH) {
    if (!Array.isArray(v) && freezeLeaf(v)) return;
    sealed.add(v);
  }
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) sealDeep(v[i], depth + 1);
  } else for (const k in v) sealDeep((v as Record<string, unknown>)[k], depth + 1);
}

/** Marks the object-valued fields of `o` (not `o`) as held by a sealed event. */
function sealFields(o: object): void {
  for (const k in o) {
    const v = (o as Record<string, unknown>)[k];
    if (v !== null && typeof v === 'object') sealDeep(v, 1);
  }
}

/**
 * Freezes a queued event (checkpoints share it from now on) and seals what it
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
