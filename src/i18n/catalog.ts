/**
 * The one text catalog: every sentence the lab, the CLI and the engine's codes
 * say, in English (catalogEn.ts) and Simplified Chinese (zhCatalog.ts), one
 * file per area. Each language's module registers itself when it is imported:
 * the lab, the CLI and the tests import both up front; the widget loads only
 * the language it speaks (loadCatalog.ts), so a 中文 widget page downloads no
 * English catalog and an English one no Chinese. A language not loaded reads
 * in the one that is (never as a key, once any catalog is here).
 */
import type { EN, MessageKey } from './catalogEn.ts';
import { interpolate, type Args, type Lang, type Message } from './format.ts';

export type { MessageKey };

export type Catalog = Record<MessageKey, Message>;

const registered: Partial<Record<Lang, Catalog>> = {};
const NONE = {} as Catalog;

/** Each language's catalog; a language not loaded yet reads in the other one. */
export const CATALOGS: Readonly<Record<Lang, Catalog>> = {
  get en() {
    return registered.en ?? registered['zh-CN'] ?? NONE;
  },
  get 'zh-CN'() {
    return registered['zh-CN'] ?? registered.en ?? NONE;
  },
};

/** Called by a language's catalog module when it is imported. */
export function registerCatalog(lang: Lang, catalog: Catalog | typeof EN): void {
  registered[lang] = catalog;
}

/** Whether `lang`'s own catalog is here. */
export function hasCatalog(lang: Lang): boolean {
  return registered[lang] !== undefined;
}

/** A catalog message in a language, its placeholders filled (the key itself while no catalog is loaded). */
export function translate(lang: Lang, key: MessageKey, args?: Args): string {
  const msg = CATALOGS[lang][key];
  return msg === undefined ? key : interpolate(lang, msg, args);
}

/** A key built at run time from an engine code: its message if the catalog has it, else `fallback`. */
export function translateCode(lang: Lang, key: string, args: Args | undefined, fallback: string): string {
  return isKey(key) ? translate(lang, key, args) : fallback;
}

/** Whether a string computed at run time (a code from the engine or a file) names a catalog key (both catalogs have the same keys). */
export function isKey(key: string): key is MessageKey {
  return Object.hasOwn(registered.en ?? registered['zh-CN'] ?? NONE, key);
}
