import type { ServicePack } from '../types';
import { arnResource, fixed, recommendations } from './shared';

// arn:aws:apigateway:REGION::/apis/API_ID/stages/STAGE
const parts = (arn: string) => /^\/apis\/([^/]+)\/stages\/([^/]+)$/.exec(arnResource(arn));

/** Amazon API Gateway HTTP APIs: per stage. */
export const apigatewayHttp: ServicePack = {
  service: 'apigateway-http',
  title: 'Amazon API Gateway (HTTP APIs)',
  noun: ['stage', 'stages'],
  discovery: { via: 'tagging-api', resourceType: 'apigateway' },
  dimensions: (arn) => {
    const m = parts(arn);
    return m ? { ApiId: m[1] as string, Stage: m[2] as string } : undefined;
  },
  name: (arn) => {
    const m = parts(arn);
    return m ? `${m[1]}/${m[2]}` : arn;
  },
  iam: ['tag:GetResources'],
  recommendations: recommendations('Amazon API Gateway', 'AWS/ApiGateway', [
    {
      key: '4xx',
      stat: 'Average',
      threshold: fixed(0.05),
      op: '>',
      period: 60,
      of: [5, 5],
      intent: 'A high rate of client errors (authorization, bad parameters, missing routes, throttling).',
    },
    {
      key: '5xx',
      stat: 'Average',
      threshold: fixed(0.05),
      op: '>',
      period: 60,
      of: [3, 3],
      intent: 'A high rate of server errors from the API or its integrations.',
    },
    {
      key: 'Latency',
      stat: 'p90',
      threshold: fixed(2500),
      op: '>=',
      period: 60,
      of: [5, 5],
      intent: 'Slow responses: the 90th percentile of latency at 2.5 seconds or more.',
    },
  ]),
};
