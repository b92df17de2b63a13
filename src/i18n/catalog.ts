/**
 * The one text catalog: every sentence the lab, the CLI and the engine's codes
 * say, in English (catalogEn.ts) and Simplified Chinese (zhCatalog.ts), one
 * file per area. English is always here; Chinese registers itself when its
 * module is imported (the lab and the CLI import it up front, the widget
 * loads it with loadCatalog only when it speaks 中文). Until then a Chinese
 * message reads in English rather than as a key.
 */
import { EN, isKey, type MessageKey } from './catalogEn.ts';
import { interpolate, type Args, type Lang, type Message } from './format.ts';

export { EN, isKey, type MessageKey };

export type Catalog = Record<MessageKey, Message>;

const registered: Partial<Record<Lang, Catalog>> = { en: EN };

/** Each language's catalog; a language not loaded yet reads as English. */
export const CATALOGS: Readonly<Record<Lang, Catalog>> = {
  get en() {
    return EN;
  },
  get 'zh-CN'() {
    return registered['zh-CN'] ?? EN;
  },
};

/** Called by a language's catalog module when it is imported. */
export function registerCatalog(lang: Lang, catalog: Catalog): void {
  registered[lang] = catalog;
}

/** Whether `lang`'s own catalog is here (English always is). */
export function hasCatalog(lang: Lang): boolean {
  return registered[lang] !== undefined;
}

/** Loads `lang`'s catalog if it is not here yet (a separate chunk in the browser). */
export async function loadCatalog(lang: Lang): Promise<void> {
  if (hasCatalog(lang)) return;
  if (lang === 'zh-CN') await import('./zhCatalog.ts');
}

/** A catalog message in a language, its placeholders filled. */
export function translate(lang: Lang, key: MessageKey, args?: Args): string {
  return interpolate(lang, CATALOGS[lang][key], args);
}

/** A key built at run time from an engine code: its message if the catalog has it, else `fallback`. */
export function translateCode(lang: Lang, key: string, args: Args | undefined, fallback: string): string {
  return isKey(key) ? translate(lang, key, args) : fallback;
}
