/**
 * Every service's expansion against a fixture of its discovery answers (mocked: the emulator serves
 * the tagging API for SNS only): the request discovery sends (checked against AWS's API model), the
 * resources it finds, and the alarms it makes for them, with the dimensions AWS publishes.
 */
import { mockClient } from 'aws-sdk-client-mock';
import { LambdaClient, ListFunctionsCommand, ListTagsCommand } from '@aws-sdk/client-lambda';
import {
  GetResourcesCommand,
  ResourceGroupsTaggingAPIClient,
  type GetResourcesCommandInput,
} from '@aws-sdk/client-resource-groups-tagging-api';
import { GetQueueAttributesCommand, ListQueueTagsCommand, ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { loadStack } from '../../src/config/load';
import { SERVICES } from '../../src/kinds/pack/catalog';
import { discoverPacks } from '../../src/kinds/pack/discover-read';
import { expandPacks } from '../../src/kinds/pack/expand';
import type { MetricAlarmSpec } from '../../src/kinds/specs';
import { loadModel, modelProblems } from './botocore-model';

const A = '123456789012';
const R = 'us-east-1';

/** Per service: the tagging API's resource type, two ARNs it answers, each one's dimensions, and one ARN of another shape. */
const TAGGED: Readonly<
  Record<string, { type: string; found: [string, Record<string, string>][]; foreign: string; names: string[] }>
> = {
  sns: {
    type: 'sns',
    found: [
      [`arn:aws:sns:${R}:${A}:orders`, { TopicName: 'orders' }],
      [`arn:aws:sns:${R}:${A}:refunds`, { TopicName: 'refunds' }],
    ],
    foreign: `arn:aws:sqs:${R}:${A}:orders`,
    names: ['orders', 'refunds'],
  },
  'apigateway-http': {
    type: 'apigateway',
    found: [
      [`arn:aws:apigateway:${R}::/apis/a1b2c3/stages/prod`, { ApiId: 'a1b2c3', Stage: 'prod' }],
      [`arn:aws:apigateway:${R}::/apis/a1b2c3/stages/$default`, { ApiId: 'a1b2c3', Stage: '$default' }],
    ],
    foreign: `arn:aws:apigateway:${R}::/restapis/zz9/stages/prod`,
    names: ['a1b2c3/$default', 'a1b2c3/prod'],
  },
  alb: {
    type: 'elasticloadbalancing:loadbalancer',
    found: [
      [
        `arn:aws:elasticloadbalancing:${R}:${A}:loadbalancer/app/web/50dc6c495c0c9188`,
        { LoadBalancer: 'app/web/50dc6c495c0c9188' },
      ],
      [
        `arn:aws:elasticloadbalancing:${R}:${A}:loadbalancer/app/api/6a1f2b3c4d5e6f70`,
        { LoadBalancer: 'app/api/6a1f2b3c4d5e6f70' },
      ],
    ],
    foreign: `arn:aws:elasticloadbalancing:${R}:${A}:targetgroup/web/73e2d6bc24d8a067`,
    names: ['api', 'web'],
  },
  nlb: {
    type: 'elasticloadbalancing:loadbalancer',
    found: [
      [
        `arn:aws:elasticloadbalancing:${R}:${A}:loadbalancer/net/edge/1a2b3c4d5e6f7a8b`,
        { LoadBalancer: 'net/edge/1a2b3c4d5e6f7a8b' },
      ],
      [
        `arn:aws:elasticloadbalancing:${R}:${A}:loadbalancer/net/mqtt/0f0e0d0c0b0a0908`,
        { LoadBalancer: 'net/mqtt/0f0e0d0c0b0a0908' },
      ],
    ],
    foreign: `arn:aws:elasticloadbalancing:${R}:${A}:loadbalancer/app/web/50dc6c495c0c9188`,
    names: ['edge', 'mqtt'],
  },
  dynamodb: {
    type: 'dynamodb:table',
    found: [
      [`arn:aws:dynamodb:${R}:${A}:table/Orders`, { TableName: 'Orders' }],
      [`arn:aws:dynamodb:${R}:${A}:table/Carts`, { TableName: 'Carts' }],
    ],
    foreign: `arn:aws:dynamodb:${R}:${A}:table/Orders/stream/2026-01-01T00:00:00.000`,
    names: ['Carts', 'Orders'],
  },
  rds: {
    type: 'rds:db',
    found: [
      [`arn:aws:rds:${R}:${A}:db:orders-primary`, { DBInstanceIdentifier: 'orders-primary' }],
      [`arn:aws:rds:${R}:${A}:db:orders-replica`, { DBInstanceIdentifier: 'orders-replica' }],
    ],
    foreign: `arn:aws:rds:${R}:${A}:snapshot:rds:orders-2026-01-01`,
    names: ['orders-primary', 'orders-replica'],
  },
  aurora: {
    type: 'rds:cluster',
    found: [
      [`arn:aws:rds:${R}:${A}:cluster:ledger`, { DBClusterIdentifier: 'ledger' }],
      [`arn:aws:rds:${R}:${A}:cluster:catalog`, { DBClusterIdentifier: 'catalog' }],
    ],
    foreign: `arn:aws:rds:${R}:${A}:db:ledger-1`,
    names: ['catalog', 'ledger'],
  },
  ecs: {
    type: 'ecs:service',
    found: [
      [`arn:aws:ecs:${R}:${A}:service/prod/checkout`, { ClusterName: 'prod', ServiceName: 'checkout' }],
      [`arn:aws:ecs:${R}:${A}:service/prod/search`, { ClusterName: 'prod', ServiceName: 'search' }],
    ],
    foreign: `arn:aws:ecs:${R}:${A}:cluster/prod`,
    names: ['prod/checkout', 'prod/search'],
  },
  ec2: {
    type: 'ec2:instance',
    found: [
      [`arn:aws:ec2:${R}:${A}:instance/i-0abc123def4567890`, { InstanceId: 'i-0abc123def4567890' }],
      [`arn:aws:ec2:${R}:${A}:instance/i-0123456789abcdef0`, { InstanceId: 'i-0123456789abcdef0' }],
    ],
    foreign: `arn:aws:ec2:${R}:${A}:volume/vol-0abc123def4567890`,
    names: ['i-0123456789abcdef0', 'i-0abc123def4567890'],
  },
  ebs: {
    type: 'ec2:volume',
    found: [
      [`arn:aws:ec2:${R}:${A}:volume/vol-0abc123def4567890`, { VolumeId: 'vol-0abc123def4567890' }],
      [`arn:aws:ec2:${R}:${A}:volume/vol-0fedcba9876543210`, { VolumeId: 'vol-0fedcba9876543210' }],
    ],
    foreign: `arn:aws:ec2:${R}:${A}:instance/i-0abc123def4567890`,
    names: ['vol-0abc123def4567890', 'vol-0fedcba9876543210'],
  },
  kinesis: {
    type: 'kinesis:stream',
    found: [
      [`arn:aws:kinesis:${R}:${A}:stream/clicks`, { StreamName: 'clicks' }],
      [`arn:aws:kinesis:${R}:${A}:stream/views`, { StreamName: 'views' }],
    ],
    foreign: `arn:aws:kinesis:${R}:${A}:stream/clicks/consumer/app:1700000000`,
    names: ['clicks', 'views'],
  },
  stepfunctions: {
    type: 'states:stateMachine',
    found: [
      [
        `arn:aws:states:${R}:${A}:stateMachine:fulfil`,
        { StateMachineArn: `arn:aws:states:${R}:${A}:stateMachine:fulfil` },
      ],
      [
        `arn:aws:states:${R}:${A}:stateMachine:refund`,
        { StateMachineArn: `arn:aws:states:${R}:${A}:stateMachine:refund` },
      ],
    ],
    foreign: `arn:aws:states:${R}:${A}:activity:approve`,
    names: ['fulfil', 'refund'],
  },
  elasticache: {
    type: 'elasticache:cluster',
    found: [
      [`arn:aws:elasticache:${R}:${A}:cluster:sessions-001`, { CacheClusterId: 'sessions-001' }],
      [`arn:aws:elasticache:${R}:${A}:cluster:sessions-002`, { CacheClusterId: 'sessions-002' }],
    ],
    foreign: `arn:aws:elasticache:${R}:${A}:replicationgroup:sessions`,
    names: ['sessions-001', 'sessions-002'],
  },
  opensearch: {
    type: 'es:domain',
    found: [
      [`arn:aws:es:${R}:${A}:domain/logs`, { DomainName: 'logs', ClientId: A }],
      [`arn:aws:es:${R}:${A}:domain/search`, { DomainName: 'search', ClientId: A }],
    ],
    foreign: `arn:aws:es:${R}:${A}:application/ui`,
    names: ['logs', 'search'],
  },
  cloudfront: {
    type: 'cloudfront:distribution',
    found: [
      [`arn:aws:cloudfront::${A}:distribution/E2QWRUHAPOMQZL`, { DistributionId: 'E2QWRUHAPOMQZL', Region: 'Global' }],
      [`arn:aws:cloudfront::${A}:distribution/E1ABCDEFGHIJKL`, { DistributionId: 'E1ABCDEFGHIJKL', Region: 'Global' }],
    ],
    foreign: `arn:aws:cloudfront::${A}:function/rewrite`,
    names: ['E1ABCDEFGHIJKL', 'E2QWRUHAPOMQZL'],
  },
  s3: {
    type: 's3',
    found: [
      [`arn:aws:s3:::shop-assets`, { BucketName: 'shop-assets', FilterId: 'EntireBucket' }],
      [`arn:aws:s3:::shop-logs`, { BucketName: 'shop-logs', FilterId: 'EntireBucket' }],
    ],
    foreign: `arn:aws:s3:::shop-assets/key`,
    names: ['shop-assets', 'shop-logs'],
  },
};

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A stack with one pack of the service, every recommendation AWS leaves without a threshold given one. */
async function stackWith(service: string, select = '{ tags: { team: shop } }') {
  const pack = SERVICES[service];
  if (!pack) throw new Error(service);
  const missing = pack.recommendations.filter((r) => r.threshold.basis === 'none').map((r) => r.key);
  const override =
    missing.length > 0 ? `\n    override: {${missing.map((k) => ` "${k}": { threshold: 7 }`).join(',')} }` : '';
  const dir = mkdtempSync(path.join(tmpdir(), 'monitors-packs-'));
  dirs.push(dir);
  writeFileSync(
    path.join(dir, 'stack.yaml'),
    `stack: { name: shop, region: ${R} }\npacks:\n  - service: ${service}\n    select: ${select}${override}\n`,
  );
  return loadStack(dir);
}

const tagging = mockClient(ResourceGroupsTaggingAPIClient);
const lambda = mockClient(LambdaClient);
const sqs = mockClient(SQSClient);
const clients = () => ({
  tagging: new ResourceGroupsTaggingAPIClient({ region: R }),
  lambda: new LambdaClient({ region: R }),
  sqs: new SQSClient({ region: R }),
});
beforeEach(() => {
  tagging.reset();
  lambda.reset();
  sqs.reset();
});

const taggingModel = loadModel('resourcegroupstaggingapi');

test('there are at least 15 services, and each of the tagging API ones has a fixture here', () => {
  expect(Object.keys(SERVICES).length).toBeGreaterThanOrEqual(15);
  const viaTagging = Object.values(SERVICES).filter((s) => s.discovery.via === 'tagging-api');
  expect(viaTagging.map((s) => s.service).sort()).toEqual(Object.keys(TAGGED).sort());
});

describe.each(Object.entries(TAGGED))('%s', (service, fixture) => {
  test('discovery asks the tagging API for its type and tags, in pages; expansion makes one alarm per recommendation per resource', async () => {
    const stack = await stackWith(service);
    // Two pages, so a paging bug shows; the foreign ARN must make no alarm.
    tagging
      .on(GetResourcesCommand)
      .resolvesOnce({
        ResourceTagMappingList: [{ ResourceARN: fixture.found[0]?.[0], Tags: [{ Key: 'team', Value: 'shop' }] }],
        PaginationToken: 'page-2',
      })
      .resolves({
        ResourceTagMappingList: [
          { ResourceARN: fixture.found[1]?.[0], Tags: [{ Key: 'team', Value: 'shop' }] },
          { ResourceARN: fixture.foreign, Tags: [{ Key: 'team', Value: 'shop' }] },
        ],
        PaginationToken: '',
      });
    const discovered = await discoverPacks(clients(), stack.packs ?? [], 'tagging-api');
    const calls = tagging.commandCalls(GetResourcesCommand);
    expect(calls).toHaveLength(2);
    const input = calls[0]?.args[0].input as GetResourcesCommandInput;
    expect(input.ResourceTypeFilters).toEqual([fixture.type]);
    expect(input.TagFilters).toEqual([{ Key: 'team', Values: ['shop'] }]);
    expect(calls[1]?.args[0].input.PaginationToken).toBe('page-2');
    if (taggingModel)
      for (const c of calls) expect(modelProblems(taggingModel, 'GetResources', c.args[0].input)).toEqual([]);

    const { stack: expanded, expansions } = expandPacks(stack, discovered);
    const alarms = expanded.resources.map((r) => r.spec as MetricAlarmSpec);
    const recs = SERVICES[service]?.recommendations ?? [];
    expect(expansions[0]?.resources).toEqual(fixture.names);
    expect(alarms).toHaveLength(recs.length * 2);
    for (const [arn, dimensions] of fixture.found) {
      const mine = alarms.filter((a) => JSON.stringify(a.metric?.dimensions) === JSON.stringify(sorted(dimensions)));
      expect(mine.map((a) => a.metric?.metricName).sort()).toEqual(recs.map((r) => r.metric).sort());
      expect(arn).toBeDefined();
    }
    for (const a of alarms) {
      expect(a.name.length).toBeLessThanOrEqual(255);
      expect(a.tags).toMatchObject({ 'monitors:stack': 'shop', 'monitors:pack': service });
      expect(typeof a.threshold).toBe('number');
    }
  });
});

const sorted = (r: Record<string, string>) =>
  Object.fromEntries(Object.entries(r).sort(([a], [b]) => a.localeCompare(b)));

describe('lambda (its own list and tag calls)', () => {
  test('ListFunctions is paged, tags are read per function, the timeout feeds Duration', async () => {
    const stack = await stackWith('lambda');
    const fn = (name: string, timeout: number) => ({
      FunctionName: name,
      FunctionArn: `arn:aws:lambda:${R}:${A}:function:${name}`,
      Timeout: timeout,
    });
    lambda
      .on(ListFunctionsCommand)
      .resolvesOnce({ Functions: [fn('cart', 10)], NextMarker: 'm2' })
      .resolves({ Functions: [fn('checkout', 900), fn('reports', 60)] });
    lambda
      .on(ListTagsCommand)
      .callsFake((input: { Resource: string }) =>
        Promise.resolve({ Tags: input.Resource.endsWith(':reports') ? { team: 'finance' } : { team: 'shop' } }),
      );
    const discovered = await discoverPacks(clients(), stack.packs ?? [], 'per-resource');
    expect(lambda.commandCalls(ListFunctionsCommand).map((c) => c.args[0].input.Marker)).toEqual([undefined, 'm2']);
    const model = loadModel('lambda');
    if (model)
      for (const c of [...lambda.commandCalls(ListFunctionsCommand), ...lambda.commandCalls(ListTagsCommand)])
        expect(modelProblems(model, c.args[0].constructor.name.replace(/Command$/, ''), c.args[0].input)).toEqual([]);
    const { stack: expanded } = expandPacks(stack, discovered);
    const duration = expanded.resources
      .map((r) => r.spec as MetricAlarmSpec)
      .filter((a) => a.metric?.metricName === 'Duration')
      .map((a) => [a.metric?.dimensions.FunctionName, a.threshold, a.metric?.extendedStatistic]);
    expect(duration).toEqual([
      ['cart', 8000, 'p90'],
      ['checkout', 720000, 'p90'],
    ]);
  });
});

describe('sqs (its own list, attribute and tag calls)', () => {
  test('retention and the queue kind feed the thresholds read from the resource', async () => {
    const stack = await stackWith('sqs', '{ prefix: orders }');
    const url = (name: string) => `https://sqs.${R}.amazonaws.com/${A}/${name}`;
    sqs.on(ListQueuesCommand).resolves({ QueueUrls: [url('orders'), url('orders.fifo'), url('ordersx-other')] });
    sqs.on(GetQueueAttributesCommand).callsFake((input: { QueueUrl: string }) => {
      const name = input.QueueUrl.slice(input.QueueUrl.lastIndexOf('/') + 1);
      return Promise.resolve({
        Attributes: {
          QueueArn: `arn:aws:sqs:${R}:${A}:${name}`,
          MessageRetentionPeriod: name === 'orders' ? '345600' : '1209600',
          ...(name.endsWith('.fifo') ? { FifoQueue: 'true' } : {}),
        },
      });
    });
    const discovered = await discoverPacks(clients(), stack.packs ?? [], 'per-resource');
    expect(sqs.commandCalls(ListQueuesCommand)[0]?.args[0].input.QueueNamePrefix).toBe('orders');
    // No tag selection: no tag read.
    expect(sqs.commandCalls(ListQueueTagsCommand)).toHaveLength(0);
    const model = loadModel('sqs');
    if (model)
      for (const c of sqs.commandCalls(GetQueueAttributesCommand))
        expect(modelProblems(model, 'GetQueueAttributes', c.args[0].input)).toEqual([]);
    const { stack: expanded } = expandPacks(stack, discovered);
    const rows = expanded.resources
      .map((r) => r.spec as MetricAlarmSpec)
      .filter(
        (a) =>
          a.metric?.metricName !== 'NumberOfMessagesSent' &&
          a.metric?.metricName !== 'ApproximateNumberOfMessagesVisible',
      )
      .map((a) => `${a.name} ${a.threshold}`)
      .sort();
    expect(rows).toEqual([
      'sqs-orders-ApproximateAgeOfOldestMessage 276480',
      'sqs-orders-ApproximateNumberOfMessagesNotVisible 108000',
      'sqs-orders.fifo-ApproximateAgeOfOldestMessage 967680',
      'sqs-orders.fifo-ApproximateNumberOfMessagesNotVisible 18000',
      'sqs-ordersx-other-ApproximateAgeOfOldestMessage 967680',
      'sqs-ordersx-other-ApproximateNumberOfMessagesNotVisible 108000',
    ]);
  });
});

test('the API model check finds a bad request (so the checks above can fail)', () => {
  if (!taggingModel) throw new Error('botocore is not installed in .venv-emulator: npm run emulator:install');
  const filters = Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}` }));
  expect(modelProblems(taggingModel, 'GetResources', { TagFilters: filters, Bogus: 1 })).toEqual([
    'GetResources.TagFilters has more than 50',
    'GetResources.Bogus is not a member',
  ]);
});
