/**
 * Where a widget's scenario comes from: a preset id (its JSON is one of the
 * lab's own files, found next to the widget's script, wherever the host page
 * lives), or the URL of a scenario file. Files are read as the lab's Open
 * file… reads them (size limit, byte-order mark, JSON); the engine host
 * validates the rest and refuses a bad scenario with a notice.
 */
import { PRESETS, type Preset } from '../state/presets.ts';
import { readScenarioText, checkScenarioSize } from '../engine/scenarioText.ts';

/** The lab's own root (where scenarios/ and embed/ live), from this module's URL: both assets/ and embed/ are one level down. */
export function labRoot(): URL {
  const here = import.meta.url;
  return import.meta.env.DEV ? new URL('/', here) : new URL('..', here);
}

export function presetById(id: string): Preset | undefined {
  return PRESETS.find((p) => p.id === id);
}

/** A preset's scenario, fetched from the lab's own files (not the host page's). */
export async function loadPresetHere(p: Preset): Promise<unknown> {
  if (p.scenario) return p.scenario;
  return fetchScenario(new URL(`scenarios/${p.file}`, labRoot()).href);
}

export async function fetchScenario(url: string): Promise<unknown> {
  const res = await fetch(url, { credentials: 'same-origin' });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  const text = await res.text();
  checkScenarioSize(text.length);
  return readScenarioText(text);
}

export interface Resolved {
  scenario: unknown;
  /** A preset id, or the file name for a URL. */
  id: string;
}

/** A preset id or a URL (relative to the host page). Throws an Error naming what went wrong. */
export async function resolveScenario(value: string, base: string): Promise<Resolved> {
  const p = presetById(value);
  if (p) return { scenario: await loadPresetHere(p), id: p.id };
  if (!/[/.]/.test(value)) throw new Error(`not a preset id (known: ${PRESETS.map((x) => x.id).join(', ')}) nor a URL`);
  const url = new URL(value, base);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`${url.protocol} URLs are not read`);
  const scenario = await fetchScenario(url.href);
  return { scenario, id: url.pathname.slice(url.pathname.lastIndexOf('/') + 1) || url.href };
}
