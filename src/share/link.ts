/**
 * A run as URL parameters, and back. A run on a preset stays readable:
 *   ?scenario=acks1-failover&seed=7&t=12000&log=<packed>&lesson=…&step=2&lang=zh-CN&presenter=1
 * (`log` only when the user acted); a run on its own scenario travels whole:
 *   ?run=<packed run file>
 * where <packed> is deflate-raw (CompressionStream) in base64url.
 *
 * Decoding reads a stranger's link: it never throws and never evaluates
 * anything. Every parameter is length-checked before it is touched, the
 * inflated size is capped while inflating (a zip bomb stops early), and the
 * result goes through parseRun like a run file. A refusal is a RunProblem.
 */
import { MAX_SCENARIO_BYTES } from '../engine/scenario/scenarioText.ts';
import { describe } from '../engine/core/scenarioError.ts';
import { parseRun, runProblem, isPresetRef, RUN_VERSION, type Result, type RunFile } from './runFile.ts';

/** A link longer than this is refused by the encoder: chat apps, mail and servers cut longer ones. */
export const MAX_LINK_CHARS = 8000;
/** Any one parameter longer than this is refused before it is decoded (a hostile link). */
export const MAX_PARAM_CHARS = 12000;
/** The parameters a run link owns; the page's other parameters (worker, debug) are kept as they are. */
export const RUN_PARAMS = ['run', 'scenario', 'seed', 't', 'log', 'lesson', 'step', 'lang', 'presenter'] as const;

const B64URL = /^[A-Za-z0-9_-]*$/;
const UINT = /^(0|[1-9]\d{0,9})$/;

// ---- bytes ----
function toBase64url(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64url(text: string): Uint8Array | null {
  if (!B64URL.test(text) || text.length % 4 === 1) return null;
  try {
    const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4));
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  } catch {
    return null;
  }
}

export async function pack(text: string): Promise<string> {
  const stream = new Blob([new TextEncoder().encode(text)]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return toBase64url(new Uint8Array(await new Response(stream).arrayBuffer()));
}

/** Inflates a packed parameter; at most `max` bytes come out (more is 'too-large'). */
export async function unpack(param: string, name: string, max = MAX_SCENARIO_BYTES): Promise<Result<string>> {
  const bytes = fromBase64url(param);
  if (!bytes) return { ok: false, problem: runProblem('bad-base64', { param: name }, name) };
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    const reader = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('deflate-raw')).getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (size > max) {
        void reader.cancel().catch(() => undefined);
        return { ok: false, problem: runProblem('too-large', { param: name, max }, name) };
      }
      chunks.push(value);
    }
  } catch {
    return { ok: false, problem: runProblem('bad-compression', { param: name }, name) };
  }
  const all = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) all.set(c, (at += c.length) - c.length);
  try {
    return { ok: true, value: new TextDecoder('utf-8', { fatal: true }).decode(all) };
  } catch {
    return { ok: false, problem: runProblem('bad-compression', { param: name }, name) };
  }
}

// ---- encode ----
export type Encoded = { ok: true; query: string } | { ok: false; problem: ReturnType<typeof runProblem>; length: number };

/** The run's URL query (without '?'), or 'too-long' (save a run file instead). */
export async function encodeRun(run: RunFile): Promise<Encoded> {
  const q = new URLSearchParams();
  if (isPresetRef(run.scenario)) {
    q.set('scenario', run.scenario.preset);
    q.set('seed', String(run.seed));
    q.set('t', String(run.t));
    if (run.log.length) q.set('log', await pack(JSON.stringify(run.log)));
    if (run.lesson) q.set('lesson', run.lesson);
    if (run.lesson && run.step !== undefined) q.set('step', String(run.step));
    if (run.lang) q.set('lang', run.lang);
    if (run.presenter) q.set('presenter', '1');
  } else {
    q.set('run', await pack(JSON.stringify(run)));
    // The language stays readable too (the page picks it before anything else).
    if (run.lang) q.set('lang', run.lang);
  }
  const query = q.toString();
  if (query.length > MAX_LINK_CHARS) return { ok: false, problem: runProblem('too-long', { length: query.length, max: MAX_LINK_CHARS }), length: query.length };
  return { ok: true, query };
}

