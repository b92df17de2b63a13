/**
 * public/scenario.schema.json, generated from the valibot schema the engine
 * validates with (scenarioSchema.ts), so editors autocomplete and check the
 * same fields. `npm run schema` writes it; a test checks the committed file is current.
 * Rules between fields (names, references, Kafka's cross-config checks) are
 * beyond JSON Schema: the CLI and the lab still report those.
 */
import { toJsonSchema } from '@valibot/to-json-schema';
import { ScenarioSchema } from '../engine/scenario/scenarioSchema.ts';

export const SCHEMA_URL = 'https://kafka-reliability-lab.invalid/scenario.schema.json';

export function scenarioJsonSchema(): Record<string, unknown> {
  // typeMode "output" takes each pipe from its last schema (an object after its plain-object check);
  // checks written as functions (e.g. a value as a .properties string) are not expressible and are left out.
  const schema = toJsonSchema(ScenarioSchema, { typeMode: 'output', errorMode: 'ignore' }) as Record<string, unknown>;
  return {
    $schema: schema.$schema,
    $id: 'scenario.schema.json',
    title: 'Kafka Reliability Lab scenario',
    description: 'A scenario for Kafka Reliability Lab (npm run sim -- file.json, or Open file… in the lab). Format: docs/scenario.md.',
    ...schema,
  };
}

export function scenarioJsonSchemaText(): string {
  return JSON.stringify(scenarioJsonSchema(), null, 2) + '\n';
}
