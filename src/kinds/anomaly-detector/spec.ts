/** One excluded time range of a detector's training data, as ISO 8601 UTC to the second. */
export interface ExcludedTimeRange {
  readonly start: string;
  readonly end: string;
}

/** A CloudWatch anomaly detection model on one metric and statistic (a single-metric detector). */
export interface AnomalyDetectorSpec {
  readonly kind: 'anomalyDetector';
  readonly namespace: string;
  readonly metricName: string;
  /** Sorted by name (AWS's order is not kept). */
  readonly dimensions: Readonly<Record<string, string>>;
  /** "Average", "p99", … : the statistic the model (and an alarm's band on it) is computed on. */
  readonly stat: string;
  /** Sorted by start; empty when none are excluded. */
  readonly excludedTimeRanges: readonly ExcludedTimeRange[];
  /** An IANA time zone for the model's daily and weekly seasonality; absent is AWS's default, UTC. */
  readonly metricTimezone?: string;
}

// Adds the kind to ResourceSpec (model/resources.ts) without model/ importing a kind.
declare module '../../model/resources' {
  interface ResourceSpecs {
    readonly anomalyDetector: AnomalyDetectorSpec;
  }
}
