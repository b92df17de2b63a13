/**
 * The event queue keeps the far future in unsorted windows and only the
 * current window in its heap (core/eventQueue.ts). Whatever the spread of
 * delays, it must hand events out in (time, insertion) order, drop only what
 * its `dead` test names, and survive a reschedule (idle skipping).
 * The fast-check seed is printed; FC_SEED=<n> replays a failure.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BUCKET_MS, newQueue, peekEvent, popEvent, pushEvent, queuedEvents, reschedule } from '../../src/engine/core/eventQueue.ts';

interface Ev {
  t: number;
  seq: number;
  id: number;
  dead: boolean;
}

const seed = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);
console.log(`event queue property: fast-check seed ${seed} (FC_SEED=${seed} replays it)`);

/** A run of pushes (delays from the last popped time) and pops, as a simulation makes them. */
const ops = fc.array(
  fc.oneof(
    fc.record({ push: fc.oneof(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 5 * BUCKET_MS }), fc.integer({ min: 0, max: 200_000 })), dead: fc.boolean() }),
    fc.constant({ pop: true as const }),
  ),
  { maxLength: 400 },
);

describe('event queue', () => {
  it('hands events out in (time, insertion) order across windows, dropping only dead ones when their window comes', () => {
    fc.assert(
      fc.property(ops, (list) => {
        const q = newQueue<Ev>();
        const model: Ev[] = [];
        let now = 0;
        let id = 0;
        const isDead = (e: Ev) => e.dead;
        const next = () => {
          const e = popEvent(q, isDead);
          model.sort((a, b) => a.t - b.t || a.id - b.id);
          // The queue may drop dead events (those of a later window): it skips only dead ones.
          while (model.length && model[0].dead && model[0].id !== e?.id) model.shift();
          const want = model.shift();
          expect(e?.id).toBe(want?.id);
          if (e) now = e.t;
        };
        for (const op of list) {
          if ('pop' in op) next();
          else {
            const e = { t: now + op.push, id: id++, dead: op.dead };
            pushEvent(q, e);
            model.push({ ...e, seq: 0 });
          }
        }
        while (model.length) next();
        expect(popEvent(q, isDead)).toBeUndefined();
      }),
      { seed, numRuns: 2000 },
    );
  });

  it('keeps every event across a reschedule, in order, with the far ones still reachable', () => {
    const q = newQueue<Ev>();
    const times = [3, 40_000, 7, 1000, 40_000, 300, 5];
    times.forEach((t, i) => pushEvent(q, { t, id: i, dead: false }));
    expect(peekEvent(q)?.id).toBe(0);
    reschedule(q, (e) => (e.t > 100 ? { ...e, t: e.t + 50_000 } : e));
    expect(queuedEvents(q).length).toBe(times.length);
    const out: number[] = [];
    for (let e = popEvent(q); e; e = popEvent(q)) out.push(e.id);
    expect(out).toEqual([0, 6, 2, 5, 3, 1, 4]);
  });
});
