import type { DesiredResource } from '../model';
import type { StackForm, YamlForm } from './build';
import { mergeForwarders } from './forwarder-function/build';
import { compositeAlarmsForm } from './composite-alarm/build';
import { dashboardsForm } from './dashboard/build';
import { overviewForm } from './dashboard/overview';
import { logGroupsForm } from './log-group/build';
import { alarmsForm } from './metric-alarm/build';
import { metricFiltersForm } from './metric-filter/build';
import { packsForm } from './pack/build';
import { subscriptionFiltersForm } from './subscription-filter/build';
import { savedQueriesForm } from './query-definition/build';
import { monitorsForm } from './shared/monitor-build';
import { slosForm } from './slo/build';
import { topicsForm } from './topic/build';
import { anomalyDetectorsForm } from './anomaly-detector/build';

/** The sections of a monitors file, in the order they are built (diagnostics come out in this order). */
export const YAML_FORMS: readonly YamlForm[] = [
  topicsForm,
  logGroupsForm,
  metricFiltersForm,
  subscriptionFiltersForm,
  alarmsForm,
  monitorsForm,
  compositeAlarmsForm,
  slosForm,
  dashboardsForm,
  packsForm,
  savedQueriesForm,
  anomalyDetectorsForm,
];

/** What the forms built per file, as one stack: the chat forwarder each file derived becomes the stack's one. */
export function mergeStackResources(resources: readonly DesiredResource[]): DesiredResource[] {
  return mergeForwarders(resources);
}
/**
 * Keys whose values may span lines wherever they appear (block scalars: a description, a composite
 * rule): every form's own, so config/text-checks.ts holds none.
 */
export const PROSE_KEYS: ReadonlySet<string> = new Set(YAML_FORMS.flatMap((form) => form.proseKeys ?? []));

/** Keys of the `stack:` block that build resources from the whole stack, in this order (config/load.ts). */
export const STACK_FORMS: readonly StackForm[] = [overviewForm];
