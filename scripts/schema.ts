/** npm run schema: writes public/scenario.schema.json from the engine's valibot schema. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { scenarioJsonSchemaText } from '../src/cli/jsonSchema.ts';

const out = join(import.meta.dirname, '../public/scenario.schema.json');
writeFileSync(out, scenarioJsonSchemaText());
console.log(`wrote ${out}`);
