/**
 * The catalogue of user-facing errors. Every problem a person can cause (a malformed scenario, an
 * invalid job graph, an absurd parameter) is reported as an {@link Issue}: a stable code, where it
 * is, what is wrong and how to fix it. Errors are data; the CLI and the UI decide how to show them.
 */

export const ErrorCode = {
  /** A value in the scenario or job does not have the expected shape or range. */
  InvalidValue: 'E_INVALID_VALUE',
  /** The file is not JSON at all. */
  MalformedJson: 'E_MALFORMED_JSON',
  /** Two components share an id. */
  DuplicateId: 'E_DUPLICATE_ID',
  /** An edge names a component that does not exist. */
  DanglingEdge: 'E_DANGLING_EDGE',
  /** The same pair of components is connected twice. */
  DuplicateEdge: 'E_DUPLICATE_EDGE',
  /** The graph has a cycle. */
  Cycle: 'E_CYCLE',
  /** The job has no source. */
  NoSource: 'E_NO_SOURCE',
  /** The job has no sink. */
  NoSink: 'E_NO_SINK',
  /** A component has the wrong number of inputs or outputs for its kind. */
  WrongInputs: 'E_WRONG_INPUTS',
  /** A failure script entry names a component, instance, edge or store that does not exist. */
  UnknownTarget: 'E_UNKNOWN_TARGET',
  /** A combination of settings that cannot work. */
  InvalidSetting: 'E_INVALID_SETTING',
  /** A command-line problem. */
  Usage: 'E_USAGE',
  /** A file that cannot be read (missing, a directory, no permission). */
  FileUnreadable: 'E_FILE_UNREADABLE',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** One problem, with enough context for a person to fix it. */
export interface Issue {
  readonly code: ErrorCode;
  /** Where: a JSON path such as `job.components[3].parallelism`, or '' for the whole document. */
  readonly path: string;
  /** What is wrong, in one sentence. */
  readonly message: string;
  /** How to fix it. */
  readonly hint: string;
  /** The component the problem is about, when there is one (the editor marks that node). */
  readonly componentId?: string;
  /** The edge the problem is about, as an index into `job.edges` (the editor marks that edge). */
  readonly edgeIndex?: number;
}

/** Thrown when input is invalid; carries every issue found, not only the first. */
export class ValidationError extends Error {
  readonly issues: readonly Issue[];
  constructor(issues: readonly Issue[]) {
    super(issues.map(formatIssue).join('\n'));
    this.name = 'ValidationError';
    this.issues = issues;
  }
}

/** `path: message (hint)` — the one-line form used by the CLI and in exception messages. */
export function formatIssue(issue: Issue): string {
  const where = issue.path ? `${issue.path}: ` : '';
  return `${where}${issue.message}${issue.hint ? ` — ${issue.hint}` : ''} [${issue.code}]`;
}

/** Prefixes every issue's path, e.g. to report job issues inside a scenario as `job.…`. */
export function prefixIssues(prefix: string, issues: readonly Issue[]): Issue[] {
  return issues.map((i) => ({ ...i, path: i.path ? `${prefix}.${i.path}` : prefix }));
}
