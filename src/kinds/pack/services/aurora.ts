import type { ServicePack } from '../types';
import { arnResource, byArnId, fixed, none, recommendations } from './shared';

const cluster = (arn: string) => /^cluster:([^:]+)$/.exec(arnResource(arn))?.[1];

/** Amazon Aurora: per DB cluster. */
export const aurora: ServicePack = {
  service: 'aurora',
  title: 'Amazon Aurora',
  noun: ['DB cluster', 'DB clusters'],
  discovery: { via: 'tagging-api', resourceType: 'rds:cluster' },
  ...byArnId(cluster, 'DBClusterIdentifier'),
  iam: ['tag:GetResources'],
  recommendations: recommendations('Amazon RDS', 'AWS/RDS', [
    {
      key: 'CPUUtilization',
      stat: 'Average',
      threshold: fixed(90),
      op: '>',
      period: 60,
      of: [5, 5],
      intent: 'Sustained high CPU across the cluster.',
    },
    {
      key: 'AuroraVolumeBytesLeftTotal',
      stat: 'Average',
      threshold: none('the free cluster volume you need, e.g. a share of the 128 TiB limit'),
      op: '<',
      period: 60,
      of: [5, 5],
      intent: 'The cluster volume running out of space.',
    },
    {
      key: 'AuroraBinlogReplicaLag',
      stat: 'Average',
      threshold: fixed(600),
      op: '>',
      period: 60,
      of: [5, 5],
      intent: 'Binary-log replication lagging ten minutes or more.',
    },
  ]),
};
