/**
 * Resources monitors makes for itself (today: the chat forwarder's function, role, queue, invoke
 * permissions, its log group and the topics' subscriptions to it). People declare a `slack:` line,
 * not these: rule tests, the counts people read, the delete guards and import leave them out.
 */
import type { DesiredStack } from '../model/stack';
import type { ResourceSpec } from '../model/resources';
import { forwarderNames, logGroupOf } from './forwarder-function/names';

const FORWARDER_KINDS: ReadonlySet<ResourceSpec['kind']> = new Set([
  'forwarderFunction',
  'forwarderRole',
  'forwarderQueue',
  'forwarderPermission',
]);

/**
 * Whether a spec (desired or live) is one of the stack's own derived resources. `stacks` are the
 * stack's name and its former names: a forwarder made under a former name is derived too.
 */
export function madeByMonitors(spec: ResourceSpec, stacks: readonly string[]): boolean {
  if (FORWARDER_KINDS.has(spec.kind)) return true;
  // The function's name does not depend on the region (only the role's does).
  const functions = stacks.map((s) => forwarderNames(s, '').function);
  if (spec.kind === 'logGroup') return functions.some((f) => spec.name === logGroupOf(f));
  if (spec.kind === 'subscription' && spec.protocol === 'lambda')
    return functions.some((f) => spec.endpoint.endsWith(`:function:${f}`));
  return false;
}

/** How many resources a stack declares, and how many monitors adds for itself: the counts people read. */
export function resourceCounts(stack: DesiredStack): { readonly declared: number; readonly derived: number } {
  const stacks = [stack.settings.name, ...(stack.settings.formerNames ?? [])];
  const derived = stack.resources.filter((r) => madeByMonitors(r.spec, stacks)).length;
  return { declared: stack.resources.length - derived, derived };
}

/** "7 resources", or "3 resources (and 6 for the chat forwarder)". */
export function resourceCountText(stacks: readonly DesiredStack[]): string {
  const counts = stacks.map(resourceCounts);
  const declared = counts.reduce((n, c) => n + c.declared, 0);
  const derived = counts.reduce((n, c) => n + c.derived, 0);
  return `${declared} resources${derived > 0 ? ` (and ${derived} for the chat forwarder)` : ''}`;
}
