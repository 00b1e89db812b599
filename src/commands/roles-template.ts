import { optionalDirectory, parseCommandLine } from '../cli/command-line';
import { commandHelp } from '../cli/table';
import { loadStack } from '../config/load';
import { declaredNames, iamPolicy } from '../iam-policy';
import { rolesTemplate } from '../setup/roles-template';

/** `monitors roles-template [dir]`: the roles template for the stack in dir, on stdout. */
export async function runRolesTemplate(
  argv: readonly string[],
  print: (text: string) => void,
  env: NodeJS.ProcessEnv,
): Promise<number> {
  const parsed = parseCommandLine('roles-template', argv);
  if (parsed.flag('help')) {
    print(`${commandHelp('roles-template')}\n`);
    return 0;
  }
  const directory = optionalDirectory(parsed.positionals);
  const stack = await loadStack(directory ?? 'monitors', { env, secretsOptional: true });
  // The account is the one the template is deployed in; the region is the stack's.
  const scope = {
    stack: stack.settings.name,
    region: stack.settings.region,
    accountId: '${AWS::AccountId}',
    declared: declaredNames(stack.resources),
    formerNames: stack.settings.formerNames,
    packs: stack.packs,
  };
  print(
    rolesTemplate({ stack: stack.settings.name, plan: iamPolicy('plan', scope), apply: iamPolicy('apply', scope) }),
  );
  return 0;
}
