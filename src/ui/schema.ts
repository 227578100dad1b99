import scenarioSchema from '../../scenarios/schema.json';

/**
 * The scenario format's JSON Schema (generated from the engine's zod schema by `npm run schema`),
 * read by the palette and the inspector forms: the UI learns every component kind, field, range,
 * default and choice from the one definition the engine validates against.
 */

export interface FieldSchema {
  readonly type?: string;
  readonly enum?: readonly string[];
  readonly const?: unknown;
  readonly default?: unknown;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly properties?: Readonly<Record<string, FieldSchema>>;
  readonly oneOf?: readonly FieldSchema[];
  readonly anyOf?: readonly FieldSchema[];
  readonly items?: FieldSchema;
  readonly required?: readonly string[];
}

const root = scenarioSchema as unknown as FieldSchema;
const job = root.properties!.job!;
const componentVariants = job.properties!.components!.items!.oneOf!;

/** Every component kind, in the schema's order (sources, operators, sinks). */
export const COMPONENT_KINDS: readonly string[] = componentVariants.map((v) =>
  String(v.properties!.kind!.const),
);

export type Role = 'source' | 'operator' | 'sink';

export function roleOf(kind: string): Role {
  if (kind.endsWith('-source')) return 'source';
  if (kind.endsWith('-sink')) return 'sink';
  return 'operator';
}

/** The fields of one component kind. */
export function componentSchema(kind: string): FieldSchema | undefined {
  return componentVariants.find((v) => v.properties!.kind!.const === kind);
}

export const EDGE_SCHEMA: FieldSchema = job.properties!.edges!.items!;
export const SCENARIO_SCHEMA: FieldSchema = root;

/** `restartAfter` → "Restart after". */
export function fieldLabel(name: string): string {
  const words = name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
