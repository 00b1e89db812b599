import type { ServicePack } from '../types';
import { arnResource, byArnId, fixed, recommendations } from './shared';

const instance = (arn: string) => /^instance\/(i-[0-9a-f]+)$/.exec(arnResource(arn))?.[1];

/** Amazon EC2: per instance. */
export const ec2: ServicePack = {
  service: 'ec2',
  title: 'Amazon EC2',
  noun: ['instance', 'instances'],
  discovery: { via: 'tagging-api', resourceType: 'ec2:instance' },
  ...byArnId(instance, 'InstanceId'),
  iam: ['tag:GetResources'],
  recommendations: recommendations('Amazon EC2', 'AWS/EC2', [
    {
      key: 'CPUUtilization',
      stat: 'Average',
      threshold: fixed(80),
      op: '>',
      period: 300,
      of: [3, 3],
      intent: 'Sustained high CPU on the instance.',
    },
    {
      key: 'StatusCheckFailed',
      stat: 'Maximum',
      threshold: fixed(1),
      op: '>=',
      period: 300,
      of: [2, 2],
      intent: 'The instance or its host failing a status check.',
    },
    {
      key: 'StatusCheckFailed_AttachedEBS',
      stat: 'Maximum',
      threshold: fixed(1),
      op: '>=',
      period: 60,
      of: [10, 10],
      intent: 'An attached EBS volume impaired, stalling the instance’s I/O.',
    },
  ]),
};
