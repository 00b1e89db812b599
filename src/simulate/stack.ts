/**
 * The whole stack simulated: log events through its filters, datapoints into its metrics, every metric
 * alarm and composite alarm over one window. Pure: no file, no AWS.
 */
import { MonitorsError, type DesiredStack } from '../model';
import { alarmName, parseRule, ruleChildren, simulateComposite } from './composite';
import { applySuppressor } from './suppression';
import {
  runFilters,
  sameMetric,
  type FilterEvaluator,
  type FilterRun,
  type LogEvent,
  type MetricDatapoint,
} from './logs';
import { anomalyAlarmAsSingleMetric } from './anomaly';
import { simulateMetricAlarm, type BandLookup, type SimulationWindow } from './metric-alarm';
import { simulateMathAlarm } from './math-alarm';
import { stateAt, type AlarmTimeline } from './timeline';
import type { CompositeAlarmSpec, MetricAlarmSpec, MetricFilterSpec } from '../kinds/specs';
import { muteLookup, type MuteLookup } from '../kinds/alarm-mute-rule/mute';

export interface StackSimulation {
  readonly filterRuns: readonly FilterRun[];
  /** Every datapoint: those given directly and those the filters published. */
  readonly datapoints: readonly MetricDatapoint[];
  readonly alarms: ReadonlyMap<string, AlarmTimeline>;
  /** Alarms the simulator cannot evaluate (metric math, an unknown statistic), with the reason. */
  readonly unsupported: ReadonlyMap<string, string>;
}

export function simulateStack(
  stack: DesiredStack,
  input: {
    readonly events: readonly LogEvent[];
    readonly datapoints: readonly MetricDatapoint[];
    readonly window: SimulationWindow;
    readonly evaluate: FilterEvaluator;
    /** Anomaly detection alarms: the band's edges per period start, by alarm name. */
    readonly bands?: ReadonlyMap<string, BandLookup>;
  },
): StackSimulation {
  const specs = stack.resources.map((r) => r.spec);
  const filters = specs.filter((s): s is MetricFilterSpec => s.kind === 'metricFilter');
  const { runs, datapoints: published } = runFilters(filters, input.events, input.evaluate);
  const datapoints = [...input.datapoints, ...published].sort((a, b) => a.timestamp - b.timestamp);

  const alarms = new Map<string, AlarmTimeline>();
  const unsupported = new Map<string, string>();
  for (const declared of specs.filter((s): s is MetricAlarmSpec => s.kind === 'metricAlarm')) {
    const alarm = anomalyAlarmAsSingleMetric(declared) ?? declared;
    const metric = alarm.metric;
    const points = metric ? datapoints.filter((d) => sameMetric(d, metric)) : [];
    // One alarm the simulator cannot evaluate must not stop the tests that never look at it.
    try {
      alarms.set(
        alarm.name,
        alarm.metric
          ? simulateMetricAlarm(alarm, points, input.window, input.bands?.get(alarm.name))
          : simulateMathAlarm(alarm, datapoints, input.window),
      );
    } catch (err) {
      if (!(err instanceof MonitorsError)) throw err;
      unsupported.set(alarm.name, err.message);
    }
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
      throw new MonitorsError('USAGE', `composite alarm ${name} refers to itself through its rule or suppressor`);
    visiting.add(name);
    for (const child of ruleChildren(parseRule(c.rule))) visit(child);
    const suppressor = c.actionsSuppressor && { ...c.actionsSuppressor, alarm: alarmName(c.actionsSuppressor.alarm) };
    if (suppressor) visit(suppressor.alarm);
    const timeline = simulateComposite(c, alarms, stateAt, input.window.from);
    alarms.set(
      name,
      suppressor
        ? applySuppressor(timeline, c, { ...suppressor, timeline: alarms.get(suppressor.alarm) }, input.window.to)
        : timeline,
    );
    visiting.delete(name);
  };
  for (const name of composites.keys()) visit(name);
  return { filterRuns: runs, datapoints, alarms: muted(alarms, muteLookup(specs, stack.settings.name)), unsupported };
}

/**
 * Mute rules: a transition inside an open window keeps its state change but runs no action. Applied
 * last, because a muted alarm still changes state and composites over it still see that.
 */
function muted(alarms: ReadonlyMap<string, AlarmTimeline>, lookup: MuteLookup): Map<string, AlarmTimeline> {
  const out = new Map<string, AlarmTimeline>();
  for (const [name, timeline] of alarms) {
    const transitions = timeline.transitions.map((tr) => {
      const rule = tr.actions.length > 0 ? lookup(name, tr.at) : undefined;
      return rule === undefined ? tr : { ...tr, actions: [], mutedBy: rule };
    });
    out.set(name, { ...timeline, transitions });
  }
  return out;
}
