/**
 * Scenarios offered as presets: the built-in first look, every example in
 * public/scenarios (found at build time, labelled by the scenario's own name;
 * the JSON itself is fetched when chosen), and the benchmark cluster.
 */
import { decodeScenarioBytes } from '../engine/scenario/scenarioText.ts';
import { readScenarioTextLocated } from './scenarioFile.ts';
import { BUSY, FIRST_LOOK } from './defaultScenario.ts';

export interface Preset {
  id: string;
  label: string;
  /** Built in, or a file under public/scenarios. */
  scenario?: unknown;
  file?: string;
}

// Only each file's `name` is bundled (a named import of a JSON field).
const names = import.meta.glob<string>('../../public/scenarios/*.json', { eager: true, import: 'name' });

/** Broker-side examples first, then the consumer ones, each group by file name. */
const examples: Preset[] = Object.entries(names)
  .map(([path, name]) => {
    const file = path.slice(path.lastIndexOf('/') + 1);
    const id = file.replace(/\.json$/, '');
    const label = id.startsWith('consumer-') ? `Consumers: ${name}` : name;
    return { id, label: label.length > 1 ? label[0].toUpperCase() + label.slice(1) : label, file };
  })
  .sort((a, b) => Number(a.id.startsWith('consumer-')) - Number(b.id.startsWith('consumer-')) || a.id.localeCompare(b.id));

export const PRESETS: Preset[] = [
  { id: 'first-look', label: 'First look (3 brokers, a slow follower)', scenario: FIRST_LOOK },
  ...examples,
  { id: 'busy', label: 'Busy cluster (5 brokers, 6 partitions, a consumer group)', scenario: BUSY },
];

/** Loads a preset's scenario JSON; throws an Error naming what went wrong. */
export async function loadPreset(p: Preset): Promise<unknown> {
  if (p.scenario) return p.scenario;
  const url = new URL(`scenarios/${p.file}`, document.baseURI).href;
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${p.file}: HTTP ${res.status}`);
  // Read as Open file… and the CLI read a file (size limit, byte-order mark, JSON).
  return readScenarioTextLocated(decodeScenarioBytes(new Uint8Array(await res.arrayBuffer())));
}
