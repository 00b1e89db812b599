import type { CliOptions } from '../cli/args';
import { loadStack } from '../config/load';
import { declaredNames, iamPolicy } from '../iam-policy';

/** `monitors iam-policy --mode plan|apply [--account-id ID] [dir]`: prints the policy JSON for the stack in dir. */
export async function runIamPolicy(
  options: CliOptions,
  print: (line: string) => void,
  env: NodeJS.ProcessEnv,
): Promise<number> {
  const stack = await loadStack(options.directory, { env, regionOverride: options.region });
  const policy = iamPolicy(options.mode, {
    stack: stack.settings.name,
    region: stack.settings.region,
    accountId: options.accountId,
    declared: declaredNames(stack.resources),
  });
  print(JSON.stringify(policy, null, 2));
  return 0;
}
