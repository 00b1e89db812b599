/** The IAM actions the sources call, read from their SDK imports: no hand-kept list to forget. */
import { existsSync, readdirSync, readFileSync } from 'fs';
import * as path from 'path';

const PREFIX: Readonly<Record<string, string>> = {
  'client-cloudwatch': 'cloudwatch',
  'client-cloudwatch-logs': 'logs',
  'client-sns': 'sns',
  'client-sts': 'sts',
  'client-ssm': 'ssm',
  'client-resource-groups-tagging-api': 'tag',
  'client-lambda': 'lambda',
  'client-sqs': 'sqs',
  'client-iam': 'iam',
};

/** IAM actions for the SDK commands the files of src/<dir> import, e.g. "logs:PutMetricFilter". */
export function actionsUsedBy(dir: string, only: (file: string) => boolean): Set<string> {
  const out = new Set<string>();
  const root = path.join(__dirname, '..', '..', 'src', dir);
  if (!existsSync(root)) return out;
  // Recursive: each kind is a folder under src/kinds.
  const files = (readdirSync(root, { recursive: true }) as string[]).filter((f) => only(path.basename(f)));
  for (const file of files) {
    const text = readFileSync(path.join(root, file), 'utf8');
    for (const m of text.matchAll(/import\s*\{([^}]*)\}\s*from\s*'@aws-sdk\/([a-z-]+)'/g)) {
      const prefix = PREFIX[m[2] as string];
      if (!prefix) continue;
      for (const name of (m[1] as string).split(',')) {
        // A command, or the SDK's paginator of one (paginateDescribeAlarms sends DescribeAlarms).
        const trimmed = name.trim().replace(/^type\s+/, '');
        const command = /(\w+)Command\b/.exec(trimmed) ?? /^paginate(\w+)$/.exec(trimmed);
        if (command && !name.includes('type ')) out.add(`${prefix}:${command[1]}`);
      }
    }
  }
  return out;
}

/** Every read the plan makes (the readers, the account lookup, the backtest's history reads, the live checks). */
export const planCalls = (): Set<string> =>
  new Set([
    ...actionsUsedBy('aws', (f) => f.startsWith('read-') || f === 'account.ts'),
    ...actionsUsedBy('kinds', isKindReader),
    ...actionsUsedBy('backtest', (f) => f.startsWith('fetch-')),
    ...actionsUsedBy('live-checks', (f) => f.endsWith('.ts')),
  ]);

// Each kind's live reader: kinds/<kind>/read.ts, or kinds/shared/<kinds>-read.ts for a shared one.
const isKindReader = (f: string) => f === 'read.ts' || f.endsWith('-read.ts');

/** Every call an apply makes: the handlers' writes and the applier's own calls (e.g. its lock). */
export const applyCalls = (): Set<string> =>
  new Set([
    ...actionsUsedBy('kinds', (f) => f.endsWith('.ts') && !isKindReader(f)),
    ...actionsUsedBy('apply', (f) => f.endsWith('.ts')),
    ...actionsUsedBy('settle', (f) => f.endsWith('.ts')),
  ]);
