/**
 * The lab's two languages and its text: the catalog (catalog.ts, one file per
 * area under en/ and zh-CN/), the one interpolation (format.ts), and the
 * engine's codes said in a language (codes.ts, events.ts, problems.ts).
 */
export { LANGS, interpolate, type Args, type Lang, type Message, type Plural } from './format.ts';
export { CATALOGS, hasCatalog, isKey, translate, translateCode, type MessageKey } from './catalog.ts';
export { loadCatalog } from './loadCatalog.ts';
export { consumerEventText, problemText, reasonText, rebalanceReasonText, stepText } from './codes.ts';
export { eventGroup, eventText, faultText, type EventGroup } from './events.ts';

export function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(ms < 60000 ? 2 : 1)} s`;
}
