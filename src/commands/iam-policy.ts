import type { CliOptions } from '../cli/args';
import { defaultChainRegion } from '../aws/default-region';
import { loadStack } from '../config/load';
import { formatDiagnostic } from '../model';
import { iamPolicy } from '../iam-policy';

/** `monitors iam-policy --mode plan|apply [dir]`: prints the policy JSON for the stack in dir. */
export async function runIamPolicy(
  options: CliOptions,
  print: (line: string) => void,
  env: NodeJS.ProcessEnv,
  printErr: (line: string) => void = () => undefined,
): Promise<number> {
  const stack = await loadStack(options.directory, {
    env,
    regionOverride: options.region,
    defaultRegion: () => defaultChainRegion(env),
    checkOnly: true,
  });
  // Warnings go to stderr: stdout is the policy JSON, which scripts pipe into aws iam.
  for (const w of stack.warnings) printErr(formatDiagnostic(w));
  // Without a region anywhere, the policy covers every region rather than guessing one.
  const region = stack.settings.region || undefined;
  print(JSON.stringify(iamPolicy(options.mode, { stack: stack.settings.name, region }), null, 2));
  return 0;
}
