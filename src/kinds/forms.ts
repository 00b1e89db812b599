import type { DesiredResource } from '../model';
import type { YamlForm } from './build';
import { mergeForwarders } from './forwarder-function/build';
import { compositeAlarmsForm } from './composite-alarm/build';
import { logGroupsForm } from './log-group/build';
import { alarmsForm } from './metric-alarm/build';
import { metricFiltersForm } from './metric-filter/build';
import { monitorsForm } from './shared/monitor-build';
import { topicsForm } from './topic/build';

/** The sections of a monitors file, in the order they are built (diagnostics come out in this order). */
export const YAML_FORMS: readonly YamlForm[] = [
  topicsForm,
  logGroupsForm,
  metricFiltersForm,
  alarmsForm,
  monitorsForm,
  compositeAlarmsForm,
];

/** What the forms built per file, as one stack: the chat forwarder each file derived becomes the stack's one. */
export function mergeStackResources(resources: readonly DesiredResource[]): DesiredResource[] {
  return mergeForwarders(resources);
}
