import type { ServicePack } from '../types';
import { arnResource, fixed, none, recommendations } from './shared';

const lb = (arn: string) => /^loadbalancer\/(app\/[^/]+\/[^/]+)$/.exec(arnResource(arn))?.[1];

/** Application Load Balancer: per load balancer. */
export const alb: ServicePack = {
  service: 'alb',
  title: 'Application Load Balancer',
  noun: ['load balancer', 'load balancers'],
  discovery: { via: 'tagging-api', resourceType: 'elasticloadbalancing:loadbalancer' },
  dimensions: (arn) => {
    const id = lb(arn);
    return id === undefined ? undefined : { LoadBalancer: id };
  },
  name: (arn) => lb(arn)?.split('/')[1] ?? arn,
  iam: ['tag:GetResources'],
  recommendations: recommendations('Application Load Balancer', 'AWS/ApplicationELB', [
    {
      key: 'HTTPCode_ELB_5XX_Count',
      stat: 'Sum',
      threshold: none('the number of 5XX errors the load balancer itself may return in a minute'),
      op: '>',
      period: 60,
      of: [5, 5],
      missing: 'notBreaching',
      intent: 'Server errors produced by the load balancer, not by its targets.',
    },
    {
      key: 'RejectedConnectionCount',
      stat: 'Sum',
      threshold: fixed(0),
      op: '>',
      period: 60,
      of: [5, 5],
      missing: 'notBreaching',
      intent: 'Connections refused because the load balancer reached its maximum.',
    },
    {
      key: 'TargetResponseTime',
      stat: 'p90',
      threshold: none('the response time your users accept'),
      op: '>',
      period: 60,
      of: [5, 5],
      intent: 'Targets answering slowly.',
    },
  ]),
};
