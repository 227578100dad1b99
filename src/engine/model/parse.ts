import { parseTree, printParseErrorCode, type ParseError } from 'jsonc-parser';
import type { z } from 'zod';
import { ErrorCode, type Issue, ValidationError, prefixIssues } from '../core/errors.ts';
import { validateGraph } from '../graph/validate.ts';
import { validateFailures } from '../graph/validateFailures.ts';
import { isCheckpointed, validateCheckpointing } from '../graph/validateSettings.ts';
import { FailureAction, JobSpec, ScenarioSpec } from './schema.ts';
import type { FailureAction as FailureActionT, JobSpec as JobSpecT, Scenario } from './types.ts';

/** Turns a zod path into the JSON path people read: `job.components[3].parallelism`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

function hintFor(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'unrecognized_keys':
      return 'remove it or check its spelling';
    case 'invalid_type':
      return issue.input === undefined ? 'add this field' : `use a ${issue.expected}`;
    case 'too_small':
    case 'too_big':
      return 'use a value in the allowed range';
    case 'invalid_union':
      return 'see docs/scenario-format.md for the allowed values';
    default:
      return 'see docs/scenario-format.md';
  }
}

function messageFor(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') {
    return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  }
  if (issue.code === 'invalid_type' && issue.input === undefined) return 'is required';
  return issue.message;
}

/** Converts zod issues into catalogue issues. */
export function zodIssues(error: z.ZodError): Issue[] {
  return error.issues.map((issue) => {
    const path = [...issue.path];
    // Report unknown keys at the object that holds them: `job.components[2].paralellism`.
    if (issue.code === 'unrecognized_keys' && issue.keys.length === 1) path.push(issue.keys[0]!);
    return {
      code: ErrorCode.InvalidValue,
      path: formatPath(path),
      message: messageFor(issue),
      hint: hintFor(issue),
    };
  });
}

/**
 * Validates a job: its shape (zod) and then its graph (cycles, sources, sinks, inputs).
 * Returns the job with defaults filled in, or throws a {@link ValidationError} with every issue.
 */
export function parseJob(input: unknown): JobSpecT {
  const parsed = JobSpec.safeParse(input, { reportInput: true });
  if (!parsed.success) throw new ValidationError(zodIssues(parsed.error));
  const graphIssues = validateGraph(parsed.data);
  if (graphIssues.length > 0) throw new ValidationError(graphIssues);
  return parsed.data;
}

/** Validates a whole scenario (job, seed, semantics, failure script). Throws {@link ValidationError}. */
export function parseScenario(input: unknown): Scenario {
  const parsed = ScenarioSpec.safeParse(input, { reportInput: true });
  if (!parsed.success) throw new ValidationError(zodIssues(parsed.error));
  const scenario = parsed.data;
  const graphIssues = prefixIssues('job', validateGraph(scenario.job));
  const acking = scenario.semantics === 'at-least-once' && scenario.ackMode === 'acking';
  const context = { ackers: acking ? scenario.acking.ackers : 0, checkpointed: isCheckpointed(scenario) };
  const issues = [
    ...graphIssues,
    ...validateFailures(scenario.job, scenario.failures, 'failures', context),
    // The settings are checked against the graph, so only once the graph is sound.
    ...(graphIssues.length === 0 ? validateCheckpointing(scenario) : []),
  ];
  if (issues.length > 0) throw new ValidationError(issues);
  return scenario;
}

/** Parses scenario text (JSON). A syntax error is reported with its line and column. */
export function parseScenarioText(text: string): Scenario {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new ValidationError([
      {
        code: ErrorCode.MalformedJson,
        path: '',
        message: `not valid JSON: ${describeJsonError(text, e)}`,
        hint: 'fix the syntax (a missing comma or quote is the usual cause)',
      },
    ]);
  }
  return parseScenario(json);
}

/** Validates one failure to inject into a running job. */
export function parseFailureAction(job: JobSpecT, input: unknown): FailureActionT {
  const parsed = FailureAction.safeParse(input, { reportInput: true });
  if (!parsed.success) throw new ValidationError(zodIssues(parsed.error));
  const issues = validateFailures(job, [parsed.data], 'failure');
  if (issues.length > 0) throw new ValidationError(issues);
  return parsed.data;
}

function describeJsonError(text: string, e: unknown): string {
  // JSON.parse's messages differ between runtimes and often omit the position: locate it ourselves.
  const errors: ParseError[] = [];
  parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
  const first = errors[0];
  if (!first) return e instanceof Error ? e.message : String(e);
  const before = text.slice(0, first.offset);
  const line = before.split('\n').length;
  const column = first.offset - before.lastIndexOf('\n');
  const what = printParseErrorCode(first.error)
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return `${what} at line ${line}, column ${column}`;
}
