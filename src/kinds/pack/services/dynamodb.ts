import type { ServicePack } from '../types';
import { arnResource, byArnId, none, recommendations } from './shared';

const table = (arn: string) => /^table\/([^/]+)$/.exec(arnResource(arn))?.[1];

/** Amazon DynamoDB: per table. */
export const dynamodb: ServicePack = {
  service: 'dynamodb',
  title: 'Amazon DynamoDB',
  noun: ['table', 'tables'],
  discovery: { via: 'tagging-api', resourceType: 'dynamodb:table' },
  ...byArnId(table, 'TableName'),
  iam: ['tag:GetResources'],
  recommendations: recommendations('DynamoDB', 'AWS/DynamoDB', [
    {
      key: 'ReadThrottleEvents',
      stat: 'Sum',
      threshold: none(
        'the throttled reads you tolerate; for provisioned tables, relative to the provisioned read capacity',
      ),
      op: '>',
      period: 60,
      of: [5, 5],
      missing: 'notBreaching',
      intent: 'Reads throttled because they exceed the table’s capacity.',
    },
    {
      key: 'WriteThrottleEvents',
      stat: 'Sum',
      threshold: none(
        'the throttled writes you tolerate; for provisioned tables, relative to the provisioned write capacity',
      ),
      op: '>',
      period: 60,
      of: [5, 5],
      missing: 'notBreaching',
      intent: 'Writes throttled because they exceed the table’s capacity.',
    },
    {
      key: 'ConsumedReadCapacityUnits',
      stat: 'Sum',
      threshold: none("about 80% of the table's provisioned read capacity per period"),
      op: '>',
      period: 60,
      of: [5, 5],
      intent: 'Reads nearing the provisioned capacity.',
    },
    {
      key: 'ConsumedWriteCapacityUnits',
      stat: 'Sum',
      threshold: none("about 80% of the table's provisioned write capacity per period"),
      op: '>',
      period: 60,
      of: [5, 5],
      intent: 'Writes nearing the provisioned capacity.',
    },
  ]),
};
