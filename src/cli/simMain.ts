import {
  ACK_MODES,
  ErrorCode,
  SEMANTICS,
  ValidationError,
  formatIssue,
  parseScenario,
  parseScenarioText,
  runScenario,
  type Scenario,
} from '../engine/index.ts';
import {
  describeOptions,
  flag,
  integer,
  milliseconds,
  oneOf,
  parseArgs,
  positiveMilliseconds,
  usageOptions,
  valueOption,
  type OptionTable,
  type ParsedOptions,
} from './args.ts';
import { CliError } from './CliError.ts';
import { formatHuman } from './formatHuman.ts';
import { buildReport } from './report.ts';

/**
 * `npm run sim`: runs a scenario headless and prints its counters, sink outputs, accuracy and
 * losses, as tables or as one JSON object. `main` does no I/O of its own (the caller passes the
 * streams and the file reader), so tests run it in-process.
 */

/** What `main` may touch. */
export interface SimIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Reads a UTF-8 file; throws a Node-style error (with a `code` such as ENOENT) when it cannot. */
  readonly readFile: (path: string) => string;
}

export const ExitCode = {
  ok: 0,
  /** A bug in StreamLab. */
  internal: 1,
  /** Bad input: command line, file, scenario. */
  input: 2,
} as const;

/** The options of `npm run sim`. Adding one is one line here, plus using it in {@link run}. */
export const SIM_OPTIONS = {
  semantics: valueOption(
    SEMANTICS.join('|'),
    "delivery semantics (default: the scenario's)",
    SEMANTICS[0],
    oneOf(SEMANTICS, 'semantics'),
  ),
  'ack-mode': valueOption(
    ACK_MODES.join('|'),
    "at-least-once by the acknowledger (acking) or by checkpointed source offsets (default: the scenario's)",
    ACK_MODES[0],
    oneOf(ACK_MODES, 'ack mode'),
  ),
  'checkpoint-interval': valueOption(
    'MS',
    "virtual ms between checkpoints, with exactly-once or --ack-mode checkpoint (default: the scenario's)",
    '1000',
    positiveMilliseconds(1e8),
  ),
  seed: valueOption(
    'N',
    "seed of generated input and failures (default: the scenario's)",
    '42',
    integer(0, 4294967295),
  ),
  until: valueOption(
    'MS',
    'stop at this virtual time instead of running to the end',
    '5000',
    milliseconds(1e9),
  ),
  json: flag('print one JSON object (see docs/cli.md) instead of tables'),
  help: flag('print this help', true),
} satisfies OptionTable;

export const USAGE = `usage: npm run sim -- <scenario.json> ${usageOptions(SIM_OPTIONS)}`;

/** Runs the command; returns the process exit code. Never throws. */
export function main(argv: readonly string[], io: SimIo): number {
  try {
    return run(argv, io);
  } catch (e) {
    if (e instanceof CliError) {
      io.stderr(formatCliError(e));
      return ExitCode.input;
    }
    if (e instanceof ValidationError) {
      io.stderr(
        formatCliError(new CliError(e.issues, { usage: false, headline: 'the engine rejected the run:' })),
      );
      return ExitCode.input;
    }
    const message = e instanceof Error ? e.message : String(e);
    io.stderr(`error: internal error: ${message.split('\n')[0]} (a bug in StreamLab; please report it)\n`);
    return ExitCode.internal;
  }
}

function run(argv: readonly string[], io: SimIo): number {
  if (wantsHelp(argv)) {
    io.stdout(helpText());
    return ExitCode.ok;
  }
  const { positionals, options } = parseArgs(argv, SIM_OPTIONS);
  const file = scenarioFile(positionals);
  const scenario = withOverrides(loadScenario(file, io.readFile), options);
  const result = runScenario(scenario, { until: options.until });
  const report = buildReport(file, result);
  io.stdout(options.json ? JSON.stringify(report) + '\n' : formatHuman(report));
  return ExitCode.ok;
}

