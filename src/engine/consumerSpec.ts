/**
 * Consumer groups in a scenario. Parsed here so the scenario format has one
 * home; the group protocol itself lives in the consumer modules.
 */
import { ScenarioError } from './scenarioError.ts';
import { describe } from './configParse.ts';

export interface ConsumerSpec {
  name: string;
  group: string;
  topic: string;
}

export function parseConsumers(v: unknown, topics: Set<string>): ConsumerSpec[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) throw new ScenarioError('consumers', `must be a list, got ${describe(v)}`);
  if (v.length > 0) throw new ScenarioError('consumers', 'consumer groups are not modelled yet');
  void topics;
  return [];
}
