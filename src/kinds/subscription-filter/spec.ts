/** How CloudWatch Logs spreads a log group's events over a Kinesis stream's shards. */
export type Distribution = 'ByLogStream' | 'Random';

/**
 * A CloudWatch Logs subscription filter: the log group's matching events streamed to a destination
 * (a Lambda function, a Kinesis stream, a Firehose delivery stream or a Logs destination).
 */
export interface SubscriptionFilterSpec {
  readonly kind: 'subscriptionFilter';
  readonly logGroupName: string;
  /** The name in AWS: `monitors.<stack>.<name>`, or a hand-made filter's own name (awsName:). */
  readonly filterName: string;
  /** "" streams every event. */
  readonly filterPattern: string;
  readonly destinationArn: string;
  /** The role CloudWatch Logs assumes to write to Kinesis or Firehose; absent for Lambda and Logs destinations. */
  readonly roleArn?: string;
  readonly distribution: Distribution;
}

// Adds the kind to ResourceSpec (model/resources.ts) without model/ importing a kind.
declare module '../../model/resources' {
  interface ResourceSpecs {
    readonly subscriptionFilter: SubscriptionFilterSpec;
  }
}
