import type { ServicePack } from '../types';
import { arnResource, fixed, none, recommendations } from './shared';

/** Amazon SQS: per queue. */
export const sqs: ServicePack = {
  service: 'sqs',
  title: 'Amazon SQS',
  noun: ['queue', 'queues'],
  discovery: { via: 'sqs' },
  dimensions: (arn) =>
    arn.startsWith('arn:') && arn.split(':')[2] === 'sqs' ? { QueueName: arnResource(arn) } : undefined,
  name: (arn) => arnResource(arn),
  iam: ['sqs:ListQueues', 'sqs:ListQueueTags', 'sqs:GetQueueAttributes', 'tag:GetResources'],
  recommendations: recommendations('Amazon SQS', 'AWS/SQS', [
    {
      key: 'ApproximateAgeOfOldestMessage',
      stat: 'Maximum',
      threshold: {
        basis: 'resource',
        attribute: 'retentionSeconds',
        factor: 0.8,
        rule: "80% of the queue's message retention period (seconds, read from the queue each plan)",
      },
      op: '>=',
      period: 60,
      of: [15, 15],
      intent: 'Messages left unprocessed long enough that they may expire before a consumer takes them.',
      chosen:
        "AWS ties the number to your processing time; the pack reads the queue's retention, the point of no return (override it)",
    },
    {
      key: 'ApproximateNumberOfMessagesNotVisible',
      stat: 'Average',
      threshold: {
        basis: 'resource',
        attribute: 'inFlightQuota',
        factor: 0.9,
        rule: '90% of the in-flight message quota (120,000 for a standard queue, 20,000 for FIFO)',
      },
      op: '>=',
      period: 60,
      of: [15, 15],
      intent: 'In-flight messages nearing the quota, after which receives fail.',
      chosen: "the pack reads the queue's kind for SQS's in-flight quota",
    },
    {
      key: 'ApproximateNumberOfMessagesVisible',
      stat: 'Maximum',
      threshold: none('the backlog your consumers can work through in an acceptable time'),
      op: '>=',
      period: 60,
      of: [15, 15],
      intent: 'A backlog growing faster than consumers take messages.',
    },
    {
      key: 'NumberOfMessagesSent',
      stat: 'Sum',
      threshold: fixed(0),
      op: '<=',
      period: 60,
      of: [15, 15],
      intent: 'A producer that stopped sending: no message for fifteen minutes.',
    },
  ]),
};
