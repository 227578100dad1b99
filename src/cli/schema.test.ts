import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../engine/index.ts';
import { SCHEMA_FILE, scenarioJsonSchemaText } from './jsonSchema.ts';

const root = new URL('../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');

describe('scenarios/schema.json', () => {
  it('is up to date with the zod ScenarioSpec (run `npm run schema` to regenerate it)', () => {
    expect(read(SCHEMA_FILE), 'scenarios/schema.json is stale: run `npm run schema`').toBe(
      scenarioJsonSchemaText(),
    );
  });

  it('has an id and a title, and describes the input form (fields with defaults are optional)', () => {
    const schema = JSON.parse(read(SCHEMA_FILE)) as { $id?: string; title?: string; required?: string[] };
    expect(schema.$id).toBeTruthy();
    expect(schema.title).toBeTruthy();
    expect(schema.required).toEqual(['job']);
  });
});

const scenarioFiles = readdirSync(new URL('scenarios/', root)).filter(
  (f) => f.endsWith('.json') && f !== 'schema.json',
);

describe('scenario files', () => {
  it('exist', () => {
    expect(scenarioFiles.length).toBeGreaterThanOrEqual(2);
  });

  it.each(scenarioFiles)('scenarios/%s is a valid scenario', (file) => {
    const text = read(`scenarios/${file}`);
    expect(() => parseScenarioText(text)).not.toThrow();
    // Editors find the schema through "$schema"; when a file names one, it must be the generated one.
    const { $schema } = JSON.parse(text) as { $schema?: string };
    if ($schema !== undefined) expect($schema).toBe('./schema.json');
  });
});
