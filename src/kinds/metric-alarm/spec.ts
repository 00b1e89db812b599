import type { Tags } from '../../model/resources';
import type { AlarmActions, ComparisonOperator, TreatMissingData } from '../shared/alarm-spec';

export interface MetricStat {
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Readonly<Record<string, string>>;
  readonly period: number;
  /** Exactly one of statistic / extendedStatistic is set. */
  readonly statistic?: string;
  readonly extendedStatistic?: string;
  readonly unit?: string;
}

/** One entry of a metric-math alarm's Metrics[]. */
export interface MetricQuery {
  readonly id: string;
  readonly expression?: string;
  readonly metricStat?: {
    readonly namespace: string;
    readonly metricName: string;
    readonly dimensions: Readonly<Record<string, string>>;
    readonly period: number;
    readonly stat: string;
    readonly unit?: string;
  };
  readonly label?: string;
  readonly returnData: boolean;
  readonly period?: number;
  readonly accountId?: string;
}

export interface MetricAlarmSpec extends AlarmActions {
  readonly kind: 'metricAlarm';
  readonly name: string;
  readonly description?: string;
  /** Exactly one of metric / metrics is set. */
  readonly metric?: MetricStat;
  readonly metrics?: readonly MetricQuery[];
  readonly threshold?: number;
  readonly thresholdMetricId?: string;
  readonly comparisonOperator: ComparisonOperator;
  readonly evaluationPeriods: number;
  /** Always set: defaults to evaluationPeriods, as AWS behaves. */
  readonly datapointsToAlarm: number;
  readonly treatMissingData: TreatMissingData;
  readonly evaluateLowSampleCountPercentile?: string;
  readonly tags: Tags;
}

// Adds this kind to ResourceSpec (model/resources.ts) without model/ importing the kind.
declare module '../../model/resources' {
  interface ResourceSpecs {
    readonly metricAlarm: MetricAlarmSpec;
  }
}
