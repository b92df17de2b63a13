/**
 * public/scenario.schema.json, generated from the valibot schema the engine
 * validates with (scenarioSchema.ts), so editors autocomplete and check the
 * same fields. `npm run schema` writes it; a test checks the committed file is current.
 * Rules between fields (names, references, Kafka's cross-config checks) are
 * beyond JSON Schema: the CLI and the lab still report those.
 */
import { toJsonSchema } from '@valibot/to-json-schema';
import { ScenarioSchema } from '../engine/scenario/scenarioSchema.ts';
import { configDocsEn } from '../i18n/en/configDocs.ts';

export const SCHEMA_URL = 'https://kafka-reliability-lab.invalid/scenario.schema.json';

export function scenarioJsonSchema(): Record<string, unknown> {
  // typeMode "output" takes each pipe from its last schema (an object after its plain-object check);
  // checks written as functions (e.g. a value as a .properties string) are not expressible and are left out.
  const schema = describeConfig(toJsonSchema(ScenarioSchema, { typeMode: 'output', errorMode: 'ignore' })) as Record<string, unknown>;
  return {
    $schema: schema.$schema,
    $id: 'scenario.schema.json',
    title: 'Kafka Reliability Lab scenario',
    description: 'A scenario for Kafka Reliability Lab (npm run sim -- file.json, or Open file… in the lab). Format: docs/scenario.md.',
    ...schema,
  };
}

/** A config key's description in the schema is its catalog key (doc.<scope>.<key>, scenarioSchema.ts): here it becomes the English line, or '' if the catalog has none. */
function describeConfig(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(describeConfig);
  if (typeof x !== 'object' || x === null) return x;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(x)) {
    out[k] = k === 'description' && typeof v === 'string' && v.startsWith('doc.') ? (Object.hasOwn(configDocsEn, v) ? (configDocsEn as Record<string, string>)[v] : '') : describeConfig(v);
  }
  return out;
}

export function scenarioJsonSchemaText(): string {
  return JSON.stringify(scenarioJsonSchema(), null, 2) + '\n';
}
