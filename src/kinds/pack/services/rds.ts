import type { ServicePack } from '../types';
import { arnResource, byArnId, fixed, none, recommendations } from './shared';

const instance = (arn: string) => /^db:([^:]+)$/.exec(arnResource(arn))?.[1];

/** Amazon RDS: per DB instance. */
export const rds: ServicePack = {
  service: 'rds',
  title: 'Amazon RDS',
  noun: ['DB instance', 'DB instances'],
  discovery: { via: 'tagging-api', resourceType: 'rds:db' },
  ...byArnId(instance, 'DBInstanceIdentifier'),
  iam: ['tag:GetResources'],
  recommendations: recommendations('Amazon RDS', 'AWS/RDS', [
    {
      key: 'CPUUtilization',
      stat: 'Average',
      threshold: fixed(90),
      op: '>',
      period: 60,
      of: [5, 5],
      intent: 'Sustained high CPU, which slows queries.',
    },
    {
      key: 'DatabaseConnections',
      stat: 'Average',
      threshold: none("a share of the engine's max_connections for the instance class"),
      op: '>',
      period: 60,
      of: [5, 5],
      intent: 'Connections nearing the maximum the instance accepts.',
    },
    {
      key: 'FreeableMemory',
      stat: 'Average',
      threshold: none("about 25% of the instance class's memory"),
      op: '<',
      period: 60,
      of: [15, 15],
      intent: 'Little free memory left, which leads to swapping and slow queries.',
    },
    {
      key: 'FreeStorageSpace',
      stat: 'Minimum',
      threshold: none('about 10% of the allocated storage'),
      op: '<',
      period: 60,
      of: [5, 5],
      intent: 'Storage running out.',
    },
    {
      key: 'ReadLatency',
      stat: 'p90',
      threshold: none('the read latency your workload accepts (seconds)'),
      op: '>',
      period: 60,
      of: [5, 5],
      intent: 'Slow disk reads.',
    },
    {
      key: 'WriteLatency',
      stat: 'p90',
      threshold: none('the write latency your workload accepts (seconds)'),
      op: '>',
      period: 60,
      of: [5, 5],
      intent: 'Slow disk writes.',
    },
    {
      key: 'DBLoad',
      stat: 'Average',
      threshold: none("the instance's number of vCPUs"),
      op: '>',
      period: 60,
      of: [15, 15],
      intent: 'More active sessions than the instance has vCPUs to serve (Performance Insights).',
    },
  ]),
};
