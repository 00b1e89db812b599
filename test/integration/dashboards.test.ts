/**
 * Dashboards end to end against the emulator with the real clients: create, read back equal (a
 * re-plan is empty), update a widget, adopt one made by hand under the stack's name, leave others'
 * and unowned dashboards alone, and delete. Straight to the emulator, whose ListDashboards answers
 * LastModified as an ISO string in a JSON answer (test/README.md): the reader reads it like AWS's
 * epoch seconds (aws/tolerant-reading.ts).
 */
import {
  CloudWatchClient,
  GetDashboardCommand,
  ListDashboardsCommand,
  PutDashboardCommand,
} from '@aws-sdk/client-cloudwatch';
import { writeFileSync } from 'fs';
import * as path from 'path';
import { planStack } from '../../src/core';
import { freshAccount, type TestAccount } from '../harness/emulator';
import { createClients } from '../../src/aws/clients';
import { changeSummary, optionsFor, reconcile, removeStackDirs, stackDir } from './stack-dir';

const STACK = `stack:
  name: shop
  region: us-east-1
alarms:
  - name: api-errors
    metric: { namespace: Shop, name: Errors, stat: Sum, period: 1m }
    threshold: "> 5"
`;

const DASHBOARD = (title: string) => `dashboards:
  - name: api
    widgets:
      - text: { markdown: "# API" }
      - graph: { title: ${title}, alarm: api-errors }
      - alarms: { alarms: [api-errors] }
      - logs: { logGroups: [/aws/lambda/api], query: "fields @message | limit 20" }
`;

let account: TestAccount;
let cloudwatch: CloudWatchClient;
beforeAll(async () => {
  account = freshAccount();
  // The tool's own clients: a bare SDK client fails on the emulator's ISO LastModified.
  cloudwatch = createClients({
    region: account.region,
    endpoint: account.endpoint,
    credentials: account.credentials,
  }).cloudwatch;
});
afterAll(async () => {
  removeStackDirs();
});

const options = (dir: string) => optionsFor(account, dir);
const names = async () =>
  ((await cloudwatch.send(new ListDashboardsCommand({}))).DashboardEntries ?? []).map((e) => e.DashboardName).sort();
const stored = async (name: string) =>
  JSON.parse((await cloudwatch.send(new GetDashboardCommand({ DashboardName: name }))).DashboardBody ?? '{}') as {
    widgets: { type: string; properties: Record<string, unknown> }[];
  };

// Made by hand before the stack: one under another stack's prefix, one with no prefix at all.
const STRANGERS = ['monitors_other_us-east-1_api', 'shop-handmade'];

describe('a stack with a dashboard and the overview', () => {
  const dir = stackDir({
    'stack.yaml': STACK.replace('  region: us-east-1\n', '  region: us-east-1\n  dashboard: true\n'),
  });
  const file = path.join(dir, 'dash.yaml');

  test('creates both, with the real account in the alarm ARNs, and the strangers stay', async () => {
    for (const name of STRANGERS)
      await cloudwatch.send(new PutDashboardCommand({ DashboardName: name, DashboardBody: '{"widgets":[]}' }));
    writeFileSync(file, DASHBOARD('Errors'));
    const { run } = await reconcile(options(dir));
    expect(changeSummary(run)).toEqual([
      'create dashboard monitors_shop_us-east-1_api',
      'create dashboard monitors_shop_us-east-1_overview',
      'create metricAlarm api-errors',
    ]);
    expect(await names()).toEqual([
      'monitors_other_us-east-1_api',
      'monitors_shop_us-east-1_api',
      'monitors_shop_us-east-1_overview',
      'shop-handmade',
    ]);
    const body = await stored('monitors_shop_us-east-1_api');
    const arn = `arn:aws:cloudwatch:us-east-1:${account.accountId}:alarm:api-errors`;
    expect(body.widgets.map((w) => w.type)).toEqual(['text', 'metric', 'alarm', 'log']);
    expect(body.widgets[1]?.properties.annotations).toEqual({ alarms: [arn] });
    expect(body.widgets[2]?.properties.alarms).toEqual([arn]);
    const overview = await stored('monitors_shop_us-east-1_overview');
    expect(overview.widgets.find((w) => w.type === 'alarm')?.properties.alarms).toEqual([arn]);
  });

  test('reads back equal: a second plan is empty', async () => {
    const run = await planStack(options(dir));
    expect(changeSummary(run)).toEqual([]);
  });

  test('a changed widget is an update of that dashboard only, and applies to an empty plan again', async () => {
    writeFileSync(file, DASHBOARD('Errors per minute'));
    const { run } = await reconcile(options(dir));
    expect(changeSummary(run)).toEqual(['update dashboard monitors_shop_us-east-1_api']);
    const update = run.plan.changes.find((c) => c.action === 'update');
    expect(update && 'diffs' in update ? update.diffs.map((d) => d.path) : []).toEqual(['body']);
    expect((await stored('monitors_shop_us-east-1_api')).widgets[1]?.properties.title).toBe('Errors per minute');
    expect(changeSummary(await planStack(options(dir)))).toEqual([]);
  });

  test('an alarm added to the stack is drawn on the overview by the next apply', async () => {
    writeFileSync(
      path.join(dir, 'more.yaml'),
      'alarms:\n  - name: api-slow\n    metric: { namespace: Shop, name: Latency, stat: p99, period: 1m }\n    threshold: "> 900"\n',
    );
    const { run } = await reconcile(options(dir));
    expect(changeSummary(run)).toEqual([
      'create metricAlarm api-slow',
      'update dashboard monitors_shop_us-east-1_overview',
    ]);
    const overview = await stored('monitors_shop_us-east-1_overview');
    expect(overview.widgets.filter((w) => w.type === 'metric').map((w) => w.properties.title)).toEqual([
      'api-errors',
      'api-slow',
    ]);
  });

  test('a dashboard made by hand under the stack’s name is taken over (an update), a console edit is put back', async () => {
    await cloudwatch.send(
      new PutDashboardCommand({
        DashboardName: 'monitors_shop_us-east-1_api',
        DashboardBody: '{"widgets":[{"type":"text","properties":{"markdown":"edited"}}]}',
      }),
    );
    const { run } = await reconcile(options(dir));
    expect(changeSummary(run)).toEqual(['update dashboard monitors_shop_us-east-1_api']);
    expect((await stored('monitors_shop_us-east-1_api')).widgets).toHaveLength(4);
  });

  test('removed from the files (and stack.dashboard off), both are deleted; the strangers stay', async () => {
    writeFileSync(file, '');
    writeFileSync(path.join(dir, 'stack.yaml'), STACK);
    const { run } = await reconcile(options(dir));
    expect(changeSummary(run)).toEqual([
      'delete dashboard monitors_shop_us-east-1_api',
      'delete dashboard monitors_shop_us-east-1_overview',
    ]);
    expect(await names()).toEqual(STRANGERS);
    expect(changeSummary(await planStack(options(dir)))).toEqual([]);
  });
});
