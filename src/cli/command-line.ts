import { parseArgs, type ParseArgsConfig } from 'util';
import { MonitorsError } from '../model';

type CommandFlags = NonNullable<ParseArgsConfig['options']>;

/**
 * parseArgs for a command that keeps its own flags (init, match, backtest, roles-template): strict, with
 * positionals, and a usage mistake becomes a USAGE error that points at the command's help.
 */
export function parseCommandLine<const F extends CommandFlags>(command: string, argv: readonly string[], flags: F) {
  try {
    return parseArgs({ args: [...argv], allowPositionals: true, strict: true, options: flags });
  } catch (err) {
    throw new MonitorsError('USAGE', `${(err as Error).message}. Run "monitors ${command} --help".`);
  }
}

/** The one optional directory a command takes as its positional. */
export function optionalDirectory(positionals: readonly string[]): string | undefined {
  if (positionals.length > 1) {
    throw new MonitorsError('USAGE', `expected at most one directory, got: ${positionals.join(' ')}`);
  }
  return positionals[0];
}
