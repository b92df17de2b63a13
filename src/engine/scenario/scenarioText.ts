/**
 * A scenario file's text, read the same way by the CLI and the lab's "Open
 * file…": at most MAX_SCENARIO_BYTES, an optional UTF-8 byte-order mark
 * (editors on Windows write one), then JSON. Refusals are ScenarioErrors with
 * a problem code, like every other refusal of a scenario.
 */
import { problem } from '../core/scenarioProblems.ts';

/** 1 MiB: the examples are about 1 KB; a bigger file is a mistake or an attack, not a scenario. */
export const MAX_SCENARIO_BYTES = 1024 * 1024;

export function checkScenarioSize(bytes: number): void {
  if (bytes > MAX_SCENARIO_BYTES) throw problem('', 'file-too-large', { got: bytes, max: MAX_SCENARIO_BYTES });
}

/** The JSON value of a scenario file's text (not yet validated: parseScenario does that). */
export function readScenarioText(text: string): unknown {
  checkScenarioSize(new TextEncoder().encode(text).length);
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return JSON.parse(body) as unknown;
  } catch (e) {
    throw problem('', 'not-json', { reason: e instanceof Error ? e.message : String(e) });
  }
}
