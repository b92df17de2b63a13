/**
 * A run file (src/share) as a widget opens it: checked as the lab's Open
 * file… checks one, its preset's scenario read from the lab's own files, and
 * turned into the record the engine host replays ('restore'). Loaded on
 * demand: a widget that plays a scenario never downloads the run reader.
 */
import { isPresetRef, parseRun, type RunProblem } from '../share/runFile.ts';
import { toRunRecord } from '../share/runRecord.ts';
import { runProblemLine } from '../share/problemText.ts';
import type { RunRecord } from '../timeline/protocol.ts';
import type { Lang } from '../i18n/index.ts';
import { loadPresetHere, presetById, type Resolved } from './scenarioSource.ts';
import { decodeRun } from '../share/link.ts';

export interface OpenedRun {
  record: RunRecord;
  /** The moment the run was saved at. */
  t: number;
  /** The preset it names, or null for an inline scenario. */
  preset: string | null;
}

/** A refused run: says its problem (field path first) in a language. */
export class RunRefused extends Error {
  constructor(readonly problem: RunProblem) {
    super(runProblemLine('en', problem));
    this.name = 'RunRefused';
  }
  explain(lang: Lang): string {
    return runProblemLine(lang, this.problem);
  }
}

export async function openRun(json: unknown): Promise<OpenedRun> {
  const parsed = parseRun(json);
  if (!parsed.ok) throw new RunRefused(parsed.problem);
  const run = parsed.value;
  let presetId: string | null = null;
  let presetJson: unknown;
  if (isPresetRef(run.scenario)) {
    presetId = run.scenario.preset;
    const p = presetById(presetId);
    if (p) presetJson = await loadPresetHere(p);
  }
  const rec = toRunRecord(run, (id) => (id === presetId ? presetJson : undefined));
  if (!rec.ok) throw new RunRefused(rec.problem);
  return { record: rec.value, t: run.t, preset: presetId };
}

/**
 * The `run` option as share-link parameters: a whole share link (its query is
 * read; never fetched), its query, or the packed run alone (the share link's
 * `run` parameter: base64url, so it has no "=").
 */
export function runParams(value: string): URLSearchParams {
  const v = value.trim();
  const q = v.indexOf('?');
  if (q >= 0) return new URLSearchParams(v.slice(q + 1).split('#')[0]);
  return v.includes('=') ? new URLSearchParams(v) : new URLSearchParams({ run: v });
}

/** A share link's run (the iframe page's ?scenario=…&seed=…&t=…&log=… or ?run=…), as the widget loads it. */
export async function openLink(q: URLSearchParams): Promise<Resolved> {
  const d = await decodeRun(q);
  if (d.kind === 'problem') throw new RunRefused(d.problem);
  if (d.kind === 'none') throw new RunRefused({ source: 'run', code: 'bad-param', args: { param: 'seed', got: 'nothing' }, path: 'seed' });
  const r = await openRun(d.run);
  return { scenario: r.record.raw, id: r.preset ?? 'link', run: { record: r.record, t: r.t } };
}
