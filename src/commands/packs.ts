import { parseCommandLine } from '../cli/command-line';
import { MonitorsError } from '../model';
import { describeService, listServices } from '../kinds/pack/describe';

export const PACKS_HELP = `Usage: monitors packs [SERVICE]

Lists the services that have an alarm pack (AWS's recommended alarms, from the CloudWatch user guide's
"Recommended alarms"), and with SERVICE each recommendation in full: metric, statistic, threshold (AWS's
number, a rule read from each resource, or none: then the pack needs yours), period, datapoints,
missing-data treatment and source. Use them in a monitors file under packs: (docs/packs.md). No AWS call.`;

/** `monitors packs [SERVICE]`: the catalog, or one service's recommendations. */
export function runPacks(argv: readonly string[], print: (line: string) => void): number {
  const parsed = parseCommandLine('packs', argv, { help: { type: 'boolean', short: 'h', default: false } });
  if (parsed.values.help) {
    print(PACKS_HELP);
    return 0;
  }
  if (parsed.positionals.length > 1)
    throw new MonitorsError('USAGE', `expected at most one service, got: ${parsed.positionals.join(' ')}`);
  const service = parsed.positionals[0];
  for (const line of service === undefined ? listServices() : describeService(service)) print(line);
  return 0;
}
