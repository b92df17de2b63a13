/**
 * "Open in the full lab": at first the preset, lesson and language; once the
 * reader points at or focuses the link, the whole run as a share link
 * (src/share/link.ts: scenario or preset, seed, command log, moment,
 * language), so the lab opens what the widget shows. The share code loads
 * only then: a widget that is only watched never downloads it.
 */
import type { LabState } from '../state/labStore.ts';
import type { LabSnapshot } from '../engine/checker/snapshot.ts';
import { PRESETS } from '../state/presets.ts';
import { labRoot } from './scenarioSource.ts';

export function fullLabUrl(s: Pick<LabState, 'presetId' | 'lang'>, extra: { lesson?: string | null } = {}): string {
  const q = new URLSearchParams();
  if (extra.lesson) q.set('lesson', extra.lesson);
  else if (PRESETS.some((p) => p.id === s.presetId)) q.set('scenario', s.presetId);
  q.set('lang', s.lang);
  return new URL(`index.html?${q}`, labRoot()).href;
}

type RunState = Pick<LabState, 'presetId' | 'lang' | 'run'> & { snap: Pick<LabSnapshot, 't'> | null };

/** The run on screen as share-link parameters (src/share/link.ts), or null when there is no run yet or it is too long for a URL. */
export async function runQuery(s: RunState): Promise<string | null> {
  if (!s.run) return null;
  const [{ fromRunRecord }, { encodeRun }] = await Promise.all([import('../share/runRecord.ts'), import('../share/link.ts')]);
  const preset = PRESETS.some((p) => p.id === s.presetId) ? s.presetId : undefined;
  const enc = await encodeRun(fromRunRecord(s.run, { t: s.snap?.t ?? 0, preset, lang: s.lang }));
  return enc.ok ? enc.query : null;
}

/** The run on screen as a share link into the full lab (falls back to fullLabUrl in a lesson, or when the run is too long for a URL). */
export async function runLink(s: RunState, lesson: string | null): Promise<string> {
  const q = lesson ? null : await runQuery(s);
  return q ? new URL(`index.html?${q}`, labRoot()).href : fullLabUrl(s, { lesson });
}
