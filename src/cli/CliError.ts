import { ErrorCode, type Issue } from '../engine/index.ts';

/**
 * A problem the person running a command caused: a bad option, a missing file, an invalid scenario.
 * It is reported as a message and exit code 2, never as a stack trace. `usage` marks problems with
 * the command line itself, which are followed by the usage line.
 */
export class CliError extends Error {
  readonly issues: readonly Issue[];
  readonly usage: boolean;
  /** Printed before the issues (e.g. which file is invalid); empty for a single self-explaining issue. */
  readonly headline: string;

  constructor(issues: readonly Issue[], options: { usage: boolean; headline?: string }) {
    super(options.headline || issues.map((i) => i.message).join('; '));
    this.name = 'CliError';
    this.issues = issues;
    this.usage = options.usage;
    this.headline = options.headline ?? '';
  }

  /** A file that cannot be read (missing, a directory, no permission). */
  static unreadable(path: string, message: string, hint: string): CliError {
    return new CliError([{ code: ErrorCode.FileUnreadable, path, message, hint }], { usage: true });
  }

  /** A command-line problem about one argument or option (`path` names it, e.g. `--seed`). */
  static usage(path: string, message: string, hint: string): CliError {
    return new CliError([{ code: ErrorCode.Usage, path, message, hint }], { usage: true });
  }
}
