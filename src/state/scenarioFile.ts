/**
 * A scenario file read in the browser (Open file…, presets, the widget):
 * readScenarioText with a refusal located, the locator (jsonSyntax.ts)
 * fetched only when the text is not JSON, so the widget does not carry it.
 * Outside src/engine: the engine is built as one script (the worker, the
 * bench, the determinism test) and imports nothing lazily.
 */
import { readScenarioText } from '../engine/scenario/scenarioText.ts';
import { ScenarioError } from '../engine/core/scenarioError.ts';

/** The JSON value of a scenario file's text, or a located refusal. */
export async function readScenarioTextLocated(text: string): Promise<unknown> {
  try {
    return readScenarioText(text);
  } catch (e) {
    if (!(e instanceof ScenarioError) || e.code !== 'not-json') throw e;
    const { jsonSyntaxError } = await import('../engine/scenario/jsonSyntax.ts');
    return readScenarioText(text, jsonSyntaxError);
  }
}
