import type { ServicePack } from '../types';
import { arnResource, fixed, none, recommendations } from './shared';

const lb = (arn: string) => /^loadbalancer\/(net\/[^/]+\/[^/]+)$/.exec(arnResource(arn))?.[1];

/** Network Load Balancer: per load balancer. */
export const nlb: ServicePack = {
  service: 'nlb',
  title: 'Network Load Balancer',
  noun: ['load balancer', 'load balancers'],
  discovery: { via: 'tagging-api', resourceType: 'elasticloadbalancing:loadbalancer' },
  dimensions: (arn) => {
    const id = lb(arn);
    return id === undefined ? undefined : { LoadBalancer: id };
  },
  name: (arn) => lb(arn)?.split('/')[1] ?? arn,
  iam: ['tag:GetResources'],
  recommendations: recommendations('Network Load Balancer', 'AWS/NetworkELB', [
    {
      key: 'PortAllocationErrorCount',
      stat: 'Sum',
      threshold: fixed(0),
      op: '>',
      period: 60,
      of: [1, 1],
      missing: 'notBreaching',
      intent: 'Ephemeral port allocation failing during client IP translation.',
    },
    {
      key: 'TCP_ELB_Reset_Count',
      stat: 'Sum',
      threshold: none('the number of resets the load balancer may send in a minute'),
      op: '>',
      period: 60,
      of: [5, 5],
      missing: 'notBreaching',
      intent: 'TCP resets sent by the load balancer itself.',
    },
  ]),
};
