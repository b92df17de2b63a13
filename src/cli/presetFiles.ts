/**
 * The lab's presets for Node (the CLI, tests): the built-in first look and
 * busy cluster, and every file of public/scenarios by its id. A run file that
 * names a preset replays the same scenario JSON here as in the lab.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BUSY, FIRST_LOOK } from '../state/defaultScenario.ts';
import { readScenarioText } from '../engine/scenario/scenarioText.ts';

const DIR = fileURLToPath(new URL('../../public/scenarios/', import.meta.url));
const ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** A preset's scenario JSON, or undefined when there is no such preset. */
export function presetScenario(id: string): unknown {
  if (id === 'first-look') return FIRST_LOOK;
  if (id === 'busy') return BUSY;
  if (!ID.test(id)) return undefined;
  try {
    return readScenarioText(readFileSync(`${DIR}${id}.json`, 'utf8'));
  } catch {
    return undefined;
  }
}
