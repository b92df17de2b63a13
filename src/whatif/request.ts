/**
 * What the lab's what-if panel asks for, as plain data that a link can carry
 * (the settings, not the results): the settings to vary, the fault model,
 * runs per cell, the seed, and for a search the guarantee. Checked with one
 * schema, so a hand-edited or hostile link is refused with a message that
 * names the field, never run.
 */
import * as v from 'valibot';
import { FAULT_KINDS, DEFAULT_MODEL } from './faultModel.ts';
import { GUARANTEES } from './runOne.ts';
import { scopeOf } from './settings.ts';
import type { Faults } from './matrix.ts';

export const MAX_RUNS = 5000;

const Value = v.union([v.number(), v.boolean(), v.pipe(v.string(), v.maxLength(40))]);
const Key = v.pipe(
  v.string(),
  v.maxLength(80),
  v.check((k) => {
    try {
      scopeOf(k);
      return true;
    } catch {
      return false;
    }
  }, 'not a setting the lab knows'),
);

export const WhatIfRequestSchema = v.strictObject({
  vary: v.pipe(v.array(v.strictObject({ key: Key, values: v.pipe(v.array(Value), v.minLength(1), v.maxLength(6)) })), v.maxLength(3)),
  faults: v.variant('mode', [
    v.strictObject({ mode: v.literal('scenario') }),
    v.strictObject({
      mode: v.literal('random'),
      kinds: v.pipe(v.array(v.picklist(FAULT_KINDS)), v.minLength(1)),
      rate: v.pipe(v.number(), v.minValue(0.1), v.maxValue(600)),
      maxFaults: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(20)),
      maxDown: v.nullable(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(9))),
    }),
  ]),
  runs: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_RUNS)),
  seed: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(2 ** 31 - 1)),
  search: v.optional(v.picklist(GUARANTEES)),
});

export type WhatIfRequest = v.InferOutput<typeof WhatIfRequestSchema>;

export const DEFAULT_REQUEST: WhatIfRequest = {
  vary: [{ key: 'acks', values: [1, 'all'] }],
  faults: { mode: 'scenario' },
  runs: 100,
  seed: 1,
};

/** The request's fault model in the engine-side form. */
export function faultsOf(r: WhatIfRequest): Faults {
  if (r.faults.mode === 'scenario') return { mode: 'scenario' };
  return { mode: 'random', model: { ...DEFAULT_MODEL, kinds: r.faults.kinds, rate: r.faults.rate, maxFaults: r.faults.maxFaults, maxDown: r.faults.maxDown ?? Infinity } };
}

/** Checks a request; the message names the first wrong field, e.g. `vary[0].key: not a setting the lab knows`. */
export function checkRequest(x: unknown): { ok: true; request: WhatIfRequest } | { ok: false; error: string } {
  const r = v.safeParse(WhatIfRequestSchema, x);
  if (r.success) return { ok: true, request: r.output };
  const issue = r.issues[0];
  const path = (issue.path ?? []).map((p) => (typeof p.key === 'number' ? `[${p.key}]` : `.${String(p.key)}`)).join('').replace(/^\./, '');
  return { ok: false, error: `${path || 'the request'}: ${issue.message}` };
}

/** The request as a URL-safe string (base64url of its JSON). */
export function encodeRequest(r: WhatIfRequest): string {
  const bytes = new TextEncoder().encode(JSON.stringify(r));
  let bin = '';
  bytes.forEach((b) => (bin += String.fromCharCode(b)));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function decodeRequest(text: string): { ok: true; request: WhatIfRequest } | { ok: false; error: string } {
  if (text.length > 4000) return { ok: false, error: `the what-if link parameter is ${text.length} characters long; at most 4000` };
  let json: unknown;
  try {
    const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(bin, (c) => c.charCodeAt(0))));
  } catch {
    return { ok: false, error: 'the what-if link parameter is not a valid encoded request' };
  }
  return checkRequest(json);
}
