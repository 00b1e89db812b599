import type { DesiredResource } from '../model';
import type { StackForm, YamlForm } from './build';
import { MODULES } from './registry';

/** The sections of a monitors file, in the order they are built (the modules' order, kinds/registry.ts). */
export const YAML_FORMS: readonly YamlForm[] = MODULES.flatMap((m) => m.forms ?? []);

/** What the forms built per file, as one stack: each module's merge in turn (the chat forwarder's). */
export function mergeStackResources(resources: readonly DesiredResource[]): DesiredResource[] {
  return MODULES.reduce<DesiredResource[]>((rs, m) => (m.mergeStack ? m.mergeStack(rs) : rs), [...resources]);
}

/**
 * Keys whose values may span lines wherever they appear (block scalars: a description, a composite
 * rule): every form's own, so config/text-checks.ts holds none.
 */
export const PROSE_KEYS: ReadonlySet<string> = new Set(YAML_FORMS.flatMap((form) => form.proseKeys ?? []));

/** Keys of the `stack:` block that build resources from the whole stack, in this order (config/load.ts). */
export const STACK_FORMS: readonly StackForm[] = MODULES.flatMap((m) => m.stackForms ?? []);
