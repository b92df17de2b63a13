/**
 * The one text catalog: every sentence the lab, the CLI and the engine's codes
 * say, in English (catalogEn.ts) and Simplified Chinese, one file per area.
 * The Chinese catalog is typed with the English keys, so a missing
 * translation or an unknown key is a type error.
 */
import { EN, isKey, type MessageKey } from './catalogEn.ts';
import { zhCN } from './zh-CN.ts';
import { eventsZh } from './zh-CN/events.ts';
import { storyZh } from './zh-CN/story.ts';
import { consumerZh } from './zh-CN/consumer.ts';
import { reasonsZh } from './zh-CN/reasons.ts';
import { problemsZh } from './zh-CN/problems.ts';
import { configDocsZh } from './zh-CN/configDocs.ts';
import { scenariosZh } from './zh-CN/scenarios.ts';
import { cliZh } from './zh-CN/cli.ts';
import { lessonZh } from './zh-CN/lesson.ts';
import { embedZh } from './zh-CN/embed.ts';
import { shareZh } from './zh-CN/share.ts';
import { compareZh } from './zh-CN/compare.ts';
import { interpolate, type Args, type Lang, type Message } from './format.ts';

export { EN, isKey, type MessageKey };

/** Each area on its own, for the test that no key is defined twice. */
export const AREAS_ZH = { ui: zhCN, events: eventsZh, story: storyZh, consumer: consumerZh, reasons: reasonsZh, problems: problemsZh, configDocs: configDocsZh, scenarios: scenariosZh, cli: cliZh, lesson: lessonZh, embed: embedZh, share: shareZh, compare: compareZh } as const;

export const ZH: Record<MessageKey, Message> = { ...zhCN, ...eventsZh, ...storyZh, ...consumerZh, ...reasonsZh, ...problemsZh, ...configDocsZh, ...scenariosZh, ...cliZh, ...lessonZh, ...embedZh, ...shareZh, ...compareZh };

export const CATALOGS: Record<Lang, Record<MessageKey, Message>> = { en: EN, 'zh-CN': ZH };

/** A catalog message in a language, its placeholders filled. */
export function translate(lang: Lang, key: MessageKey, args?: Args): string {
  return interpolate(lang, CATALOGS[lang][key], args);
}

/** A key built at run time from an engine code: its message if the catalog has it, else `fallback`. */
export function translateCode(lang: Lang, key: string, args: Args | undefined, fallback: string): string {
  return isKey(key) ? translate(lang, key, args) : fallback;
}
