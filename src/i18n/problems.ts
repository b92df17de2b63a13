/**
 * A refusal's problem code and arguments (src/engine/core/scenarioProblems.ts) as a
 * sentence. A few codes have variants in the catalog (an optional part, a
 * list that may be empty); the choice is made here, and argument values the
 * engine quotes in English (describe(): "nothing", "a list", "an object")
 * are said in the reader's language.
 */
import type { ProblemCode } from '../engine/core/scenarioProblems.ts';
import type { problemsEn } from './en/problems.ts';
import type { MessageKey } from './catalogEn.ts';
import { CATALOGS, hasCatalog, isKey } from './catalog.ts';
import { interpolate, type Args, type Lang, type Message } from './format.ts';

/** A catalog in one language (the engine's English door passes EN alone, so it bundles no Chinese). */
export type Lookup = (key: MessageKey) => Message;

// Every engine problem code has its sentence (a type error otherwise).
export type EveryProblemSaid = { [K in `problem.${ProblemCode}`]: (typeof problemsEn)[K] };

/** Every key a problem reads is in the problems area of the catalog. */
const isProblemKey = (key: string): key is keyof typeof problemsEn & MessageKey => key.startsWith('problem.') && isKey(key);

const GOT: Record<string, MessageKey> = { nothing: 'got.nothing', 'a list': 'got.list', 'an object': 'got.object' };

/** The catalog key a problem reads with, for these arguments. */
function variant(code: string, a: Args): string {
  switch (code) {
    case 'not-object':
      return a.like ? 'problem.not-object-like' : 'problem.not-object';
    case 'at-most':
      return a.java ? 'problem.at-most-java' : 'problem.at-most';
    case 'non-negative':
      return a.what ? 'problem.non-negative-what' : 'problem.non-negative';
    case 'producer-ref':
    case 'consumer-ref':
      return a.names ? `problem.${code}` : `problem.${code}-none`;
    case 'stalled':
      return a.settings ? 'problem.stalled' : 'problem.stalled-none';
    case 'not-json':
      return a.line === undefined ? 'problem.not-json-unlocated' : 'problem.not-json';
    case 'not-utf8':
      return a.encoding === '?' ? 'problem.not-utf8-bytes' : 'problem.not-utf8';
    default:
      return `problem.${code}`;
  }
}

/** The character a JSON refusal found, said so it can be seen: quoted, or named if it does not print. */
function jsonFound(lang: Lang, m: Lookup, ch: string): string {
  if (ch === '') return interpolate(lang, m('problem.json.found-end'));
  const c = ch.codePointAt(0)!;
  if (c < 0x20 || c === 0x7f || c === 0xfeff) return interpolate(lang, m('problem.json.found-control'), { code: `U+${c.toString(16).toUpperCase().padStart(4, '0')}` });
  return interpolate(lang, m('problem.json.found-char'), { char: lang === 'en' ? `"${ch}"` : ch });
}

const word = (lang: Lang, m: Lookup, key: string, fallback: string | number): string | number => (isProblemKey(key) ? interpolate(lang, m(key)) : fallback);

/** A problem in a language (its catalog `m`); an unknown code (from a newer engine) shows its English `fallback`, or the code. */
export function problemWith(m: Lookup, lang: Lang, code: string, args: Args = {}, fallback?: string): string {
  const key = variant(code, args);
  if (!isProblemKey(key)) return fallback ?? code;
  // A refusal with no code of its own (a bare ScenarioError) carries its sentence as the fallback, not as {reason}.
  if (code === 'other' && args.reason === undefined) return fallback ?? code;
  const a: Record<string, string | number> = { ...args };
  if (typeof a.got === 'string' && GOT[a.got]) a.got = interpolate(lang, m(GOT[a.got]));
  if (code === 'non-negative' && a.what) a.what = word(lang, m, `problem.what.${a.what}`, a.what);
  if (code === 'duplicate-name') a.kind = word(lang, m, `problem.kind.${a.kind}`, a.kind);
  if (code === 'not-json' && a.expected !== undefined) {
    a.expected = word(lang, m, `problem.json.${a.expected}`, a.expected);
    a.found = jsonFound(lang, m, String(a.found ?? ''));
  }
  if (code === 'idempotence-conflict' && a.conflicts === undefined) {
    const parts: string[] = [];
    if (a.acks !== undefined) parts.push(interpolate(lang, m('problem.conflict.acks'), { acks: a.acks }));
    if (a.retries !== undefined) parts.push(interpolate(lang, m('problem.conflict.retries')));
    a.conflicts = parts.join(interpolate(lang, m('problem.conflict.sep')));
  }
  return interpolate(lang, m(key), a);
}

/**
 * The English sentence: a ScenarioError's message. Only where the English
 * catalog is loaded (the CLI, the tests, the lab's page, an English widget):
 * a worker or a 中文 widget carries no English text, and there the message is
 * the code and its arguments. Nobody reads it there: the page says a refusal
 * from its code, in the reader's language.
 */
export function problemEnglish(code: string, args: Args = {}): string {
  if (!hasCatalog('en')) return Object.keys(args).length ? `${code} ${JSON.stringify(args)}` : code;
  return problemWith((k) => CATALOGS.en[k], 'en', code, args);
}
