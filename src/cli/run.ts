import { writeFileSync } from 'fs';
import { MonitorsError, formatDiagnostic, ConfigError, neutraliser, visibleLines, visible } from '../model';
import { HELP, parseCliArgs, type CliOptions } from './args';
import { INIT_HELP, parseInitArgs } from './init-args';
import { packageInfo } from '../package-info';
import type { CliIo } from './io';

// Each command's module (and the AWS SDK packages it needs) is loaded only when that command runs:
// `validate` never pays for the SDK clients, which cost every command ~70 ms at start-up.
const commands = {
  validate: () => import('../commands/validate'),
  plan: () => import('../commands/plan'),
  iamPolicy: () => import('../commands/iam-policy'),
  test: () => import('../commands/test'),
  forceUnlock: () => import('../commands/force-unlock'),
  savedPlan: () => import('../saved-plan/cli'),
  match: () => import('../commands/match-cli'),
  backtest: () => import('../backtest/cli'),
  init: () => import('../commands/init'),
  rolesTemplate: () => import('../commands/roles-template'),
  import: () => import('../commands/import'),
  emulator: () => import('../commands/emulator'),
  packs: () => import('../commands/packs'),
};

export type { CliIo };

/** The error's stack and its causes' (the SDK's own error, for an AWS failure). */
function debugTrace(err: unknown, depth = 0): string {
  if (!(err instanceof Error) || depth > 5) return '';
  const cause = (err as { cause?: unknown }).cause;
  return `${err.stack ?? err.message}${cause ? `\nCaused by: ${debugTrace(cause, depth + 1)}` : ''}`;
}

/**
 * A stream whose text is written with workflow commands neutralised (model/visible.ts): in a GitHub
 * job, everything the CLI prints is read by the runner, and a line of a plan must never be a command.
 */
function commandSafe<S extends NodeJS.WritableStream>(stream: S): S {
  const clean = neutraliser();
  return new Proxy(stream, {
    get(target, prop, receiver) {
      if (prop !== 'write') {
        const value = Reflect.get(target, prop, receiver) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      }
      return (chunk: unknown, ...rest: unknown[]) =>
        (target.write as (...a: unknown[]) => boolean)(
          typeof chunk === 'string' ? clean(chunk) : Buffer.isBuffer(chunk) ? clean(chunk.toString('utf8')) : chunk,
          ...rest,
        );
    },
  });
}

/** Runs one CLI invocation and returns its exit code; typed errors become one clear message each. */
export async function runCli(argv: readonly string[], rawIo: CliIo): Promise<number> {
  const io: CliIo = { ...rawIo, stdout: commandSafe(rawIo.stdout), stderr: commandSafe(rawIo.stderr) };
  return runCliSafely(argv, io);
}

async function runCliSafely(argv: readonly string[], io: CliIo): Promise<number> {
  const print = (line: string) => io.stdout.write(`${line}\n`);
  const printErr = (line: string) => io.stderr.write(`${line}\n`);
  try {
    // init and roles-template take none of the shared options, so they are dispatched before the shared parser.
    if (argv[0] === 'init') {
      const init = parseInitArgs(argv.slice(1), process.cwd(), io.env);
      if ('help' in init) print(INIT_HELP);
      else for (const line of (await commands.init()).runInit(init, process.cwd())) print(line);
      return 0;
    }
    if (argv[0] === 'roles-template') {
      return await (
        await commands.rolesTemplate()
      ).runRolesTemplate(argv.slice(1), (text) => io.stdout.write(text), io.env);
    }
    // `match` takes a pattern and a file, not a directory: it parses its own arguments.
    // `packs` takes a service name, not a directory.
    if (argv[0] === 'packs') return (await commands.packs()).runPacks(argv.slice(1), print);
    if (argv[0] === 'match') return await (await commands.match()).runMatchCli(argv.slice(1), io);
    // `backtest` has its own budget flags; it parses its own arguments too.
    if (argv[0] === 'backtest') return await (await commands.backtest()).runBacktestCli(argv.slice(1), io);
    // `emulator` runs a local AWS for trying monitors out; it takes none of the shared options.
    if (argv[0] === 'emulator') return await (await commands.emulator()).runEmulator(argv.slice(1), io);
    const parsed = parseCliArgs(argv);
    if ('version' in parsed) {
      print(packageInfo().version);
      return 0;
    }
    if (parsed.help) {
      print(HELP[parsed.command ?? 'main']);
      return 0;
    }
    const options = parsed as CliOptions;
    switch (options.command) {
      case 'validate':
        return await (
          await commands.validate()
        ).runValidate(options.directory, print, io.env, options.format === 'json' ? 'json' : 'text');
      case 'test':
        // The option table allows only text and json for test; this keeps the type narrow.
        if (options.format === 'markdown')
          throw new MonitorsError('USAGE', 'monitors test --format: expected text or json');
        return await (
          await commands.test()
        ).runTestCommand(options.directory, options.format, print, io.env, {
          scaffoldSlos: options.scaffoldSlos,
        });
      case 'iam-policy':
        return await (await commands.iamPolicy()).runIamPolicy(options, print, io.env, printErr);
      case 'force-unlock':
        return await (await commands.forceUnlock()).runForceUnlock(options, io);
      case 'import':
        return await (await commands.import()).runImportCommand(options, io);
      case 'apply':
        return await (await commands.savedPlan()).runApplyCommand(options, io);
      case 'plan':
      case 'reconcile':
        return await (await commands.plan()).runPlanCommand(options, io, (path, text) => writeFileSync(path, text));
    }
  } catch (err) {
    if (err instanceof ConfigError) {
      for (const d of err.diagnostics) printErr(formatDiagnostic(d));
      printErr(err.message);
      return 1;
    }
    if (err instanceof MonitorsError) {
      printErr(`Error: ${visibleLines(err.message)}`);
      // --debug: what a bug report needs; never by default (the message above names the call).
      if (argv.includes('--debug')) for (const line of debugTrace(err).split('\n')) printErr(visible(line));
      return 1;
    }
    printErr(`Internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    return 1;
  }
}
