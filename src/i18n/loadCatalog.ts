/**
 * Loads a language's catalog when it is not here yet (a separate chunk in the
 * browser: the widget downloads only the language it speaks). Its own module,
 * so the registry (catalog.ts), which the engine's English door reads, holds
 * no lazy import: the engine is built as one script.
 */
import { hasCatalog } from './catalog.ts';
import type { Lang } from './format.ts';

export async function loadCatalog(lang: Lang): Promise<void> {
  if (hasCatalog(lang)) return;
  if (lang === 'zh-CN') await import('./zhCatalog.ts');
  else await import('./catalogEn.ts');
}
