import type { ServicePack } from '../types';
import { arnResource, byArnId, fixed, recommendations } from './shared';

const volume = (arn: string) => /^volume\/(vol-[0-9a-f]+)$/.exec(arnResource(arn))?.[1];

/** Amazon EBS: per volume. */
export const ebs: ServicePack = {
  service: 'ebs',
  title: 'Amazon EBS',
  noun: ['volume', 'volumes'],
  discovery: { via: 'tagging-api', resourceType: 'ec2:volume' },
  ...byArnId(volume, 'VolumeId'),
  iam: ['tag:GetResources'],
  recommendations: recommendations('Amazon EBS', 'AWS/EBS', [
    {
      key: 'VolumeStalledIOCheck',
      stat: 'Maximum',
      threshold: fixed(1),
      op: '>=',
      period: 60,
      of: [10, 10],
      intent: 'The volume’s I/O stalled (a storage or network problem under it).',
    },
  ]),
};
