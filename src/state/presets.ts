/** Scenarios offered as presets: the built-in first look, the benchmark cluster, and the examples in public/scenarios. */
import { BUSY, FIRST_LOOK } from './defaultScenario.ts';

export interface Preset {
  id: string;
  label: string;
  /** Built in, or a file under public/scenarios. */
  scenario?: unknown;
  file?: string;
}

export const PRESETS: Preset[] = [
  { id: 'first-look', label: 'First look (3 brokers, a slow follower)', scenario: FIRST_LOOK },
  { id: 'acks1-failover', label: 'acks=1: acknowledged, then lost on failover', file: 'acks1-failover.json' },
  { id: 'acks0-loss', label: 'acks=0: the producer never knows', file: 'acks0-loss.json' },
  { id: 'safe-leader-crash', label: 'A safe configuration survives a leader crash', file: 'safe-leader-crash.json' },
  { id: 'power-loss-all', label: 'acks=all is not fsync: a rack loses power', file: 'power-loss-all.json' },
  { id: 'retries-duplicate', label: 'Retries without idempotence: duplicates', file: 'retries-duplicate.json' },
  { id: 'busy', label: 'Busy cluster (5 brokers, 6 partitions)', scenario: BUSY },
];

/** Loads a preset's scenario JSON; throws an Error naming what went wrong. */
export async function loadPreset(p: Preset): Promise<unknown> {
  if (p.scenario) return p.scenario;
  const url = new URL(`scenarios/${p.file}`, document.baseURI).href;
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${p.file}: HTTP ${res.status}`);
  const text = await res.text();
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new Error(`${p.file}: not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
}
