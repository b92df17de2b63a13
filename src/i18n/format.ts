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

function pluralRules(lang: Lang): Intl.PluralRules {
  let r = rules.get(lang);
  if (!r) rules.set(lang, (r = new Intl.PluralRules(lang)));
  return r;
}

/** The template a message uses for these arguments (its plural form, if it has several). */
export function templateOf(lang: Lang, msg: Message, args: Args = {}): string {
  if (typeof msg === 'string') return msg;
  const n = Number(args[msg.count]);
  const form = Number.isFinite(n) ? pluralRules(lang).select(n) : 'other';
  return msg[form] ?? msg.other;
}

const PLACEHOLDER = /\{(\w+)\}/g;

/**
 * Fills a message's placeholders. A placeholder without an argument stays as
 * it is (`{x}`), so a missing argument shows up in tests instead of vanishing.
 */
export function interpolate(lang: Lang, msg: Message, args: Args = {}): string {
  return templateOf(lang, msg, args).replace(PLACEHOLDER, (whole, k: string) => (Object.hasOwn(args, k) ? String(args[k]) : whole));
}

/** The placeholder names of a message, every plural form included (for tests). */
export function placeholders(msg: Message): string[] {
  const texts = typeof msg === 'string' ? [msg] : Object.entries(msg).filter(([k]) => k !== 'count').map(([, v]) => v as string);
  const names = new Set<string>();
  for (const t of texts) for (const m of t.matchAll(PLACEHOLDER)) names.add(m[1]);
  if (typeof msg !== 'string') names.add(msg.count);
  return [...names].sort();
}
