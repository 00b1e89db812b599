import type { MetricQuery } from '../metric-alarm/spec';

/** One excluded time range of a detector's training data, as ISO 8601 UTC to the second. */
export interface ExcludedTimeRange {
  readonly start: string;
  readonly end: string;
}

/** What every detector is configured with. */
interface DetectorConfiguration {
  readonly kind: 'anomalyDetector';
  /** Sorted by start; empty when none are excluded. */
  readonly excludedTimeRanges: readonly ExcludedTimeRange[];
  /** An IANA time zone for the model's daily and weekly seasonality; absent is AWS's default, UTC. */
  readonly metricTimezone?: string;
}

/** A model on one metric and statistic (a single-metric detector). */
export interface SingleMetricDetectorSpec extends DetectorConfiguration {
  readonly namespace: string;
  readonly metricName: string;
  /** Sorted by name (AWS's order is not kept). */
  readonly dimensions: Readonly<Record<string, string>>;
  /** "Average", "p99", … : the statistic the model (and an alarm's band on it) is computed on. */
  readonly stat: string;
  readonly metrics?: undefined;
}

/** A model on the result of a metric math expression (a metric-math detector): its queries are its identity. */
export interface MetricMathDetectorSpec extends DetectorConfiguration {
  /** In the order written; exactly one returns data (the modelled series). */
  readonly metrics: readonly MetricQuery[];
  readonly namespace?: undefined;
  readonly metricName?: undefined;
  readonly dimensions?: undefined;
  readonly stat?: undefined;
}

/** A CloudWatch anomaly detection model. */
export type AnomalyDetectorSpec = SingleMetricDetectorSpec | MetricMathDetectorSpec;

// Adds the kind to ResourceSpec (model/resources.ts) without model/ importing a kind.
declare module '../../model/resources' {
  interface ResourceSpecs {
    readonly anomalyDetector: AnomalyDetectorSpec;
  }
}
