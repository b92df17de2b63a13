/**
 * The Simplified Chinese catalog, joined from one file per area and typed
 * with the English keys (a missing translation or an unknown key is a type
 * error). Importing this module registers it (catalog.ts): the lab and the
 * CLI import it up front; the widget loads it only when it speaks 中文
 * (loadCatalog), so an English widget page does not download it.
 */
import type { MessageKey } from './catalogEn.ts';
import type { Message } from './format.ts';
import { registerCatalog } from './catalog.ts';
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
import { whatifCliZh } from './zh-CN/whatifCli.ts';
import { stageZh } from './zh-CN/stage.ts';

/** Each area on its own, for the test that no key is defined twice. */
export const AREAS_ZH = { ui: zhCN, events: eventsZh, story: storyZh, consumer: consumerZh, reasons: reasonsZh, problems: problemsZh, configDocs: configDocsZh, scenarios: scenariosZh, cli: cliZh, lesson: lessonZh, embed: embedZh, share: shareZh, compare: compareZh, whatifCli: whatifCliZh, stage: stageZh } as const;

export const ZH: Record<MessageKey, Message> = { ...zhCN, ...eventsZh, ...storyZh, ...consumerZh, ...reasonsZh, ...problemsZh, ...configDocsZh, ...scenariosZh, ...cliZh, ...lessonZh, ...embedZh, ...shareZh, ...compareZh, ...whatifCliZh, ...stageZh };

registerCatalog('zh-CN', ZH);
