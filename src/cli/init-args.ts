import * as path from 'path';
import { optionalDirectory, parseCommandLine } from './command-line';
import { commandHelp } from './table';
import { stackNameFrom, type StarterOptions } from '../init/starter';

/** `monitors init --help`, from the option table. */
export const INIT_HELP = commandHelp('init');

/** Parses `monitors init ...` (argv after "init"); `help` when asked for it. */
export function parseInitArgs(
  argv: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
): StarterOptions | { readonly help: true } {
  const parsed = parseCommandLine('init', argv);
  if (parsed.flag('help')) return { help: true };
  const directory = optionalDirectory(parsed.positionals);
  const stack = parsed.str('stack') ?? stackNameFrom(path.basename(cwd));
  return {
    directory: (directory ?? 'monitors').replace(/\/+$/, ''),
    stack,
    region: parsed.str('region') ?? (env.AWS_REGION || 'us-east-1'),
    logGroup: parsed.str('log-group') ?? `/${stack}/app`,
    email: parsed.str('email') ?? 'oncall@example.com',
  };
}
