/**
 * The bundled scenarios' names and descriptions in the reader's language, by
 * preset id (or lesson:<id>): the catalog has them (scenario.<id>.name), the
 * files keep their own English. A scenario the user opened shows as written.
 */
import { isKey, translate } from './catalog.ts';
import type { Lang } from './format.ts';

/** A scenario's name: the catalog's for a bundled one, else its own. */
export function scenarioName(lang: Lang, presetId: string, own: string): string {
  const k = `scenario.${presetId}.name`;
  return isKey(k) ? translate(lang, k) : own;
}

export function scenarioDescription(lang: Lang, presetId: string, own: string): string {
  const k = `scenario.${presetId}.description`;
  return isKey(k) ? translate(lang, k) : own;
}

/** Capitalised like a menu entry, unless it starts with a Kafka name (acks=0, flush.messages=1), which keeps Kafka's spelling. */
const menuCase = (s: string) => (/^[a-z]+(?:[ ,:-]|$)/.test(s) ? s[0].toUpperCase() + s.slice(1) : s);

/** A preset as the Scenario menu lists it: consumer examples grouped under "Consumers:". */
export function presetLabel(lang: Lang, p: { id: string; label: string }): string {
  const own = `preset.${p.id}`;
  if (isKey(own)) return translate(lang, own);
  const name = scenarioName(lang, p.id, p.label);
  const shown = lang === 'en' ? menuCase(name) : name;
  return p.id.startsWith('consumer-') ? translate(lang, 'preset.consumers', { name: shown }) : shown;
}
