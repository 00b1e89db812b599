import type { DesiredResource, DesiredStack } from '../../model';
import type { StackForm } from '../build';
import { PLACEHOLDER_ACCOUNT } from '../shared/alarm-actions-build';
import { normalizeBody, type Widget } from './body';
import { flow } from './layout';
import { dashboardAwsName } from './name';
import { sloWidgets } from '../slo/dashboard';
import { insightRuleWidgets } from '../insight-rule/dashboard';
import { PACK_TAG } from '../pack/declaration';

/** The overview's name under the stack's prefix; a declared dashboard of this name is a duplicate. */
export const OVERVIEW_NAME = 'overview';
/** AWS's limits: 500 widgets per dashboard, 100 alarms per alarm status widget. */
const MAX_WIDGETS = 500;
const ALARMS_PER_STATUS = 100;

/**
 * `stack.dashboard: true`: the dashboard the tool draws for the whole stack, rebuilt from the files on
 * every run (so it follows every alarm added or removed): a title, the state of every alarm, each SLO's
 * burn rate and error budget left, each Contributor Insights rule's contributors, and a graph per metric alarm (a monitor's included) with its threshold line.
 */
export function overviewBody(stack: string, region: string, resources: readonly DesiredResource[]): string {
  const arn = (name: string) => `arn:aws:cloudwatch:${region}:${PLACEHOLDER_ACCOUNT}:alarm:${name}`;
  const alarms = resources
    .flatMap((r) => (r.spec.kind === 'metricAlarm' || r.spec.kind === 'compositeAlarm' ? [r.spec] : []))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const graphed = alarms.filter((a) => a.kind === 'metricAlarm');
  const text = (markdown: string, height: number) => ({ type: 'text', width: 24, height, properties: { markdown } });
  const widgets: (Omit<Widget, 'x' | 'y'> & { width: number; height: number })[] = [
    text(
      `# ${stack} (${region})\nDrawn by monitors from the stack's files on every apply: edits made here are overwritten.`,
      2,
    ),
  ];
  // Alarms an alarm pack made get a status row per service (tagged PACK_TAG), after the stack's own.
  const rows = new Map<string, string[]>();
  for (const a of alarms) {
    const pack = a.tags[PACK_TAG];
    const title = pack === undefined ? 'Alarms' : `Pack ${pack}`;
    rows.set(title, [...(rows.get(title) ?? []), a.name]);
  }
  const ordered = [...rows].sort(([a], [b]) => (a === 'Alarms' ? -1 : b === 'Alarms' ? 1 : a.localeCompare(b)));
  for (const [title, names] of ordered)
    for (let i = 0; i < names.length; i += ALARMS_PER_STATUS) {
      const chunk = names.slice(i, i + ALARMS_PER_STATUS);
      widgets.push({
        type: 'alarm',
        width: 24,
        // A row of the status grid holds about four alarms.
        height: Math.min(12, 2 + Math.ceil(chunk.length / 4)),
        properties: {
          title: names.length > ALARMS_PER_STATUS ? `${title} (${i + 1}-${i + chunk.length})` : title,
          alarms: chunk.map(arn),
        },
      });
    }
  // Each SLO's burn rate and budget left, before the per-alarm graphs.
  widgets.push(...sloWidgets(resources, region));
  // Each Contributor Insights rule's contributors.
  widgets.push(...insightRuleWidgets(resources, region));
  const room = MAX_WIDGETS - widgets.length - 1;
  for (const a of graphed.slice(0, room))
    widgets.push({
      type: 'metric',
      width: 8,
      height: 6,
      properties: { title: a.name, region, annotations: { alarms: [arn(a.name)] } },
    });
  if (graphed.length > room)
    widgets.push(
      text(
        `${graphed.length - room} more alarms are not graphed: a dashboard holds at most ${MAX_WIDGETS} widgets.`,
        2,
      ),
    );
  const placed = flow(widgets);
  return normalizeBody(JSON.stringify({ widgets: widgets.map((w, i) => ({ ...w, ...placed[i] })) }));
}

/**
 * The stack with its overview drawn again from all its resources: alarm packs add theirs at plan time
 * (kinds/pack/expand.ts), after the StackForm drew it from the files.
 */
export function redrawOverview(stack: DesiredStack): DesiredStack {
  const name = dashboardAwsName(stack.settings.name, stack.settings.region, OVERVIEW_NAME);
  return {
    ...stack,
    resources: stack.resources.map((r) =>
      r.spec.kind === 'dashboard' && r.spec.name === name
        ? { ...r, spec: { ...r.spec, body: overviewBody(stack.settings.name, stack.settings.region, stack.resources) } }
        : r,
    ),
  };
}

/** `stack.dashboard: true` (a StackForm): the overview as one more dashboard of the stack. */
export const overviewForm: StackForm = {
  key: 'dashboard',
  build({ value, stack, resources, at }) {
    if (value !== true) return [];
    const name = dashboardAwsName(stack.name, stack.region, OVERVIEW_NAME);
    return [
      {
        spec: { kind: 'dashboard', name, body: overviewBody(stack.name, stack.region, resources) },
        source: at,
        // An alarm whose name came from a secret (`\${env:}`) would show it in the body.
        sensitive: resources.some((r) => (r.sensitive ?? []).some((p) => p === 'name' || p === '*')) ? ['body'] : [],
      },
    ];
  },
};
