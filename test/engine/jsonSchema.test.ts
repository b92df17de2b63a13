/**
 * The published JSON Schema (public/scenario.schema.json) accepts every example
 * and refuses what the validator refuses structurally, so an editor that
 * follows "$schema" flags the same mistakes. A small draft-07 checker covers
 * the keywords the generated schema uses.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

type S = Record<string, any>;
const root = join(import.meta.dirname, '../..');
const schema = JSON.parse(readFileSync(join(root, 'public/scenario.schema.json'), 'utf8')) as S;

const typeOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/** The paths at which `v` breaks `s` (empty: valid). */
function errors(s: S, v: unknown, path = '$'): string[] {
  const out: string[] = [];
  if (s.anyOf || s.oneOf) {
    const opts = (s.anyOf ?? s.oneOf) as S[];
    if (!opts.some((o) => errors(o, v, path).length === 0)) out.push(`${path}: matches no option`);
  }
  if (s.const !== undefined && v !== s.const) out.push(`${path}: not ${JSON.stringify(s.const)}`);
  if (s.enum && !s.enum.includes(v)) out.push(`${path}: not in enum`);
  if (s.type) {
    const types = ([] as string[]).concat(s.type);
    const t = typeOf(v);
    const ok = types.some((x) => x === t || (x === 'integer' && t === 'number' && Number.isInteger(v)));
    if (!ok) return [...out, `${path}: not ${types.join('|')}`];
  }
  if (typeof v === 'number') {
    if (s.minimum !== undefined && v < s.minimum) out.push(`${path}: below minimum`);
    if (s.maximum !== undefined && v > s.maximum) out.push(`${path}: above maximum`);
  }
  if (typeof v === 'string' && s.pattern && !new RegExp(s.pattern).test(v)) out.push(`${path}: pattern`);
  if (typeof v === 'string' && s.minLength !== undefined && v.length < s.minLength) out.push(`${path}: too short`);
  if (Array.isArray(v) && s.items) v.forEach((x, i) => out.push(...errors(s.items, x, `${path}[${i}]`)));
  if (typeOf(v) === 'object') {
    const o = v as Record<string, unknown>;
    for (const r of s.required ?? []) if (!(r in o)) out.push(`${path}.${r}: required`);
    for (const [k, x] of Object.entries(o)) {
      if (s.propertyNames) out.push(...errors(s.propertyNames, k, `${path}.${k} (name)`));
      if (s.properties?.[k]) out.push(...errors(s.properties[k], x, `${path}.${k}`));
      else if (s.additionalProperties === false) out.push(`${path}.${k}: not allowed`);
      else if (typeof s.additionalProperties === 'object') out.push(...errors(s.additionalProperties, x, `${path}.${k}`));
    }
  }
  return out;
}

describe('public/scenario.schema.json', () => {
  const examples = readdirSync(join(root, 'public/scenarios')).filter((f) => f.endsWith('.json'));

  it.each(examples)('accepts %s', (f) => {
    expect(errors(schema, JSON.parse(readFileSync(join(root, 'public/scenarios', f), 'utf8')))).toEqual([]);
  });

  it('flags the mistakes an editor should underline: a misspelt fault field, "drop": true, acks "2", an unknown expect key', () => {
    expect(errors(schema, { faults: [{ at: 1, type: 'link', from: 'b1', to: 'b2', dropp: 1 }] })).not.toEqual([]);
    expect(errors(schema, { faults: [{ at: 1, type: 'link', from: 'b1', to: 'b2', drop: true }] })).not.toEqual([]);
    expect(errors(schema, { producers: [{ config: { acks: '2' } }] })).not.toEqual([]);
    expect(errors(schema, { expect: { lostAckd: 0 } })).not.toEqual([]);
    expect(errors(schema, { $schema: './scenario.schema.json', producers: [{ config: { acks: 'all', retries: '5' } }], expect: { lostAcked: '>0' } })).toEqual([]);
  });
});
