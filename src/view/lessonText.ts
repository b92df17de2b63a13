/** A lesson's narration in the lab's language (the lessons are data with both languages, src/lessons; the player's own words are in the catalog, lesson.*). */
import type { Lang } from '../i18n/index.ts';
import type { Text } from '../lessons/types.ts';

export const pick = (lang: Lang, t: Text): string => (lang === 'zh-CN' ? t.zh : t.en);
