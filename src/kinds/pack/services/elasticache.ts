import type { ServicePack } from '../types';
import { arnResource, byArnId, fixed, none, recommendations } from './shared';

const cluster = (arn: string) => /^cluster:([^:]+)$/.exec(arnResource(arn))?.[1];

/** Amazon ElastiCache (Redis OSS / Valkey nodes): per cache cluster. */
export const elasticache: ServicePack = {
  service: 'elasticache',
  title: 'Amazon ElastiCache',
  noun: ['cache cluster', 'cache clusters'],
  discovery: { via: 'tagging-api', resourceType: 'elasticache:cluster' },
  ...byArnId(cluster, 'CacheClusterId'),
  iam: ['tag:GetResources'],
  recommendations: recommendations('Amazon ElastiCache', 'AWS/ElastiCache', [
    {
      key: 'CPUUtilization',
      stat: 'Average',
      threshold: none('about 90% of the host CPU, less for nodes with few vCPUs'),
      op: '>',
      period: 60,
      of: [5, 5],
      intent: 'The host CPU busy, slowing the cache.',
    },
    {
      key: 'CurrConnections',
      stat: 'Average',
      threshold: none('the connections your application normally keeps, with headroom'),
      op: '>',
      period: 60,
      of: [10, 10],
      intent: 'An unusual number of client connections (leaks, or clients not reusing them).',
    },
    {
      key: 'DatabaseMemoryUsagePercentage',
      stat: 'Average',
      threshold: fixed(90),
      op: '>',
      period: 60,
      of: [5, 5],
      intent: 'Memory nearly full, after which keys are evicted.',
    },
    {
      key: 'EngineCPUUtilization',
      stat: 'Average',
      threshold: fixed(90),
      op: '>',
      period: 60,
      of: [5, 5],
      intent: 'The engine thread busy.',
    },
    {
      key: 'ReplicationLag',
      stat: 'Maximum',
      threshold: none('the replica lag (seconds) your reads tolerate'),
      op: '>',
      period: 60,
      of: [15, 15],
      intent: 'Replicas falling behind the primary.',
    },
  ]),
};
