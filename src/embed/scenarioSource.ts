/**
 * Where a widget's scenario comes from: a preset id (its JSON is one of the
 * lab's own files, found next to the widget's script, wherever the host page
 * lives), or the URL of a scenario file. Files are read as the lab's Open
 * file… reads them (size limit, byte-order mark, JSON); the engine host
 * validates the rest and refuses a bad scenario with a notice. A file that
 * is a run (src/share/runFile.ts) opens at its moment with its command log.
 */
import { PRESETS, type Preset } from '../state/presets.ts';
import { decodeScenarioBytes } from '../engine/scenario/scenarioText.ts';
import { readScenarioTextLocated } from '../state/scenarioFile.ts';
import { ScenarioError } from '../engine/core/scenarioError.ts';
import { problemText, translate, type Lang } from '../i18n/index.ts';
import type { RunRecord } from '../timeline/protocol.ts';

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

const presetCache = new Map<string, Promise<unknown>>();

/** A preset's scenario JSON by id, fetched once per page (the full-lab link compares the run with it). */
export function presetJson(id: string): Promise<unknown> {
  const p = presetById(id);
  if (!p) return Promise.resolve(undefined);
  let got = presetCache.get(id);
  if (!got) {
    got = loadPresetHere(p);
    presetCache.set(id, got);
    got.catch(() => presetCache.delete(id));
  }
  return got;
}

/** Why a scenario could not be loaded, as a catalog code (embed.load.*) and its values. */
export class LoadError extends Error {
  constructor(
    readonly code: 'notPreset' | 'http' | 'protocol' | 'network',
    readonly args: Record<string, string | number>,
  ) {
    super(`${code} ${JSON.stringify(args)}`);
    this.name = 'LoadError';
  }
}

export async function fetchScenario(url: string): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(url, { credentials: 'same-origin' });
  } catch (e) {
    throw new LoadError('network', { reason: e instanceof Error ? e.message : String(e) });
  }
  if (!res.ok) throw new LoadError('http', { status: res.status });
  return readScenarioTextLocated(decodeScenarioBytes(new Uint8Array(await res.arrayBuffer())));
}

export interface Resolved {
  scenario: unknown;
  /** A preset id, or the file name for a URL. */
  id: string;
  /** A run file: the record to replay and its moment (the scenario is the record's). */
  run?: { record: RunRecord; t: number };
}

/** A run file's JSON names itself (src/share/runFile.ts looksLikeRun; repeated here so a scenario never loads the run reader). */
const claimsRun = (x: unknown): boolean => typeof x === 'object' && x !== null && !Array.isArray(x) && Object.hasOwn(x, 'kafkaLab');

/** A scenario's or run file's JSON, as the widget loads it; a run is checked and turned into its record. */
export async function fromJson(json: unknown, id: string): Promise<Resolved> {
  if (!claimsRun(json)) return { scenario: json, id };
  const { openRun } = await import('./runSource.ts');
  const r = await openRun(json);
  return { scenario: r.record.raw, id: r.preset ?? id, run: { record: r.record, t: r.t } };
}

/** A preset id or a URL (relative to the host page). Throws a LoadError or a ScenarioError (a file that is not JSON, too large) naming what went wrong. */
export async function resolveScenario(value: string, base: string): Promise<Resolved> {
  const p = presetById(value);
  if (p) return { scenario: await presetJson(p.id), id: p.id };
  if (!/[/.]/.test(value)) throw new LoadError('notPreset', { known: PRESETS.map((x) => x.id).join(', ') });
  const url = new URL(value, base);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new LoadError('protocol', { protocol: url.protocol });
  const json = await fetchScenario(url.href);
  return fromJson(json, url.pathname.slice(url.pathname.lastIndexOf('/') + 1) || url.href);
}

/** A load failure said in a language. */
export function loadErrorText(lang: Lang, e: unknown): string {
  if (e instanceof LoadError) return translate(lang, `embed.load.${e.code}`, e.args);
  if (e instanceof ScenarioError) return problemText(lang, e.code, e.args, e.problem);
  if (e instanceof Error && 'explain' in e && typeof e.explain === 'function') return String(e.explain(lang));
  return e instanceof Error ? e.message : String(e);
}