// ---- decode ----
export type Decoded =
  /** The URL holds no run (no parameter, or only a bare ?scenario=<preset>, read as before). */
  | { kind: 'none' }
  | { kind: 'run'; run: RunFile }
  | { kind: 'problem'; problem: ReturnType<typeof runProblem> };

const fail = (problem: ReturnType<typeof runProblem>): Decoded => ({ kind: 'problem', problem });

/** Reads a run from a page's query string. Never throws. */
export async function decodeRun(search: string | URLSearchParams): Promise<Decoded> {
  try {
    const q = typeof search === 'string' ? new URLSearchParams(search.length > 4 * MAX_PARAM_CHARS + 1000 ? '' : search) : search;
    if (typeof search === 'string' && search.length > 4 * MAX_PARAM_CHARS + 1000) return fail(runProblem('too-long', { param: 'URL', length: search.length, max: MAX_PARAM_CHARS }, ''));
    for (const p of RUN_PARAMS) {
      const all = q.getAll(p);
      if (all.length > 1) return fail(runProblem('bad-param', { param: p, got: `${all.length} values` }, p));
      if (all.length && all[0].length > MAX_PARAM_CHARS) return fail(runProblem('too-long', { param: p, length: all[0].length, max: MAX_PARAM_CHARS }, p));
    }
    const packed = q.get('run');
    if (packed !== null) {
      const text = await unpack(packed, 'run');
      if (!text.ok) return fail(text.problem);
      let json: unknown;
      try {
        json = JSON.parse(text.value);
      } catch (e) {
        return fail(runProblem('not-json', { reason: e instanceof Error ? e.message.slice(0, 120) : 'JSON', param: 'run' }, 'run'));
      }
      return result(parseRun(json));
    }
    const seed = q.get('seed');
    if (seed === null) {
      for (const p of ['t', 'log', 'step'] as const) if (q.has(p)) return fail(runProblem('bad-param', { param: 'seed', got: 'nothing' }, 'seed'));
      return { kind: 'none' };
    }
    const scenario = q.get('scenario');
    if (scenario === null) return fail(runProblem('bad-param', { param: 'scenario', got: 'nothing' }, 'scenario'));
    const num = (p: string, s: string | null): number | undefined | Decoded => {
      if (s === null) return undefined;
      return UINT.test(s) ? Number(s) : fail(runProblem('bad-param', { param: p, got: describe(s) }, p));
    };
    const fields: Record<string, unknown> = { kafkaLab: 'run', version: RUN_VERSION, scenario: { preset: scenario } };
    for (const p of ['seed', 't', 'step'] as const) {
      const n = num(p, q.get(p));
      if (typeof n === 'object') return n;
      if (n !== undefined) fields[p] = n;
    }
    fields.t ??= 0;
    const log = q.get('log');
    fields.log = [];
    if (log !== null) {
      const text = await unpack(log, 'log');
      if (!text.ok) return fail(text.problem);
      try {
        fields.log = JSON.parse(text.value);
      } catch (e) {
        return fail(runProblem('not-json', { reason: e instanceof Error ? e.message.slice(0, 120) : 'JSON', param: 'log' }, 'log'));
      }
    }
    const lesson = q.get('lesson');
    if (lesson !== null) fields.lesson = lesson;
    // An unknown language is the page's to report (chooseLang); it does not void the run.
    const lang = q.get('lang');
    if (lang === 'en' || lang === 'zh-CN') fields.lang = lang;
    const presenter = q.get('presenter');
    if (presenter !== null) {
      if (presenter !== '1' && presenter !== '0') return fail(runProblem('bad-param', { param: 'presenter', got: describe(presenter) }, 'presenter'));
      if (presenter === '1') fields.presenter = true;
    }
    return result(parseRun(fields));
  } catch {
    return fail(runProblem('bad-param', { param: 'URL', got: 'unreadable' }, ''));
  }
}

function result(r: Result<RunFile>): Decoded {
  return r.ok ? { kind: 'run', run: r.value } : { kind: 'problem', problem: r.problem };
}
