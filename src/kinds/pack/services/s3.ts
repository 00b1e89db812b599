import type { ServicePack } from '../types';
import { arnResource, fixed, recommendations } from './shared';

const bucket = (arn: string) => (arn.startsWith('arn:') && arn.split(':')[2] === 's3' ? arnResource(arn) : undefined);

/**
 * Amazon S3 request metrics: per bucket, on the request-metrics filter "EntireBucket" (a bucket
 * publishes these only once a request-metrics configuration of that id is enabled on it).
 */
export const s3: ServicePack = {
  service: 's3',
  title: 'Amazon S3 (request metrics)',
  noun: ['bucket', 'buckets'],
  discovery: { via: 'tagging-api', resourceType: 's3' },
  dimensions: (arn) => {
    const name = bucket(arn);
    return name === undefined || name === '' || name.includes('/') ? undefined : { BucketName: name };
  },
  name: (arn) => bucket(arn) ?? arn,
  iam: ['tag:GetResources'],
  note: 'Request metrics exist only where a request-metrics configuration is enabled on the bucket; the pack uses FilterId EntireBucket.',
  recommendations: recommendations('Amazon S3', 'AWS/S3', [
    {
      key: '4xxErrors',
      stat: 'Average',
      threshold: fixed(0.05),
      op: '>',
      period: 60,
      of: [15, 15],
      intent: 'A high rate of client errors (permissions, missing keys).',
      extraDimensions: { FilterId: 'EntireBucket' },
    },
    {
      key: '5xxErrors',
      stat: 'Average',
      threshold: fixed(0.05),
      op: '>',
      period: 60,
      of: [15, 15],
      intent: 'A high rate of server errors from S3.',
      extraDimensions: { FilterId: 'EntireBucket' },
    },
  ]),
};
