/**
 * The one interpolation of the lab's text: `{name}` placeholders filled from
 * arguments, and plural forms chosen by Intl.PluralRules for the language
 * (English "1 record" / "2 records"; Chinese has one form). Every sentence of
 * the lab, the CLI and the engine's codes goes through `interpolate`.
 */
export type Lang = 'en' | 'zh-CN';

/** The languages the lab speaks, in the order the language switch offers them. */
export const LANGS: readonly Lang[] = ['en', 'zh-CN'];

export type Args = Readonly<Record<string, string | number>>;

/**
 * A message whose words depend on a count: `count` names the argument, each
 * other field is the text for one CLDR plural category (`other` is required).
 */
export interface Plural {
  readonly count: string;
  readonly zero?: string;
  readonly one?: string;
  readonly two?: string;
  readonly few?: string;
  readonly many?: string;
  readonly other: string;
}

export type Message = string | Plural;

const rules = new Map<Lang, Intl.PluralRules>();
/** Plural forms of the counts seen, per language: the lab formats the same counts every frame, and ICU's select costs microseconds. */
const forms = new Map<Lang, Map<number, Intl.LDMLPluralRule>>();
const FORMS_KEPT = 4096;

function pluralRules(lang: Lang): Intl.PluralRules {
  let r = rules.get(lang);
  if (!r) rules.set(lang, (r = new Intl.PluralRules(lang)));
  return r;
}

function pluralForm(lang: Lang, n: number): Intl.LDMLPluralRule {
  let seen = forms.get(lang);
  if (!seen) forms.set(lang, (seen = new Map()));
  let form = seen.get(n);
  if (form === undefined) {
    if (seen.size >= FORMS_KEPT) seen.clear();
    seen.set(n, (form = pluralRules(lang).select(n)));
  }
  return form;
}

/** The template a message uses for these arguments (its plural form, if it has several). */
export function templateOf(lang: Lang, msg: Message, args: Args = {}): string {
  if (typeof msg === 'string') return msg;
  const n = Number(args[msg.count]);
  const form = Number.isFinite(n) ? pluralForm(lang, n) : 'other';
  return msg[form] ?? msg.other;
}

const PLACEHOLDER = /\{(\w+)\}/g;

/**
 * A template cut at its placeholders, once: literal text at even indexes,
 * placeholder names at odd ones. Filling it is a loop of concatenations, not
 * a regular expression with a callback per call (the view fills dozens of
 * messages every frame).
 */
const pieces = new Map<string, readonly string[]>();
function piecesOf(template: string): readonly string[] {
  let p = pieces.get(template);
  if (!p) {
    const cut: string[] = [];
    let from = 0;
    for (const m of template.matchAll(PLACEHOLDER)) {
      cut.push(template.slice(from, m.index), m[1]);
      from = m.index + m[0].length;
    }
    cut.push(template.slice(from));
    // Catalog templates are a few hundred; a text from a file could make more: keep the cache bounded.
    if (pieces.size >= FORMS_KEPT) pieces.clear();
    pieces.set(template, (p = cut));
  }
  return p;
}

/**
 * Fills a message's placeholders. A placeholder without an argument stays as
 * it is (`{x}`), so a missing argument shows up in tests instead of vanishing.
 */
export function interpolate(lang: Lang, msg: Message, args: Args = {}): string {
  const p = piecesOf(templateOf(lang, msg, args));
  if (p.length === 1) return p[0];
  let out = p[0];
  for (let i = 1; i < p.length; i += 2) {
    const k = p[i];
    out += (Object.hasOwn(args, k) ? String(args[k]) : `{${k}}`) + p[i + 1];
  }
  return out;
}

/** The placeholder names of a message, every plural form included (for tests). */
export function placeholders(msg: Message): string[] {
  const texts = typeof msg === 'string' ? [msg] : Object.entries(msg).filter(([k]) => k !== 'count').map(([, v]) => v as string);
  const names = new Set<string>();
  for (const t of texts) for (const m of t.matchAll(PLACEHOLDER)) names.add(m[1]);
  if (typeof msg !== 'string') names.add(msg.count);
  return [...names].sort();
}
