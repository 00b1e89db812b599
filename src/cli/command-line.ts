import { parseArgs } from 'util';
import { MonitorsError } from '../model';
import { didYouMean } from '../config/suggest';
import { excerpt, visible } from '../model/visible';
import { COMMAND_OPTIONS, OPTIONS, type AnyCommand, type OptionName, type OptionSpec } from './table';

/** The flags one command line gave, by name; absent flags read as undefined. */
export interface CommandLine {
  readonly positionals: readonly string[];
  str(name: OptionName): string | undefined;
  flag(name: OptionName): boolean;
  list(name: OptionName): readonly string[];
}

/** The table's flag an argv word names ("--yes", "--region=x", "-y"), or the word's flag text when none does. */
function flagOf(word: string): { readonly name?: OptionName; readonly shown: string } | undefined {
  const long = /^--([^=]+)/.exec(word)?.[1];
  if (long !== undefined) return { ...(long in OPTIONS ? { name: long as OptionName } : {}), shown: `--${long}` };
  const short = /^-([^-])/.exec(word)?.[1];
  if (short === undefined) return undefined;
  const name = (Object.keys(OPTIONS) as OptionName[]).find((n) => (OPTIONS[n] as OptionSpec).short === short);
  return { ...(name ? { name } : {}), shown: `-${short}` };
}

/** The one message for a flag a command does not take: what was given, the likely one, and the command's flags. */
function notAnOption(command: AnyCommand, shown: string): MonitorsError {
  const accepted = COMMAND_OPTIONS[command].map((o) => `--${o}`);
  // A flag cut short ("--endpoint" for "--endpoint-url") is the likeliest typo; else the closest spelling.
  const prefixed = accepted.filter((o) => o.startsWith(shown) && shown.length >= 4);
  const hint =
    prefixed.length === 1
      ? ` (did you mean "${prefixed[0]}"?)`
      : didYouMean(shown, accepted).replace(/^; (.*)$/, ' ($1)');
  return new MonitorsError(
    'USAGE',
    `monitors ${command} does not take ${visible(shown.slice(0, 60))}${hint}; its options are: ${accepted.join(', ')}`,
  );
}

/**
 * Parses a command's arguments with the flags the option table gives it (src/cli/table.ts): strict,
 * with positionals. Every usage mistake, for every command, reads the same way: an unknown or foreign
 * flag names the likely one and the command's flags; a missing value names the flag and its form.
 */
export function parseCommandLine(command: AnyCommand, argv: readonly string[]): CommandLine {
  const accepted = COMMAND_OPTIONS[command];
  // Only what parseArgs reads: the table's `default` is for people (docs/cli.md); an absent flag stays undefined.
  const options = Object.fromEntries(
    accepted.map((n) => {
      const { type, short, multiple } = OPTIONS[n] as OptionSpec;
      return [n, { type, ...(short ? { short } : {}), ...(multiple ? { multiple } : {}) }];
    }),
  );
  for (const [i, word] of argv.entries()) {
    if (word === '--') break;
    // "-" alone is a positional (standard input); a negative number is a value ("--default -1").
    if (!word.startsWith('-') || word === '-' || /^-\d/.test(word)) continue;
    const previous = argv[i - 1] === undefined ? undefined : flagOf(argv[i - 1] as string);
    const previousTakesValue =
      previous?.name !== undefined &&
      accepted.includes(previous.name) &&
      OPTIONS[previous.name].type === 'string' &&
      !(argv[i - 1] as string).includes('=');
    if (previousTakesValue) continue;
    const given = flagOf(word);
    if (given && (given.name === undefined || !accepted.includes(given.name)))
      throw notAnOption(command, given.name === undefined ? given.shown : `--${given.name}`);
  }
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, strict: true, options });
  } catch (err) {
    const missing = /^Option '(-\w, )?(--[\w-]+) <value>' argument missing/.exec((err as Error).message)?.[2];
    if (missing !== undefined) {
      const spec = OPTIONS[missing.slice(2) as OptionName] as OptionSpec | undefined;
      throw new MonitorsError(
        'USAGE',
        `monitors ${command}: ${missing} needs a value (${missing} ${spec?.arg ?? 'VALUE'}). Run "monitors ${command} --help".`,
      );
    }
    throw new MonitorsError(
      'USAGE',
      `monitors ${command}: ${(err as Error).message} Run "monitors ${command} --help".`,
    );
  }
  const values = parsed.values as Partial<Record<OptionName, string | boolean | string[]>>;
  return {
    positionals: parsed.positionals,
    str: (n) => values[n] as string | undefined,
    flag: (n) => values[n] === true,
    list: (n) => (values[n] as string[] | undefined) ?? [],
  };
}

/** The one message for a flag's value that is not one of its choices. */
export function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new MonitorsError(
    'USAGE',
    `--${flag} ${excerpt(value)} is not valid: expected one of ${allowed.join(', ')}${didYouMean(value, allowed)}`,
  );
}

/** The one optional directory a command takes as its positional. */
export function optionalDirectory(positionals: readonly string[]): string | undefined {
  if (positionals.length > 1) {
    throw new MonitorsError('USAGE', `expected at most one directory, got: ${positionals.join(' ')}`);
  }
  return positionals[0];
}
