import type { CliOptions } from '../cli/args';
import { defaultChainRegion } from '../aws/default-region';
import { loadStack } from '../config/load';
import { declaredNames, iamPolicy, POLICY_LIMITS } from '../iam-policy';
import { formatDiagnostic } from '../model';

/**
 * `monitors iam-policy --mode plan|apply [--account-id ID] [dir]`: prints the policy JSON for the stack
 * in dir on stdout, and on stderr (IAM JSON has no comments) the files' warnings and what the apply
 * policy cannot check.
 */
export async function runIamPolicy(
  options: CliOptions,
  print: (line: string) => void,
  env: NodeJS.ProcessEnv,
  note: (line: string) => void = () => undefined,
): Promise<number> {
  const stack = await loadStack(options.directory, {
    env,
    regionOverride: options.region,
    defaultRegion: () => defaultChainRegion(env),
    checkOnly: true,
  });
  for (const w of stack.warnings) note(formatDiagnostic(w));
  const policy = iamPolicy(options.mode, {
    stack: stack.settings.name,
    // Without a region anywhere, the policy covers every region rather than guessing one.
    region: stack.settings.region || undefined,
    accountId: options.accountId,
    declared: declaredNames(stack.resources),
    formerNames: stack.settings.formerNames,
    packs: stack.packs,
  });
  print(JSON.stringify(policy, null, 2));
  const former = stack.settings.formerNames ?? [];
  if (former.length > 0)
    note(
      `Note: stack.formerNames (${former.join(', ')}): this policy also lets the stack re-tag and delete what ${former.length === 1 ? 'that name owns' : 'those names own'} (aws:ResourceTag/monitors:stack), and read ${former.length === 1 ? 'its' : 'their'} apply lock. A plan refuses a former name that is still in use; remove it from formerNames once the rename is applied.`,
    );
  if (options.mode === 'plan') return 0;
  if (options.accountId === undefined) {
    note('Note: no --account-id, so the ARNs match any account ("*"). Pass the account the role lives in.');
  }
  for (const limit of POLICY_LIMITS) note(`Note: ${limit}`);
  return 0;
}
