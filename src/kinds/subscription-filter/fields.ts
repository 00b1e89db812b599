import type { FieldTable } from '../../shared/sensitive-fields';

/** Which spec fields each key of a `subscriptionFilters:` entry feeds (for `${env:}` values). */
export const SUBSCRIPTION_FILTER_FIELDS: FieldTable = {
  name: ['filterName'],
  awsName: ['filterName'],
  logGroup: ['logGroupName'],
  pattern: ['filterPattern'],
  'destination.lambda': ['destinationArn'],
  'destination.kinesis': ['destinationArn'],
  'destination.firehose': ['destinationArn'],
  'destination.arn': ['destinationArn'],
  role: ['roleArn'],
  distribution: ['distribution'],
};
