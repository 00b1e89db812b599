import type { CliOptions } from '../cli/args';
import { loadStack } from '../config/load';
import { iamPolicy } from '../iam-policy';

/** `monitors iam-policy --mode plan|apply [dir]`: prints the policy JSON for the stack in dir. */
export async function runIamPolicy(
  options: CliOptions,
  print: (line: string) => void,
  env: NodeJS.ProcessEnv,
): Promise<number> {
  const stack = await loadStack(options.directory, { env, regionOverride: options.region });
  print(
    JSON.stringify(iamPolicy(options.mode, { stack: stack.settings.name, region: stack.settings.region }), null, 2),
  );
  return 0;
}
