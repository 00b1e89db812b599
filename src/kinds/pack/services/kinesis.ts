import type { ServicePack } from '../types';
import { arnResource, byArnId, none, recommendations } from './shared';

const stream = (arn: string) => /^stream\/([^/]+)$/.exec(arnResource(arn))?.[1];

/** Amazon Kinesis Data Streams: per stream. */
export const kinesis: ServicePack = {
  service: 'kinesis',
  title: 'Amazon Kinesis Data Streams',
  noun: ['stream', 'streams'],
  discovery: { via: 'tagging-api', resourceType: 'kinesis:stream' },
  ...byArnId(stream, 'StreamName'),
  iam: ['tag:GetResources'],
  recommendations: recommendations('Amazon Kinesis Data Streams', 'AWS/Kinesis', [
    {
      key: 'GetRecords.IteratorAgeMilliseconds',
      stat: 'Maximum',
      threshold: none("well below the stream's retention period (ms), so records are read before they expire"),
      op: '>=',
      period: 60,
      of: [15, 15],
      intent: 'Consumers falling behind: the oldest unread record getting old.',
    },
    {
      key: 'GetRecords.Success',
      stat: 'Average',
      threshold: none('the share of successful reads you need (e.g. 0.99)'),
      op: '<=',
      period: 60,
      of: [5, 5],
      intent: 'Reads from the stream failing.',
    },
    {
      key: 'PutRecord.Success',
      stat: 'Average',
      threshold: none('the share of successful single-record writes you need'),
      op: '<=',
      period: 60,
      of: [5, 5],
      intent: 'Single-record writes to the stream failing.',
    },
    {
      key: 'PutRecords.FailedRecords',
      stat: 'Sum',
      threshold: none('the number of failed records per minute you tolerate'),
      op: '>=',
      period: 60,
      of: [5, 5],
      missing: 'notBreaching',
      intent: 'Batch writes with failed records.',
    },
    {
      key: 'ReadProvisionedThroughputExceeded',
      stat: 'Average',
      threshold: none('the throttled share of reads you tolerate'),
      op: '>',
      period: 60,
      of: [15, 15],
      intent: 'Reads throttled beyond the shards’ throughput.',
    },
    {
      key: 'WriteProvisionedThroughputExceeded',
      stat: 'Average',
      threshold: none('the throttled share of writes you tolerate'),
      op: '>',
      period: 60,
      of: [15, 15],
      intent: 'Writes throttled beyond the shards’ throughput.',
    },
  ]),
};
