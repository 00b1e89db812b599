/** The alarm simulator: CloudWatch's alarm semantics, offline and pure. */
export { parseStatistic, computeStatistic, type Statistic } from './statistics';
export { evaluateRange, evaluationRangeLength, type AlarmState, type Point, type EvaluationSettings } from './evaluate';
export { breaches, type Threshold } from './compare';
export { periodStart, groupByPeriod } from './periods';
export { simulateMetricAlarm, type BandLookup, type Datapoint, type SimulationWindow } from './metric-alarm';
export { parseRule, evaluateRule, simulateComposite, type RuleNode } from './composite';
export {
  runFilters,
  sameMetric,
  type LogEvent,
  type MetricDatapoint,
  type FilterEvaluator,
  type EventOutcome,
} from './logs';
export { engineEvaluator } from './engine';
export { anomalyAlarmAsSingleMetric } from './anomaly';
export { simulateStack, type StackSimulation } from './stack';
export {
  stateAt,
  actionMoments,
  suppressionAt,
  type AlarmTimeline,
  type Transition,
  type SuppressedBy,
  type SuppressionSpan,
} from './timeline';
export { applySuppressor, suppressionSpans, type SuppressorInput } from './suppression';
export { simulateMathAlarm } from './math-alarm';
export { parseMath, evaluateMath, mathIds, type MathNode } from './math';
