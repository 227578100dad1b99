import { z } from 'zod';
import { ScenarioSpec } from '../engine/index.ts';

/** Where the generated schema lives; scenario files point at it with `"$schema": "./schema.json"`. */
export const SCHEMA_FILE = 'scenarios/schema.json';

/**
 * The JSON Schema of scenario files, generated from the zod `ScenarioSpec` (the single source of
 * truth) for editors' completion and checking. It describes the input form: fields with defaults
 * are optional. It checks shapes and ranges only; graph rules (cycles, sources, sinks, inputs) are
 * checked when a scenario is loaded.
 */
export function scenarioJsonSchema(): Record<string, unknown> {
  const { $schema, ...rest } = z.toJSONSchema(ScenarioSpec, { io: 'input' });
  return {
    $schema,
    $id: 'urn:streamlab:scenario:v1',
    title: 'StreamLab scenario',
    description:
      'A StreamLab scenario (format version 1): a job, its seed, semantics, run length and failure script. ' +
      'Generated from src/engine/model/schema.ts by `npm run schema`: do not edit. See docs/scenario-format.md.',
    ...rest,
  };
}

/** The file's exact text: pretty-printed, ending with a newline. */
export function scenarioJsonSchemaText(): string {
  return JSON.stringify(scenarioJsonSchema(), null, 2) + '\n';
}
