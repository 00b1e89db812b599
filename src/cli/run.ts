import { writeFileSync } from 'fs';
import { MonitorsError, formatDiagnostic, ConfigError, visible } from '../model';
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
  packs: () => import('../commands/packs'),
};

export type { CliIo };

/** Runs one CLI invocation and returns its exit code; typed errors become one clear message each. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
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
        return await (await commands.test()).runTestCommand(options.directory, options.format, print, io.env);
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
      printErr(`Error: ${visible(err.message)}`);
      return 1;
    }
    printErr(`Internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    return 1;
  }
}
