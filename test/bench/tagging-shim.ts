/**
 * ministack serves the Resource Groups Tagging API for SNS only (test/README.md). To count the calls
 * the batch reader makes as AWS would see them, this loopback proxy answers GetResources itself, from
 * the emulator's own per-resource tags, and forwards everything else untouched. The calls the shim
 * makes to build its answer are the service's work, not the client's, and are not counted; they do
 * make the batch path's wall time on the emulator pessimistic.
 */
import {
  CloudWatchClient,
  DescribeAlarmsCommand,
  ListTagsForResourceCommand as AlarmTags,
} from '@aws-sdk/client-cloudwatch';
import {
  CloudWatchLogsClient,
  DescribeLogGroupsCommand,
  ListTagsForResourceCommand as LogTags,
} from '@aws-sdk/client-cloudwatch-logs';
import { ListTagsForResourceCommand as TopicTags, ListTopicsCommand, SNSClient } from '@aws-sdk/client-sns';
import { createServer } from 'http';
import { mapLimit } from '../../src/apply/concurrency';
import { forward } from '../harness/forward';
import type { AddressInfo } from 'net';

// Tag reads in flight while the shim lists an account's tags (the emulator's latency, not its CPU, bounds them).
const IN_FLIGHT = 32;

interface Mapping {
  ResourceARN: string;
  Tags: { Key: string; Value: string }[];
}

async function allTagged(endpoint: string, accessKeyId: string, region: string): Promise<Mapping[]> {
  const config = { region, endpoint, credentials: { accessKeyId, secretAccessKey: 'shim' } };
  const cw = new CloudWatchClient(config);
  const logs = new CloudWatchLogsClient(config);
  const sns = new SNSClient(config);
  const out: Mapping[] = [];
  let token: string | undefined;
  do {
    const page = await cw.send(
      new DescribeAlarmsCommand({ AlarmTypes: ['MetricAlarm', 'CompositeAlarm'], MaxRecords: 100, NextToken: token }),
    );
    await mapLimit([...(page.MetricAlarms ?? []), ...(page.CompositeAlarms ?? [])], IN_FLIGHT, async (a) => {
      const tags = (await cw.send(new AlarmTags({ ResourceARN: a.AlarmArn }))).Tags ?? [];
      out.push({ ResourceARN: a.AlarmArn ?? '', Tags: tags.map((t) => ({ Key: t.Key ?? '', Value: t.Value ?? '' })) });
    });
    token = page.NextToken;
  } while (token);
  do {
    const page = await logs.send(new DescribeLogGroupsCommand({ nextToken: token }));
    await mapLimit(page.logGroups ?? [], IN_FLIGHT, async (g) => {
      const arn = (g.arn ?? '').replace(/:\*$/, '');
      const tags = (await logs.send(new LogTags({ resourceArn: arn }))).tags ?? {};
      out.push({ ResourceARN: arn, Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) });
    });
    token = page.nextToken;
  } while (token);
  do {
    const page = await sns.send(new ListTopicsCommand({ NextToken: token }));
    for (const t of page.Topics ?? []) {
      const tags = (await sns.send(new TopicTags({ ResourceArn: t.TopicArn }))).Tags ?? [];
      out.push({ ResourceARN: t.TopicArn ?? '', Tags: tags.map((x) => ({ Key: x.Key ?? '', Value: x.Value ?? '' })) });
    }
    token = page.NextToken;
  } while (token);
  return out;
}

/**
 * Starts the shim in front of the emulator. prime() reads the account's tags once, before measured
 * plans of a stack that no longer changes (the shim's own work, not the client's); without it every
 * listing reads them afresh.
 */
export async function startTaggingShim(
  target: string,
): Promise<{ endpoint: string; prime(accessKeyId: string, region?: string): Promise<void>; stop(): Promise<void> }> {
  const url = new URL(target);
  const pages = new Map<string, Mapping[]>();
  let nextId = 0;
  // A primed account's tags are read once, before the measured plans (a large stack's tags took the
  // emulator minutes to list, longer than a client waits); any other listing reads them afresh, so
  // tests that change tags between calls see the change.
  const primed = new Map<string, Promise<Mapping[]>>();
  const snapshot = (accessKeyId: string, region: string) =>
    primed.get(`${accessKeyId}|${region}`) ?? allTagged(target, accessKeyId, region);
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks);
      if (req.headers['x-amz-target'] === 'ResourceGroupsTaggingAPI_20170126.GetResources') {
        const input = JSON.parse(body.toString('utf8') || '{}') as {
          TagFilters?: { Key: string; Values?: string[] }[];
          ResourcesPerPage?: number;
          PaginationToken?: string;
        };
        const auth = String(req.headers.authorization ?? '');
        const [, accessKeyId = '', , region = 'us-east-1'] = /Credential=([^/]+)\/(\d+)\/([^/]+)\//.exec(auth) ?? [];
        let rest = input.PaginationToken ? pages.get(input.PaginationToken) : undefined;
        if (!rest) {
          const all = await snapshot(accessKeyId, region).catch((err: unknown) => {
            // The client sees a service error (and retries), not a crashed benchmark.
            console.error('tagging shim: reading tags failed:', err);
            return undefined;
          });
          if (!all) {
            res.writeHead(500, { 'content-type': 'application/x-amz-json-1.1' });
            res.end(
              JSON.stringify({ __type: 'InternalServiceException', Message: 'tagging shim: reading tags failed' }),
            );
            return;
          }
          rest = all.filter((m) =>
            (input.TagFilters ?? []).every((f) =>
              m.Tags.some((t) => t.Key === f.Key && (!f.Values?.length || f.Values.includes(t.Value))),
            ),
          );
        }
        const size = input.ResourcesPerPage ?? 100;
        const page = rest.slice(0, size);
        const remaining = rest.slice(size);
        let PaginationToken = '';
        if (remaining.length > 0) {
          PaginationToken = `shim-${nextId++}`;
          pages.set(PaginationToken, remaining);
        }
        res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
        res.end(JSON.stringify({ ResourceTagMappingList: page, PaginationToken }));
        return;
      }
      forward(url, req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    prime: async (accessKeyId: string, region = 'us-east-1') => {
      const tags = allTagged(target, accessKeyId, region);
      primed.set(`${accessKeyId}|${region}`, tags);
      await tags;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
