/**
 * Dashboards are owned by a name scheme, as metric filters are: `monitors_<stack>_<region>_<name>`.
 * CloudWatch now accepts tags on dashboards, but a name scheme fits them better: the reader lists
 * only the stack's own (ListDashboards by prefix) without a tag read per dashboard, and IAM can fence
 * the apply role to the prefix by ARN. Dashboards are account-wide, not regional: the region in the
 * name keeps one stack planned in two regions from fighting over one dashboard. Stack names and
 * regions contain no underscore, so the prefix parses back unambiguously.
 */
const PREFIX = 'monitors_';

/** The prefix of every dashboard a stack owns in a region (what ListDashboards is asked for). */
export function dashboardPrefix(stack: string, region: string): string {
  return `${PREFIX}${stack}_${region}_`;
}

/** The AWS name of a dashboard declared as `name`. */
export function dashboardAwsName(stack: string, region: string, name: string): string {
  return `${dashboardPrefix(stack, region)}${name}`;
}

/** The prefix every monitors dashboard shares: the reader lists these only. */
export const ANY_STACK_PREFIX = PREFIX;

const OWNED = /^monitors_([a-z][a-z0-9-]*)_([a-z]{2}(?:-[a-z]+)+-[0-9])_(.+)$/;

/** The stack and region a dashboard's AWS name carries, or undefined when no stack made it. */
export function dashboardOwner(awsName: string): { readonly stack: string; readonly region: string } | undefined {
  const m = OWNED.exec(awsName);
  return m ? { stack: m[1] as string, region: m[2] as string } : undefined;
}

/** AWS's limits on a dashboard's name: 255 characters of A-Z, a-z, 0-9, "-" and "_". */
export const MAX_NAME = 255;
