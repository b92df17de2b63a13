/**
 * The report as `npm run sim -- FILE --json` prints it: the engine's report
 * (codes and arguments) with each anomaly's story as text in the reader's
 * language, and the English reason and network words the story steps carried
 * in their args before the text moved here, so the JSON fields stay as they were.
 */
import type { Anomaly } from '../engine/checker/checker.ts';
import type { Report } from '../engine/checker/report.ts';
import type { StoryStep } from '../engine/checker/story.ts';
import { translate } from './catalog.ts';
import { reasonText, stepText } from './codes.ts';
import type { Lang } from './format.ts';

export type TextReport = Omit<Report, 'anomalies'> & { anomalies: (Anomaly & { text: string[] })[] };

/** A step's args as the JSON has always shown them: {reason} in English, "leader of" a partition as words. */
function jsonStep(s: StoryStep): StoryStep {
  const args: Record<string, string | number> = { ...s.args };
  if (s.code === 'truncated' || s.code === 'lost-unflushed' || s.code === 'isr') args.reason = s.why ? reasonText('en', s.why) : '';
  if (s.code === 'network' && args.leaderOf !== undefined) {
    const { leaderOf, ...rest } = args;
    return { ...s, args: { ...rest, detail: translate('en', 'step.network.leaderOf', { partition: leaderOf }) } };
  }
  return { ...s, args };
}

export function reportWithText(r: Report, lang: Lang): TextReport {
  return {
    ...r,
    anomalies: r.anomalies.map((a) => ({ ...a, story: a.story.map(jsonStep), text: a.story.map((s) => translate(lang, 'report.step', { t: s.t, text: stepText(lang, s) })) })),
  };
}
