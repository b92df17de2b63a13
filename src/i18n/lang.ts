/**
 * Which language the lab starts in: `?lang=` if it names one the lab speaks;
 * else the one remembered from an earlier visit; else the browser's
 * (navigator.languages, first match), remembered from then on. Storage may be
 * missing or throw (private windows, a sandboxed iframe, a full quota): the
 * lab then simply does not remember, and never fails to start.
 */
import { LANGS, type Lang } from './format.ts';

export const LANG_STORAGE_KEY = 'kafka-reliability-lab.lang';

/** A language tag as the lab reads it: zh, zh-CN, zh-Hans… are 中文; en, en-GB… English; anything else none. */
export function parseLang(tag: string | null | undefined): Lang | null {
  const t = (tag ?? '').trim().toLowerCase();
  if (t === 'zh' || t.startsWith('zh-')) return 'zh-CN';
  if (t === 'en' || t.startsWith('en-')) return 'en';
  return null;
}

/** The first of the browser's preferred languages that the lab speaks, else English. */
export function langFromBrowser(languages: readonly string[] | undefined): Lang {
  for (const l of languages ?? []) {
    const hit = parseLang(l);
    if (hit) return hit;
  }
  return 'en';
}

/** Storage as the lab uses it; every call is guarded, so a throwing storage reads as empty. */
export interface LangStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export function readStoredLang(storage: LangStorage | null | undefined): Lang | null {
  try {
    const v = storage?.getItem(LANG_STORAGE_KEY);
    return v && (LANGS as readonly string[]).includes(v) ? (v as Lang) : null;
  } catch {
    return null;
  }
}

export function rememberLang(storage: LangStorage | null | undefined, lang: Lang): void {
  try {
    storage?.setItem(LANG_STORAGE_KEY, lang);
  } catch {
    // Not remembered this time; the lab works the same.
  }
}

export interface LangChoice {
  lang: Lang;
  /** A `?lang=` value the lab does not speak, to name in a notice. */
  unknown?: string;
}

/** The language to start in, from the URL's ?lang (null if absent), storage and the browser's languages. */
export function chooseLang(rawQuery: string | null, storage: LangStorage | null | undefined, languages: readonly string[] | undefined): LangChoice {
  const query = rawQuery?.trim() ? rawQuery : null;
  const asked = query === null ? null : parseLang(query);
  if (asked) return { lang: asked };
  const stored = readStoredLang(storage);
  const lang = stored ?? langFromBrowser(languages);
  if (!stored) rememberLang(storage, lang);
  return query === null ? { lang } : { lang, unknown: query };
}

/** The storage of this page, or null where even reaching it throws (a sandboxed iframe). */
export function pageStorage(): LangStorage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}
