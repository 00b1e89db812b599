import type { ServicePack } from '../types';
import { arnResource, fixed, recommendations } from './shared';

// arn:aws:ecs:REGION:ACCOUNT:service/CLUSTER/SERVICE (the long ARN format)
const parts = (arn: string) => /^service\/([^/]+)\/([^/]+)$/.exec(arnResource(arn));

/** Amazon ECS: per service. */
export const ecs: ServicePack = {
  service: 'ecs',
  title: 'Amazon ECS',
  noun: ['service', 'services'],
  discovery: { via: 'tagging-api', resourceType: 'ecs:service' },
  dimensions: (arn) => {
    const m = parts(arn);
    return m ? { ClusterName: m[1] as string, ServiceName: m[2] as string } : undefined;
  },
  name: (arn) => {
    const m = parts(arn);
    return m ? `${m[1]}/${m[2]}` : arn;
  },
  iam: ['tag:GetResources'],
  recommendations: recommendations('Amazon ECS', 'AWS/ECS', [
    {
      key: 'CPUUtilization',
      stat: 'Average',
      threshold: fixed(80),
      op: '>',
      period: 60,
      of: [5, 5],
      intent: 'The service’s tasks using most of the CPU they reserved.',
    },
    {
      key: 'MemoryUtilization',
      stat: 'Average',
      threshold: fixed(80),
      op: '>',
      period: 60,
      of: [5, 5],
      intent: 'The service’s tasks using most of the memory they reserved; they are stopped when out of memory.',
    },
  ]),
};
