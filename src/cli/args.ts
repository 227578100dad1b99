import { CliError } from './CliError.ts';

/**
 * A tiny, table-driven command-line parser. A command declares its options once, as data; the
 * parser, the usage line and the help text are all derived from that table, so adding an option is
 * one line.
 */

/** Thrown by a value parser; the option's name is added by {@link parseArgs}. */
export class InvalidOptionValue extends Error {
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message);
  }
}

export interface FlagOption {
  readonly kind: 'flag';
  readonly help: string;
  /** Left out of the usage line (e.g. --help). */
  readonly hidden?: boolean;
}

export interface ValueOption<V> {
  readonly kind: 'value';
  /** Placeholder in the usage line: `N`, `MS`, or the allowed values. */
  readonly metavar: string;
  readonly help: string;
  /** Example value for the "needs a value" hint. */
  readonly example: string;
  /** Converts the raw text; throws {@link InvalidOptionValue}. */
  readonly parse: (raw: string) => V;
  readonly hidden?: boolean;
}

export type OptionSpec = FlagOption | ValueOption<unknown>;
export type OptionTable = Readonly<Record<string, OptionSpec>>;

/** The options given, typed from the table: flags are booleans, values are what `parse` returns. */
export type ParsedOptions<T extends OptionTable> = {
  -readonly [K in keyof T]?: T[K] extends ValueOption<infer V> ? V : boolean;
};

export interface ParsedArgs<T extends OptionTable> {
  readonly positionals: string[];
  readonly options: ParsedOptions<T>;
}

export function flag(help: string, hidden = false): FlagOption {
  return { kind: 'flag', help, hidden };
}

export function valueOption<V>(
  metavar: string,
  help: string,
  example: string,
  parse: (raw: string) => V,
): ValueOption<V> {
  return { kind: 'value', metavar, help, example, parse };
}

/** A whole number in [min, max], written as digits (so min must be ≥ 0). */
export function integer(min: number, max: number): (raw: string) => number {
  return (raw) => {
    const hint = `use an integer ${min}..${max}`;
    if (!/^\d+$/.test(raw)) throw new InvalidOptionValue(`"${raw}" is not a whole number`, hint);
    const n = Number(raw);
    if (n < min || n > max) throw new InvalidOptionValue(`${raw} is out of range`, hint);
    return n;
  };
}

/** A non-negative decimal number of milliseconds, at most `max`. */
export function milliseconds(max: number): (raw: string) => number {
  return (raw) => {
    const n = /^\d+(\.\d+)?$/.test(raw) ? Number(raw) : NaN;
    if (!(n <= max)) {
      throw new InvalidOptionValue(
        `"${raw}" is not a virtual time in milliseconds`,
        `use a number 0..${max}, such as 5000`,
      );
    }
    return n;
  };
}

/** A decimal number of milliseconds above 0, at most `max` (an interval). */
export function positiveMilliseconds(max: number): (raw: string) => number {
  const parse = milliseconds(max);
  return (raw) => {
    const n = parse(raw);
    if (n === 0) throw new InvalidOptionValue('must be more than 0 ms', `use a number above 0, such as 1000`);
    return n;
  };
}

/** One of a fixed list of words. */
export function oneOf<const W extends string>(words: readonly W[], what: string): (raw: string) => W {
  return (raw) => {
    if (!(words as readonly string[]).includes(raw)) {
      throw new InvalidOptionValue(`"${raw}" is not a supported ${what}`, `use ${words.join(' or ')}`);
    }
    return raw as W;
  };
}

/**
 * Parses `argv` (without the node and script paths). Accepts `--name value`, `--name=value`, flags,
 * and `--` to end options. Throws a usage {@link CliError} for an unknown option, a missing or
 * invalid value, or an option given twice.
 */
export function parseArgs<T extends OptionTable>(argv: readonly string[], table: T): ParsedArgs<T> {
  const positionals: string[] = [];
  const options: Record<string, unknown> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = (eq >= 0 ? arg.slice(0, eq) : arg).replace(/^--?/, '');
    const spec = Object.hasOwn(table, name) ? table[name] : undefined;
    const shown = `--${name}`;
    if (!spec)
      throw unknownOption(arg.startsWith('--') ? shown : arg.slice(0, eq >= 0 ? eq : undefined), table);
    if (Object.hasOwn(options, name)) {
      throw CliError.usage(shown, 'given more than once', 'give each option once');
    }
    if (spec.kind === 'flag') {
      if (eq >= 0) throw CliError.usage(shown, 'takes no value', `write just ${shown}`);
      options[name] = true;
      continue;
    }
    let raw: string | undefined;
    if (eq >= 0) raw = arg.slice(eq + 1);
    else if (i + 1 < argv.length && !argv[i + 1]!.startsWith('--')) raw = argv[++i];
    if (raw === undefined || raw === '') {
      throw CliError.usage(shown, 'needs a value', `for example ${shown} ${spec.example}`);
    }
    try {
      options[name] = spec.parse(raw);
    } catch (e) {
      if (e instanceof InvalidOptionValue) throw CliError.usage(shown, e.message, e.hint);
      throw e;
    }
  }
  return { positionals, options: options as ParsedOptions<T> };
}

/** `[--semantics at-most-once] [--seed N] [--json]`, from the table. */
export function usageOptions(table: OptionTable): string {
  return Object.entries(table)
    .filter(([, spec]) => !spec.hidden)
    .map(([name, spec]) => (spec.kind === 'flag' ? `[--${name}]` : `[--${name} ${spec.metavar}]`))
    .join(' ');
}

/** One line per option: name, placeholder and help, aligned. */
export function describeOptions(table: OptionTable): string[] {
  const rows = Object.entries(table).map(([name, spec]) => [
    spec.kind === 'flag' ? `--${name}` : `--${name} ${spec.metavar}`,
    spec.help,
  ]);
  const width = Math.max(...rows.map(([left]) => left!.length));
  return rows.map(([left, help]) => `  ${left!.padEnd(width)}  ${help}`);
}

function unknownOption(shown: string, table: OptionTable): CliError {
  const names = Object.keys(table);
  const bare = shown.replace(/^--?/, '');
  const close = bare ? names.find((n) => editDistance(n, bare) <= 2 || n.startsWith(bare)) : undefined;
  const hint = close
    ? `did you mean --${close}?`
    : `the options are ${names.map((n) => `--${n}`).join(', ')}`;
  return CliError.usage(shown, 'unknown option', hint);
}

/** Levenshtein distance, for "did you mean". */
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row.push(Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
    }
    prev = row;
  }
  return prev[b.length]!;
}
