export interface MetricTransformation {
  readonly metricName: string;
  readonly metricNamespace: string;
  /** A literal number as a string ("1") or a field selector ("$.latency", "$size"). */
  readonly metricValue: string;
  readonly defaultValue?: number;
  readonly unit?: string;
  readonly dimensions: Readonly<Record<string, string>>;
}

export interface MetricFilterSpec {
  readonly kind: 'metricFilter';
  readonly logGroupName: string;
  /** The name in AWS, which carries the stack's ownership prefix (see ownership.ts). */
  readonly filterName: string;
  readonly filterPattern: string;
  readonly transformation: MetricTransformation;
}

// Adds this kind to ResourceSpec (model/resources.ts) without model/ importing the kind.
declare module '../../model/resources' {
  interface ResourceSpecs {
    readonly metricFilter: MetricFilterSpec;
  }
}
