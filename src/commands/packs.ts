import { parseCommandLine } from '../cli/command-line';
import { commandHelp } from '../cli/table';
import { MonitorsError } from '../model';
import { describeService, listServices } from '../kinds/pack/describe';

/** `monitors packs [SERVICE]`: the catalog, or one service's recommendations. */
export function runPacks(argv: readonly string[], print: (line: string) => void): number {
  const parsed = parseCommandLine('packs', argv);
  if (parsed.flag('help')) {
    print(commandHelp('packs'));
    return 0;
  }
  if (parsed.positionals.length > 1)
    throw new MonitorsError('USAGE', `expected at most one service, got: ${parsed.positionals.join(' ')}`);
  const service = parsed.positionals[0];
  for (const line of service === undefined ? listServices() : describeService(service)) print(line);
  return 0;
}
