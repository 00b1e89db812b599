/**
 * Mute rules are owned by name, as saved queries are: `monitors.<stack>.<name>`. A stack name has no
 * dots, so the owner is the text between the first two. The listing (ListAlarmMuteRules) gives no
 * tags, IAM can scope the writes to the stack's prefix exactly, and `apply --settle`'s own rules
 * (`monitors-settle-<stack>-…`, src/settle/bounds.ts) never match it: they are neither read as this
 * kind's nor deleted as drift.
 */
export const MUTE_RULE_ROOT = 'monitors.';

/** "You can specify up to 100 alarm names" (MuteTargets.AlarmNames). */
export const MAX_MUTE_TARGETS = 100;

/** AWS's limit on a mute rule's name. */
export const MAX_MUTE_RULE_NAME = 255;

/** The AWS name of a mute rule of the stack. */
export function muteRuleAwsName(stack: string, name: string): string {
  return `${MUTE_RULE_ROOT}${stack}.${name}`;
}

/** The stack a mute rule's name says owns it, if it is one of monitors' names. */
export function muteRuleOwner(awsName: string): string | undefined {
  if (!awsName.startsWith(MUTE_RULE_ROOT)) return undefined;
  const rest = awsName.slice(MUTE_RULE_ROOT.length);
  const dot = rest.indexOf('.');
  return dot > 0 && dot < rest.length - 1 ? rest.slice(0, dot) : undefined;
}

/** The name in the files of a rule of this stack. */
export function muteRuleYamlName(stack: string, awsName: string): string | undefined {
  const prefix = muteRuleAwsName(stack, '');
  return awsName.startsWith(prefix) ? awsName.slice(prefix.length) : undefined;
}

/** A rule's name from its ARN (`arn:aws:cloudwatch:<region>:<account>:alarm-mute-rule:<name>`). */
export function muteRuleNameOfArn(arn: string): string | undefined {
  const marker = ':alarm-mute-rule:';
  const at = arn.indexOf(marker);
  return at < 0 ? undefined : arn.slice(at + marker.length) || undefined;
}
