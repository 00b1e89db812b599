import { optionalDirectory, parseCommandLine } from '../cli/command-line';
import { loadStack } from '../config/load';
import { declaredNames, iamPolicy } from '../iam-policy';
import { rolesTemplate } from '../setup/roles-template';

export const ROLES_TEMPLATE_HELP = `Usage: monitors roles-template [dir]

Prints a CloudFormation template (YAML) for the stack in dir (default ./monitors): the GitHub OIDC
provider (optional), the plan role and the apply role, each with the policy of "monitors iam-policy"
and the trust conditions (pull requests and the default branch → plan; the "monitors" environment →
apply). Deploy it with "aws cloudformation deploy" (see the header it prints). Makes no AWS call.`;

/** `monitors roles-template [dir]`: the roles template for the stack in dir, on stdout. */
export async function runRolesTemplate(
  argv: readonly string[],
  print: (text: string) => void,
  env: NodeJS.ProcessEnv,
): Promise<number> {
  const parsed = parseCommandLine('roles-template', argv, { help: { type: 'boolean', short: 'h', default: false } });
  if (parsed.values.help) {
    print(ROLES_TEMPLATE_HELP);
    return 0;
  }
  const directory = optionalDirectory(parsed.positionals);
  const stack = await loadStack(directory ?? 'monitors', { env });
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
