/**
 * The whole stack simulated: log events through its filters, datapoints into its metrics, every metric
 * alarm and composite alarm over one window. Pure: no file, no AWS.
 */
import {
  MonitorsError,
  type CompositeAlarmSpec,
  type DesiredStack,
  type MetricAlarmSpec,
  type MetricFilterSpec,
} from '../model';
import { parseRule, ruleChildren, simulateComposite } from './composite';
import {
  runFilters,
  sameMetric,
  type FilterEvaluator,
  type FilterRun,
  type LogEvent,
  type MetricDatapoint,
} from './logs';
import { simulateMetricAlarm, type SimulationWindow } from './metric-alarm';
import { stateAt, type AlarmTimeline } from './timeline';

export interface StackSimulation {
  readonly filterRuns: readonly FilterRun[];
  /** Every datapoint: those given directly and those the filters published. */
  readonly datapoints: readonly MetricDatapoint[];
  readonly alarms: ReadonlyMap<string, AlarmTimeline>;
}

export function simulateStack(
  stack: DesiredStack,
  input: {
    readonly events: readonly LogEvent[];
    readonly datapoints: readonly MetricDatapoint[];
    readonly window: SimulationWindow;
    readonly evaluate: FilterEvaluator;
  },
): StackSimulation {
  const specs = stack.resources.map((r) => r.spec);
  const filters = specs.filter((s): s is MetricFilterSpec => s.kind === 'metricFilter');
  const { runs, datapoints: published } = runFilters(filters, input.events, input.evaluate);
  const datapoints = [...input.datapoints, ...published].sort((a, b) => a.timestamp - b.timestamp);

  const alarms = new Map<string, AlarmTimeline>();
  for (const alarm of specs.filter((s): s is MetricAlarmSpec => s.kind === 'metricAlarm')) {
    if (!alarm.metric) continue; // metric math: not simulated; a test that asks about it is told so.
    const metric = alarm.metric;
    const points = datapoints.filter((d) => sameMetric(d, metric));
    alarms.set(alarm.name, simulateMetricAlarm(alarm, points, input.window));
  }

  // Composites may refer to composites: simulate in dependency order, refusing cycles.
  const composites = new Map(
    specs.filter((s): s is CompositeAlarmSpec => s.kind === 'compositeAlarm').map((c) => [c.name, c]),
  );
  const visiting = new Set<string>();
  const visit = (name: string) => {
    const c = composites.get(name);
    if (!c || alarms.has(name)) return;
    if (visiting.has(name))
      throw new MonitorsError('USAGE', `composite alarm ${name} refers to itself through its rule`);
    visiting.add(name);
    for (const child of ruleChildren(parseRule(c.rule))) visit(child);
    alarms.set(name, simulateComposite(c, alarms, stateAt, input.window.from));
    visiting.delete(name);
  };
  for (const name of composites.keys()) visit(name);
  return { filterRuns: runs, datapoints, alarms };
}
