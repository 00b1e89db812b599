import * as path from 'path';
import { optionalDirectory, parseCommandLine } from './command-line';
import { stackNameFrom, type StarterOptions } from '../init/starter';

export const INIT_HELP = `Usage: monitors init [options] [dir]

Writes a starter stack into dir (default ./monitors): a log group, a metric filter counting lines with
ERROR, an alarm at 2 or more a minute, and an SNS topic that e-mails on-call; and the three workflows
(.github/workflows/monitors-plan.yml, -apply.yml, -drift.yml) using the released action. Run it at the
root of your repository. It never overwrites: if any of those files exists, it writes nothing.

Options:
  --log-group NAME        The log group to watch (default /<stack>/app)
  --email ADDR            Who the alarm e-mails (default oncall@example.com: change it)
  --stack NAME            The stack's name (default: this directory's name)
  --region R              The AWS region (default: AWS_REGION, else us-east-1)
  -h, --help              Show this help`;

/** Parses `monitors init ...` (argv after "init"); `help` when asked for it. */
export function parseInitArgs(
  argv: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
): StarterOptions | { readonly help: true } {
  const parsed = parseCommandLine('init', argv, {
    'log-group': { type: 'string' },
    email: { type: 'string' },
    stack: { type: 'string' },
    region: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  });
  const v = parsed.values;
  if (v.help) return { help: true };
  const directory = optionalDirectory(parsed.positionals);
  const stack = v.stack ?? stackNameFrom(path.basename(cwd));
  return {
    directory: (directory ?? 'monitors').replace(/\/+$/, ''),
    stack,
    region: v.region ?? (env.AWS_REGION || 'us-east-1'),
    logGroup: v['log-group'] ?? `/${stack}/app`,
    email: v.email ?? 'oncall@example.com',
  };
}
