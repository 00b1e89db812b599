import type { Tags } from '../../model/resources';

/** How often a detector runs (UpdateLogAnomalyDetector's and CreateLogAnomalyDetector's enum). */
export type EvaluationFrequency = 'ONE_MIN' | 'FIVE_MIN' | 'TEN_MIN' | 'FIFTEEN_MIN' | 'THIRTY_MIN' | 'ONE_HOUR';

/**
 * A CloudWatch Logs anomaly detector: it learns a log group's patterns and reports unusual events.
 * AWS identifies one by an ARN holding an id it assigns; the name is ours to keep unique (the stack's
 * name space), and the stack's tag says whose it is.
 */
export interface LogAnomalyDetectorSpec {
  readonly kind: 'logAnomalyDetector';
  /** detectorName. */
  readonly name: string;
  /** The log groups it watches, as ARNs without the trailing ":*", sorted. */
  readonly logGroupArns: readonly string[];
  readonly evaluationFrequency: EvaluationFrequency;
  /** "" looks at every event. */
  readonly filterPattern: string;
  /** Days an anomaly stays visible before it is taken as normal (anomalyVisibilityTime). */
  readonly anomalyVisibilityDays: number;
  /** false: paused (status PAUSED). */
  readonly enabled: boolean;
  /** A KMS key ARN encrypting the detector's findings and model. */
  readonly kmsKeyId?: string;
  readonly tags: Tags;
}

// Adds the kind to ResourceSpec (model/resources.ts) without model/ importing a kind.
declare module '../../model/resources' {
  interface ResourceSpecs {
    readonly logAnomalyDetector: LogAnomalyDetectorSpec;
  }
}
