import type { CliOptions } from '../cli/args';
import { loadStack } from '../config/load';
import { declaredNames, iamPolicy, POLICY_LIMITS } from '../iam-policy';

/**
 * `monitors iam-policy --mode plan|apply [--account-id ID] [dir]`: prints the policy JSON for the stack
 * in dir on stdout, and on stderr (IAM JSON has no comments) what the apply policy cannot check.
 */
export async function runIamPolicy(
  options: CliOptions,
  print: (line: string) => void,
  env: NodeJS.ProcessEnv,
  note: (line: string) => void = () => undefined,
): Promise<number> {
  const stack = await loadStack(options.directory, { env, regionOverride: options.region });
  const policy = iamPolicy(options.mode, {
    stack: stack.settings.name,
    region: stack.settings.region,
    accountId: options.accountId,
    declared: declaredNames(stack.resources),
    formerNames: stack.settings.formerNames,
  });
  print(JSON.stringify(policy, null, 2));
  if (options.mode === 'plan') return 0;
  if (options.accountId === undefined) {
    note('Note: no --account-id, so the ARNs match any account ("*"). Pass the account the role lives in.');
  }
  for (const limit of POLICY_LIMITS) note(`Note: ${limit}`);
  return 0;
}
