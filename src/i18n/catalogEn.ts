/**
 * The English catalog, joined from one file per area. It defines the keys:
 * the Chinese catalog (catalog.ts) is typed with the same keys. Kept apart so
 * that the engine's one door into the text (english.ts) bundles English only.
 * Importing this module registers it (catalog.ts), as zhCatalog.ts does.
 */
import { registerCatalog } from './catalog.ts';
import { en } from './en.ts';
import { eventsEn } from './en/events.ts';
import { storyEn } from './en/story.ts';
import { consumerEn } from './en/consumer.ts';
import { reasonsEn } from './en/reasons.ts';
import { problemsEn } from './en/problems.ts';
import { configDocsEn } from './en/configDocs.ts';
import { scenariosEn } from './en/scenarios.ts';
import { cliEn } from './en/cli.ts';
import { lessonEn } from './en/lesson.ts';
import { compareEn } from './en/compare.ts';
import { embedEn } from './en/embed.ts';
import { shareEn } from './en/share.ts';
import { whatifCliEn } from './en/whatifCli.ts';
import { stageEn } from './en/stage.ts';

/** Each area on its own, for the test that no key is defined twice. */
export const AREAS_EN = { ui: en, events: eventsEn, story: storyEn, consumer: consumerEn, reasons: reasonsEn, problems: problemsEn, configDocs: configDocsEn, scenarios: scenariosEn, cli: cliEn, lesson: lessonEn, embed: embedEn, share: shareEn, compare: compareEn, whatifCli: whatifCliEn, stage: stageEn } as const;

export const EN = { ...en, ...eventsEn, ...storyEn, ...consumerEn, ...reasonsEn, ...problemsEn, ...configDocsEn, ...scenariosEn, ...cliEn, ...lessonEn, ...embedEn, ...shareEn, ...compareEn, ...whatifCliEn, ...stageEn } as const;

export type MessageKey = keyof typeof EN;

registerCatalog('en', EN);
