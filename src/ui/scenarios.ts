/** The scenarios shipped in scenarios/, for the picker: file name → scenario JSON. */
const files = import.meta.glob<Record<string, unknown>>('../../scenarios/*.json', {
  eager: true,
  import: 'default',
});

export interface ScenarioEntry {
  readonly file: string;
  readonly title: string;
  readonly scenario: Record<string, unknown>;
}

export const SCENARIOS: readonly ScenarioEntry[] = Object.entries(files)
  .filter(([path]) => !path.endsWith('/schema.json'))
  .map(([path, scenario]) => ({
    file: path.split('/').pop()!,
    title: typeof scenario.title === 'string' ? scenario.title : path,
    scenario,
  }))
  .sort((a, b) => a.title.localeCompare(b.title));

export function scenarioByFile(file: string): ScenarioEntry | undefined {
  return SCENARIOS.find((s) => s.file === file);
}
