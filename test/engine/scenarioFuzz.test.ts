/**
 * Any JSON at any place of a valid scenario is either accepted or refused with
 * a ScenarioError naming a field: never a TypeError, never a message without a
 * path, never a hang. fast-check prints the seed and the shrunk input on failure.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseScenario } from '../../src/engine/scenario/scenario.ts';
import { ScenarioError } from '../../src/engine/core/scenarioError.ts';

const dir = join(import.meta.dirname, '../../public/scenarios');
const examples = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as unknown);

/** Every path to a value inside a JSON document. */
function paths(v: unknown, at: (string | number)[] = []): (string | number)[][] {
  const out = [at];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...paths(x, [...at, i])));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) out.push(...paths(x, [...at, k]));
  return out;
}

function replaced(doc: unknown, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = structuredClone(doc) as Record<string | number, unknown>;
  let o = copy;
  for (const k of path.slice(0, -1)) o = o[k] as Record<string | number, unknown>;
  o[path[path.length - 1]] = value;
  return copy;
}

const strange = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(0, -1, 1.5, 2 ** 31, 2 ** 53, 1e300, '', ' ', 'NaN', 'true', '2147483648', '-1', 'b1', 'controller', '__proto__', 'my orders', [], {}, null, true),
  fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'toString', 'dropp', 'acks', 'at', 'type'), fc.jsonValue({ maxDepth: 1 })),
);

describe('scenario validation under arbitrary input', () => {
  it('any value at any place of an example is accepted or refused with a field path, never a crash', () => {
    const cases = fc.tuple(fc.integer({ min: 0, max: examples.length - 1 }), fc.nat(), strange);
    fc.assert(
      fc.property(cases, ([e, pick, value]) => {
        const doc = examples[e];
        const all = paths(doc);
        const input = replaced(doc, all[pick % all.length], value);
        try {
          parseScenario(input);
        } catch (err) {
          expect(err).toBeInstanceOf(ScenarioError);
          expect((err as ScenarioError).path.length + (err as ScenarioError).code.length).toBeGreaterThan(0);
          expect((err as Error).message).not.toMatch(/undefined|\[object Object\]/);
        }
      }),
      { numRuns: 2000, verbose: true },
    );
  });
});
