import type { ComparisonOperator, TreatMissingData } from '../specs';

/** The CloudWatch user guide page every recommendation is taken from. */
export const SOURCE_PAGE =
  'https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Best_Practice_Recommended_Alarms_AWS_Services.html';

/**
 * A recommendation's threshold: AWS's number; a rule over something read from each resource at plan
 * time (a function's timeout, a queue's retention); or none, where AWS says "depends on your
 * situation": the pack then refuses to guess and the user must give one (override) or leave it out (except).
 */
export type Threshold =
  | { readonly basis: 'fixed'; readonly value: number }
  | {
      readonly basis: 'resource';
      /** The attribute discovery reads (DiscoveredResource.attributes). */
      readonly attribute: string;
      /** The threshold is attribute × factor (rounded to 3 decimals). */
      readonly factor: number;
      /** The rule in words, e.g. "80% of the function's timeout (ms)". */
      readonly rule: string;
    }
  | { readonly basis: 'none'; readonly justification: string };

/** One of AWS's recommended alarms for a service, as data. */
export interface Recommendation {
  /** The name people use in override / except; the metric name unless AWS lists a metric twice. */
  readonly key: string;
  readonly namespace: string;
  readonly metric: string;
  /** Sum, Average, Minimum, Maximum, SampleCount, or a percentile such as p90. */
  readonly statistic: string;
  readonly threshold: Threshold;
  readonly comparison: ComparisonOperator;
  /** Seconds. */
  readonly period: number;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm: number;
  /**
   * AWS's page gives none: the pack chooses notBreaching for counts of events that publish no data
   * when nothing happens (errors, throttles), and missing otherwise.
   */
  readonly treatMissingData: TreatMissingData;
  /** What the alarm watches for, in our words (becomes the alarm's description). */
  readonly intent: string;
  /** The section of SOURCE_PAGE this entry comes from. */
  readonly section: string;
  /**
   * Set where the threshold is the pack's reading of AWS's justification rather than a number AWS
   * prints (a rule over the resource, or zero where any occurrence is a problem): says so in `monitors packs`.
   */
  readonly chosen?: string;
  /** Dimensions beside the resource's own (S3 request metrics' FilterId). */
  readonly extraDimensions?: Readonly<Record<string, string>>;
}

/**
 * How a service's resources are found at plan time: the Resource Groups Tagging API (every resource
 * type it covers, tag selections only, since it lists only resources that have tags), or the service's
 * own list and tag calls (names, prefixes and tags; and the attributes thresholds are read from).
 */
export type Discovery =
  { readonly via: 'tagging-api'; readonly resourceType: string } | { readonly via: 'lambda' } | { readonly via: 'sqs' };

/** A service: its recommendations and how its resources become alarm dimensions. */
export interface ServicePack {
  /** The name in `packs: - service:`. */
  readonly service: string;
  readonly title: string;
  /** One resource, and several, for "3 functions × 4 alarms". */
  readonly noun: readonly [string, string];
  readonly discovery: Discovery;
  /** The resource's dimensions from its ARN; undefined when the ARN is not one of this pack's resources. */
  dimensions(arn: string): Readonly<Record<string, string>> | undefined;
  /** The resource's name in alarm names and plans (from its ARN). */
  name(arn: string): string;
  /** IAM actions the plan (and apply) role needs to discover this service's resources. */
  readonly iam: readonly string[];
  /** Where the service's metrics live, when not in the stack's region (CloudFront: us-east-1). */
  readonly note?: string;
  readonly recommendations: readonly Recommendation[];
}

/** What discovery found: one resource of a pack's service. */
export interface DiscoveredResource {
  readonly arn: string;
  readonly tags: Readonly<Record<string, string>>;
  /** Values thresholds are read from (Threshold basis "resource"). */
  readonly attributes: Readonly<Record<string, number>>;
}
