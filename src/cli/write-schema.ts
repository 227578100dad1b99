/**
 * `npm run schema`: regenerates scenarios/schema.json from the zod scenario schema. Run it after
 * changing src/engine/model/schema.ts; src/cli/schema.test.ts fails while the file is out of date.
 */
import { writeFileSync } from 'node:fs';
import { SCHEMA_FILE, scenarioJsonSchemaText } from './jsonSchema.ts';

writeFileSync(new URL(`../../${SCHEMA_FILE}`, import.meta.url), scenarioJsonSchemaText());
process.stdout.write(`wrote ${SCHEMA_FILE}\n`);
