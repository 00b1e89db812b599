import type { ServicePack } from '../types';
import { arnResource, none, recommendations } from './shared';

const distribution = (arn: string) => /^distribution\/([A-Z0-9]+)$/.exec(arnResource(arn))?.[1];

/** Amazon CloudFront: per distribution (metrics in us-east-1, dimension Region=Global). */
export const cloudfront: ServicePack = {
  service: 'cloudfront',
  title: 'Amazon CloudFront',
  noun: ['distribution', 'distributions'],
  discovery: { via: 'tagging-api', resourceType: 'cloudfront:distribution' },
  dimensions: (arn) => {
    const id = distribution(arn);
    return id === undefined ? undefined : { DistributionId: id, Region: 'Global' };
  },
  name: (arn) => distribution(arn) ?? arn,
  iam: ['tag:GetResources'],
  note: 'CloudFront publishes its metrics in us-east-1 only: declare this pack in a stack whose region is us-east-1.',
  recommendations: recommendations('Amazon CloudFront', 'AWS/CloudFront', [
    {
      key: '5xxErrorRate',
      stat: 'Average',
      threshold: none('the percentage of 5XX responses you tolerate'),
      op: '>',
      period: 60,
      of: [5, 5],
      intent: 'Origin or CloudFront server errors rising.',
    },
    {
      key: 'OriginLatency',
      stat: 'p90',
      threshold: none('the origin response time (ms) your users accept, below the origin response timeout'),
      op: '>',
      period: 60,
      of: [5, 5],
      intent: 'The origin answering slowly.',
    },
  ]),
};
