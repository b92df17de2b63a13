/**
 * Links out of a widget and snippets into a page. "Open in the full lab"
 * carries what the lab's own URL reads today: the preset, the lesson and the
 * language (a lesson or a file that is not a preset opens the lab's default).
 */
import type { LabState } from '../state/labStore.ts';
import { PRESETS } from '../state/presets.ts';
import { labRoot } from './scenarioSource.ts';

export function fullLabUrl(s: Pick<LabState, 'presetId' | 'lang'>, extra: { lesson?: string | null } = {}): string {
  const q = new URLSearchParams();
  if (extra.lesson) q.set('lesson', extra.lesson);
  else if (PRESETS.some((p) => p.id === s.presetId)) q.set('scenario', s.presetId);
  q.set('lang', s.lang);
  return new URL(`index.html?${q}`, labRoot()).href;
}