function wantsHelp(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end < 0 ? argv : argv.slice(0, end)).some((a) => a === '--help' || a === '-h');
}

export function helpText(): string {
  return [
    'Runs a StreamLab scenario headless, beside its failure-free reference run, and reports the',
    'counters of every component, the sink outputs, the accuracy and the losses.',
    '',
    USAGE,
    '',
    'options:',
    ...describeOptions(SIM_OPTIONS),
    '',
    'exit codes: 0 ran, 1 internal error, 2 bad command line, file or scenario.',
    'docs: docs/cli.md (output and JSON contract), docs/scenario-format.md (the file format).',
    '',
  ].join('\n');
}

function scenarioFile(positionals: readonly string[]): string {
  if (positionals.length === 0) {
    throw CliError.usage(
      '',
      'no scenario file given',
      'for example: npm run sim -- scenarios/system-usage.json',
    );
  }
  if (positionals.length > 1) {
    throw CliError.usage(positionals[1]!, 'unexpected extra argument', 'give exactly one scenario file');
  }
  return positionals[0]!;
}

function loadScenario(file: string, readFile: SimIo['readFile']): Scenario {
  let text: string;
  try {
    text = readFile(file);
  } catch (e) {
    throw unreadable(file, e);
  }
  // Editors on some systems save a byte order mark, which JSON.parse rejects.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') {
    throw new CliError(
      [
        {
          code: ErrorCode.MalformedJson,
          path: '',
          message: 'the file is empty',
          hint: 'write a scenario in it',
        },
      ],
      { usage: false, headline: `${file} cannot be read as JSON:` },
    );
  }
  try {
    return parseScenarioText(text);
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    const json = e.issues.every((i) => i.code === ErrorCode.MalformedJson);
    const n = e.issues.length;
    const headline = json
      ? `${file} cannot be read as JSON:`
      : `${file} is not a valid scenario (${n} problem${n === 1 ? '' : 's'}):`;
    throw new CliError(e.issues, { usage: false, headline });
  }
}

/**
 * The scenario with the command line's overrides, validated again as a whole: an override can make
 * settings clash (a failure that needs checkpoints or an acker the new semantics does not have).
 */
function withOverrides(scenario: Scenario, options: ParsedOptions<typeof SIM_OPTIONS>): Scenario {
  const interval = options['checkpoint-interval'];
  const changed: Scenario = {
    ...scenario,
    seed: options.seed ?? scenario.seed,
    semantics: options.semantics ?? scenario.semantics,
    ackMode: options['ack-mode'] ?? scenario.ackMode,
    checkpointing: interval === undefined ? scenario.checkpointing : { ...scenario.checkpointing, interval },
  };
  try {
    return parseScenario(changed);
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    throw new CliError(e.issues, { usage: false, headline: 'the options do not fit this scenario:' });
  }
}

function unreadable(file: string, e: unknown): CliError {
  const code = (e as { code?: unknown } | null)?.code;
  switch (code) {
    case 'ENOENT':
      return CliError.unreadable(
        file,
        'no such file',
        'check the path (relative paths start at the current directory)',
      );
    case 'EISDIR':
      return CliError.unreadable(
        file,
        'is a directory',
        'give a scenario .json file, such as scenarios/system-usage.json',
      );
    case 'EACCES':
    case 'EPERM':
      return CliError.unreadable(file, 'cannot be read (permission denied)', 'check the file permissions');
    default: {
      const message = e instanceof Error ? e.message : String(e);
      return CliError.unreadable(file, `cannot be read: ${message}`, 'check the path');
    }
  }
}

/** `error: …` lines on stderr, then the usage line for command-line problems. */
export function formatCliError(e: CliError): string {
  const lines = e.headline
    ? [`error: ${e.headline}`, ...e.issues.map((i) => `  ${formatIssue(i)}`)]
    : e.issues.map((i) => `error: ${formatIssue(i)}`);
  if (e.usage) lines.push(USAGE);
  return lines.join('\n') + '\n';
}
