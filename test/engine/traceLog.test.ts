/**
 * The compact trace (core/traceLog.ts) reads as the plain array it replaces:
 * an array with the one shared OMITTED event in each omitted slot. Random
 * pushes, omissions up to random points and prefixes, compared with that array.
 * The seed is printed; FC_SEED=<n> replays a failure.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { TraceEvent } from '../../src/engine/core/trace.ts';
import { OMITTED, indexOfKept, keptFrom, newTrace, omitUpTo, pushTrace, traceAt, tracePrefix, traceSlice, traceEvents, type Trace } from '../../src/engine/core/traceLog.ts';

const detail = (e: TraceEvent) => e.type === 'hw-advanced';
const ev = (t: number, d: boolean): TraceEvent => (d ? { t, type: 'hw-advanced', broker: 1, partition: 'p-0', hw: t } : { t, type: 'broker-stopped', broker: 1 });

type Op = { push: boolean[] } | { omitTo: number } | { prefix: number };
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ push: fc.array(fc.boolean(), { maxLength: 30 }) }),
  fc.record({ omitTo: fc.nat(200) }),
  fc.record({ prefix: fc.nat(200) }),
);

/** Every way of reading `tr` agrees with the plain array `model`. */
function agrees(tr: Trace, model: TraceEvent[]): void {
  expect(tr.length).toBe(model.length);
  expect(traceEvents(tr)).toEqual(model);
  for (let i = -1; i <= model.length; i++) expect(traceAt(tr, i)).toBe(model[i]);
  for (let i = 0; i <= model.length; i += 7) expect(traceSlice(tr, i, i + 11)).toEqual(model.slice(i, i + 11));
  // Walking the kept events from any index visits exactly the events not omitted, with their indices.
  for (let i = 0; i <= model.length; i += 5) {
    const seen: [number, TraceEvent][] = [];
    for (let j = keptFrom(tr, i); j < tr.kept.length; j++) seen.push([indexOfKept(tr, j), tr.kept[j]]);
    expect(seen).toEqual(model.map((e, k) => [k, e] as [number, TraceEvent]).filter(([k, e]) => k >= i && e !== OMITTED));
  }
}

const seed = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);
console.log(`compact trace: fast-check seed ${seed} (FC_SEED=${seed} replays it)`);

describe('the compact trace', () => {
  it('reads, slices, walks and cuts like an array holding OMITTED in each omitted slot, and keeps no room for one', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 25 }), (ops) => {
        let tr = newTrace();
        let model: TraceEvent[] = [];
        let t = 0;
        for (const o of ops) {
          if ('push' in o) {
            for (const d of o.push) {
              const e = ev(t++, d);
              expect(pushTrace(tr, e)).toBe(model.length);
              model.push(e);
            }
          } else if ('omitTo' in o) {
            const before = tr.from;
            const n = omitUpTo(tr, o.omitTo, detail);
            let m = 0;
            for (let i = before; i < Math.min(o.omitTo, model.length); i++) {
              if (detail(model[i])) {
                model[i] = OMITTED;
                m++;
              }
            }
            expect(n).toBe(m);
          } else {
            const p = tracePrefix(tr, o.prefix);
            const pm = model.slice(0, o.prefix);
            agrees(p, pm);
            // The prefix is a trace of its own: writing to it leaves the original as it was.
            pushTrace(p, ev(-2, false));
            agrees(tr, model);
            tr = tracePrefix(tr, o.prefix);
            model = pm;
          }
          agrees(tr, model);
          expect(tr.kept.length).toBe(model.filter((e) => e !== OMITTED).length);
        }
      }),
      { seed, numRuns: 300 },
    );
  });
});
