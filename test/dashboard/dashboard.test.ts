/**
 * The dashboard kind without AWS: the YAML form onto the body JSON (one to one, AWS's documented
 * shape), the normalization that makes a re-plan empty, the widget-level plan diff, the overview the
 * tool draws for a stack, its IAM fence, and every YAML mistake with its place and no request sent.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { planStack } from '../../src/core';
import { loadStack, withAccountId } from '../../src/config/load';
import { iamPolicy } from '../../src/iam-policy';
import { HANDLERS } from '../../src/kinds';
import { bodyLines, normalizeBody } from '../../src/kinds/dashboard/body';
import { flow } from '../../src/kinds/dashboard/layout';
import { dashboardOwner } from '../../src/kinds/dashboard/name';
import { ConfigError, formatDiagnostic, type Change, type Diagnostic, type Plan } from '../../src/model';
import { renderMarkdown } from '../../src/render';
import { changeLines } from '../../src/render/fields';
import type { DashboardSpec } from '../../src/kinds/dashboard/spec';
import { startCountingEndpoint, type CountingEndpoint } from '../harness/counting-endpoint';
import { keyOf } from '../../src/kinds/keys';

const root = mkdtempSync(path.join(tmpdir(), 'monitors-dashboards-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const STACK = `stack:
  name: shop
  region: eu-west-1
alarms:
  - name: api-latency
    metric: { namespace: AWS/Lambda, name: Duration, stat: p99, period: 5m, dimensions: { FunctionName: api } }
    threshold: "> 800"
compositeAlarms:
  - name: shop-down
    rule: ALARM(api-latency)
`;

let n = 0;
function dir(files: Readonly<Record<string, string>>): string {
  const d = path.join(root, `case-${n++}`);
  mkdirSync(d, { recursive: true });
  for (const [name, text] of Object.entries({ 'stack.yaml': STACK, ...files })) writeFileSync(path.join(d, name), text);
  return d;
}

async function dashboards(files: Readonly<Record<string, string>>, account = '123456789012'): Promise<DashboardSpec[]> {
  const stack = withAccountId(await loadStack(dir(files), { env: {} }), account);
  return stack.resources.flatMap((r) => (r.spec.kind === 'dashboard' ? [r.spec] : []));
}

const one = async (files: Readonly<Record<string, string>>) => {
  const [d] = await dashboards(files);
  if (!d) throw new Error('no dashboard built');
  return { spec: d, body: JSON.parse(d.body) as { widgets: Record<string, unknown>[] } & Record<string, unknown> };
};

describe('the YAML form maps one to one onto the dashboard body', () => {
  test('each widget kind becomes the body JSON AWS documents, laid out on the 24-column grid', async () => {
    const { spec, body } = await one({
      'dash.yaml': `dashboards:
  - name: api
    start: -PT3H
    periodOverride: inherit
    widgets:
      - text: { markdown: "# API" }
      - graph: { title: Latency, alarm: api-latency }
      - graph:
          title: Errors
          metrics:
            - { namespace: AWS/Lambda, name: Errors, dimensions: { FunctionName: api, Alias: live }, stat: Sum, period: 1m, label: errors }
          threshold: { value: 5, label: too many }
          view: bar
          stacked: true
          period: 5m
      - alarms: { title: State, alarms: [api-latency, shop-down] }
      - logs:
          title: Recent
          logGroups: [/aws/lambda/api]
          query: fields @message | limit 20
        width: 24
        height: 4
      - text: { markdown: pinned }
        x: 20
        y: 30
        width: 4
`,
    });
    expect(spec.name).toBe('monitors_shop_eu-west-1_api');
    const arn = (name: string) => `arn:aws:cloudwatch:eu-west-1:123456789012:alarm:${name}`;
    expect(body).toEqual({
      start: '-PT3H',
      periodOverride: 'inherit',
      widgets: [
        { type: 'text', x: 0, y: 0, width: 24, height: 2, properties: { markdown: '# API' } },
        {
          type: 'metric',
          x: 0,
          y: 2,
          width: 12,
          height: 6,
          properties: {
            title: 'Latency',
            region: 'eu-west-1',
            annotations: { alarms: [arn('api-latency')] },
            view: 'timeSeries',
            stacked: false,
            period: 300,
          },
        },
        {
          type: 'metric',
          x: 12,
          y: 2,
          width: 12,
          height: 6,
          properties: {
            title: 'Errors',
            region: 'eu-west-1',
            view: 'bar',
            stacked: true,
            period: 300,
            metrics: [
              [
                'AWS/Lambda',
                'Errors',
                'Alias',
                'live',
                'FunctionName',
                'api',
                { stat: 'Sum', period: 60, label: 'errors' },
              ],
            ],
            annotations: { horizontal: [{ value: 5, label: 'too many' }] },
          },
        },
        {
          type: 'alarm',
          x: 0,
          y: 8,
          width: 24,
          height: 3,
          properties: { title: 'State', alarms: [arn('api-latency'), arn('shop-down')] },
        },
        {
          type: 'log',
          x: 0,
          y: 11,
          width: 24,
          height: 4,
          properties: {
            title: 'Recent',
            region: 'eu-west-1',
            query: "SOURCE '/aws/lambda/api' | fields @message | limit 20",
            view: 'table',
          },
        },
        { type: 'text', x: 20, y: 30, width: 4, height: 2, properties: { markdown: 'pinned' } },
      ],
    });
  });

  test('the stored body is canonical: keys sorted at every level, so AWS gets the same text every run', async () => {
    const { spec } = await one({
      'dash.yaml': 'dashboards:\n  - name: a\n    widgets:\n      - text: { markdown: x }\n',
    });
    expect(spec.body).toBe(
      '{"widgets":[{"height":2,"properties":{"markdown":"x"},"type":"text","width":24,"x":0,"y":0}]}',
    );
  });

  test('names parse back to their stack and region; others belong to no stack', () => {
    expect(dashboardOwner('monitors_shop_eu-west-1_api')).toEqual({ stack: 'shop', region: 'eu-west-1' });
    expect(dashboardOwner('monitors_shop-2_us-gov-west-1_my_dash')).toEqual({
      stack: 'shop-2',
      region: 'us-gov-west-1',
    });
    expect(dashboardOwner('shop-overview')).toBeUndefined();
    expect(dashboardOwner('monitors_Shop_eu-west-1_x')).toBeUndefined();
  });

  test('the flow layout wraps a widget that does not fit the row below the row’s tallest', () => {
    expect(
      flow([
        { width: 12, height: 3 },
        { width: 8, height: 6 },
        { width: 8, height: 2 },
        { width: 24, height: 1 },
      ]),
    ).toEqual([
      { x: 0, y: 0, width: 12, height: 3 },
      { x: 12, y: 0, width: 8, height: 6 },
      { x: 0, y: 6, width: 8, height: 2 },
      { x: 0, y: 8, width: 24, height: 1 },
    ]);
  });
});

describe('normalization: what AWS may hand back equals what the files say', () => {
  test('key order and the defaults AWS fills (size, view, stacked, period) make no difference', () => {
    const ours = normalizeBody(
      '{"widgets":[{"type":"metric","x":0,"y":0,"width":6,"height":6,"properties":{"region":"eu-west-1","metrics":[["A","B"]],"view":"timeSeries","stacked":false,"period":300}}]}',
    );
    const theirs = normalizeBody(
      '{ "widgets": [ { "properties": { "metrics": [ [ "A", "B" ] ], "region": "eu-west-1" }, "y": 0, "x": 0, "type": "metric" } ] }',
    );
    expect(theirs).toBe(ours);
  });

  test('a different value is still a difference, and text that is not JSON is kept as is', () => {
    const a = normalizeBody('{"widgets":[{"type":"log","properties":{"query":"q","view":"table"}}]}');
    const b = normalizeBody('{"widgets":[{"type":"log","properties":{"query":"q","view":"bar"}}]}');
    expect(a).not.toBe(b);
    expect(normalizeBody('not json')).toBe('not json');
  });
});

/** The plan lines of an update from one body to another, as the renderers print them. */
function updateLines(before: DashboardSpec, after: DashboardSpec): string[] {
  const diffs = HANDLERS.dashboard.diff(before, after);
  const change: Change = { action: 'update', key: keyOf(after, 'eu-west-1'), before, after, diffs, seen: 'x' };
  return changeLines(change).map((l) => `${l.sign} ${l.text}`);
}

describe('a dashboard change reads as the widget lines it touches', () => {
  test('changing one widget’s title and threshold shows that widget’s lines, the rest as context', async () => {
    const yaml = (title: string, value: number) => ({
      'dash.yaml': `dashboards:
  - name: api
    widgets:
      - text: { markdown: "# API" }
      - graph:
          title: ${title}
          metrics: [{ namespace: AWS/Lambda, name: Errors, stat: Sum }]
          threshold: ${value}
`,
    });
    const before = (await one(yaml('Errors', 5))).spec;
    const after = (await one(yaml('Errors now', 7))).spec;
    const lines = updateLines(before, after);
    expect(lines[0]).toBe('~ body:');
    expect(lines.filter((l) => l.startsWith('-'))).toEqual([
      '-     graph "Errors" at 0,2 size 12x6',
      '-       horizontal line: {"value":5}',
    ]);
    expect(lines.filter((l) => l.startsWith('+'))).toEqual([
      '+     graph "Errors now" at 0,2 size 12x6',
      '+       horizontal line: {"value":7}',
    ]);
    expect(lines).toContain('        markdown| # API');
    expect(lines).toContain('        metric: AWS/Lambda Errors stat="Sum"');
  });

  test('in a long dashboard, unchanged stretches are counted, each change keeps its widget heading', async () => {
    const alarms = (n: number) =>
      `alarms:\n${Array.from({ length: n }, (_, i) => `  - name: a${String(i).padStart(2, '0')}\n    metric: { namespace: A, name: B, stat: Sum }\n    threshold: "> 1"\n`).join('')}`;
    const overview = STACK.replace('  region: eu-west-1\n', '  region: eu-west-1\n  dashboard: true\n');
    const [before] = await dashboards({ 'stack.yaml': overview, 'a.yaml': alarms(40) });
    const [after] = await dashboards({
      'stack.yaml': overview,
      'a.yaml': alarms(40).replace('name: a17', 'name: a17-renamed'),
    });
    if (!before || !after) throw new Error('no overview');
    const lines = updateLines(before, after);
    // 40 graphs of 6 lines and 42 alarm lines: the diff shows a few dozen, not hundreds.
    expect(lines.length).toBeLessThan(40);
    expect(lines.filter((l) => /^ {4,}… \d+ unchanged lines$/.test(l)).length).toBeGreaterThanOrEqual(2);
    expect(lines).toContain('-       alarm: a17');
    expect(lines).toContain('+       alarm: a17-renamed');
    expect(lines).toContain('      alarm status "Alarms" at 0,2 size 24x12');
    expect(lines).toContain('-     graph "a17" at 16,44 size 8x6');
  });

  test('a create shows the widgets as lines too, never the body as one JSON value', async () => {
    const { spec } = await one({
      'dash.yaml': 'dashboards:\n  - name: a\n    widgets:\n      - alarms: { alarms: [api-latency] }\n',
    });
    const lines = changeLines({ action: 'create', key: keyOf(spec, 'eu-west-1'), after: spec }).map((l) => l.text);
    expect(lines).toEqual([
      'name: "monitors_shop_eu-west-1_a"',
      'body:',
      '    alarm status at 0,0 size 24x3',
      '      alarm: api-latency',
    ]);
    expect(bodyLines('not json')).toBeUndefined();
  });

  test('in markdown a hostile text widget stays inside the diff fence', async () => {
    const { spec } = await one({
      'dash.yaml': `dashboards:
  - name: a
    widgets:
      - text:
          markdown: |
            \`\`\`
            </details><script>alert(1)</script>
            [click](https://evil.example)
`,
    });
    const plan: Plan = {
      version: 1,
      stack: 'shop',
      region: 'eu-west-1',
      accountId: '123456789012',
      changes: [{ action: 'create', key: keyOf(spec, 'eu-west-1'), after: spec }],
      guards: [],
      notices: [],
      liveFingerprint: 'x',
    };
    const md = renderMarkdown(plan);
    const fence = /^(`{4,})diff$/m.exec(md)?.[1];
    expect(fence).toBeDefined();
    const inside = md.slice(md.indexOf(`${fence ?? ''}diff`), md.lastIndexOf(fence ?? ''));
    expect(inside).toContain('</details><script>alert(1)</script>');
    expect(md.replace(inside, '')).not.toContain('<script>');
  });
});

describe('stack.dashboard: true draws the overview', () => {
  const withOverview = STACK.replace('  region: eu-west-1\n', '  region: eu-west-1\n  dashboard: true\n');

  test('every alarm in an alarm status widget, a graph with its threshold line per metric alarm', async () => {
    const [overview] = await dashboards({ 'stack.yaml': withOverview });
    expect(overview?.name).toBe('monitors_shop_eu-west-1_overview');
    const body = JSON.parse(overview?.body ?? '{}') as {
      widgets: { type: string; properties: Record<string, unknown> }[];
    };
    const arn = (name: string) => `arn:aws:cloudwatch:eu-west-1:123456789012:alarm:${name}`;
    expect(body.widgets.map((w) => w.type)).toEqual(['text', 'alarm', 'metric']);
    expect(body.widgets[1]?.properties.alarms).toEqual([arn('api-latency'), arn('shop-down')]);
    expect(body.widgets[2]?.properties.annotations).toEqual({ alarms: [arn('api-latency')] });
  }, 10_000);

  test('it follows the stack: an alarm added in any file is on it', async () => {
    const extra = 'alarms:\n  - name: zz-new\n    metric: { namespace: A, name: B, stat: Sum }\n    threshold: "> 1"\n';
    const [before] = await dashboards({ 'stack.yaml': withOverview });
    const [after] = await dashboards({ 'stack.yaml': withOverview, 'more.yaml': extra });
    expect(after?.body).not.toBe(before?.body);
    expect(after?.body).toContain(':alarm:zz-new"');
  });

  test('more than 100 alarms are split over several status widgets (AWS allows 100 each)', async () => {
    const many = Array.from(
      { length: 150 },
      (_, i) =>
        `  - name: a${String(i).padStart(3, '0')}\n    metric: { namespace: A, name: B, stat: Sum }\n    threshold: "> 1"\n`,
    ).join('');
    const [overview] = await dashboards({ 'stack.yaml': withOverview, 'many.yaml': `alarms:\n${many}` });
    const body = JSON.parse(overview?.body ?? '{}') as {
      widgets: { type: string; properties: { alarms?: string[] } }[];
    };
    const status = body.widgets.filter((w) => w.type === 'alarm');
    expect(status.map((w) => w.properties.alarms?.length)).toEqual([100, 52]);
    expect(body.widgets.filter((w) => w.type === 'metric')).toHaveLength(151);
  });
});

test('IAM: dashboards are fenced by their name prefix, ListDashboards alone on "*"', () => {
  const policy = iamPolicy('apply', {
    stack: 'shop',
    region: 'eu-west-1',
    accountId: '123456789012',
    formerNames: ['old'],
  });
  const byId = (sid: string) => policy.Statement.find((s) => s.Sid === sid);
  const prefixes = [
    'arn:aws:cloudwatch::123456789012:dashboard/monitors_shop_eu-west-1_*',
    'arn:aws:cloudwatch::123456789012:dashboard/monitors_old_eu-west-1_*',
  ];
  expect(byId('MonitorsWriteDashboards')).toEqual({
    Sid: 'MonitorsWriteDashboards',
    Effect: 'Allow',
    Action: ['cloudwatch:PutDashboard', 'cloudwatch:DeleteDashboards'],
    Resource: prefixes,
  });
  expect(byId('MonitorsPlanReadDashboards')?.Resource).toEqual(prefixes);
  expect(byId('MonitorsPlanList')?.Action).toContain('cloudwatch:ListDashboards');
  const plan = iamPolicy('plan', { stack: 'shop', region: 'eu-west-1', accountId: '123456789012' });
  expect(plan.Statement.flatMap((s) => [s.Action].flat())).not.toContain('cloudwatch:PutDashboard');
});

describe('mistakes in dashboards: the exact place, a clear message, and nothing sent to AWS', () => {
  let aws: CountingEndpoint;
  beforeAll(async () => {
    aws = await startCountingEndpoint();
  });
  afterAll(() => aws.close());

  const widget = (yaml: string) => `dashboards:\n  - name: a\n    widgets:\n${yaml}`;
  const CASES: readonly { name: string; files: Record<string, string>; expected: string | RegExp }[] = [
    {
      name: 'two kinds in one widget',
      files: { 'd.yaml': widget('      - graph: { alarm: api-latency }\n        text: { markdown: x }\n') },
      expected:
        'd.yaml:4:9: error SCHEMA: a widget is one of graph, alarms, logs or text, not graph and text: make each its own widget',
    },
    {
      name: 'a widget of no kind',
      files: { 'd.yaml': widget('      - width: 6\n') },
      expected: 'd.yaml:4:9: error SCHEMA: a widget needs one of graph, alarms, logs or text',
    },
    {
      name: 'a graph of an alarm and of metrics at once',
      files: {
        'd.yaml': widget(
          '      - graph:\n          alarm: api-latency\n          metrics: [{ namespace: A, name: B }]\n',
        ),
      },
      expected:
        'd.yaml:5:11: error SCHEMA: a graph needs exactly one of "alarm" (the alarm\'s metric with its threshold line) or "metrics"',
    },
    {
      name: 'a threshold on a graph of an alarm',
      files: { 'd.yaml': widget('      - graph: { alarm: api-latency, threshold: 3 }\n') },
      expected:
        'd.yaml:4:49: error SCHEMA: a graph of an alarm already draws its threshold line: remove "threshold", or graph "metrics" instead',
    },
    {
      name: 'an alarm no file declares',
      files: { 'd.yaml': widget('      - alarms: { alarms: [api-latency, api-latncy] }\n') },
      expected:
        /^d\.yaml:4:41: error DANGLING_REFERENCE: alarm "api-latncy" is not declared in any file; did you mean "api-latency"\?$/,
    },
    {
      name: 'a widget past the right edge of the grid',
      files: { 'd.yaml': widget('      - text: { markdown: x }\n        x: 20\n        y: 0\n        width: 6\n') },
      expected: "d.yaml:7:16: error SCHEMA: x 20 + width 6 is past the grid's 24 columns",
    },
    {
      name: 'x without y',
      files: { 'd.yaml': widget('      - text: { markdown: x }\n        x: 2\n        width: 6\n') },
      expected:
        'd.yaml:4:9: error SCHEMA: give a widget both x and y, or neither (then it is placed after the one before)',
    },
    {
      name: 'a period CloudWatch refuses',
      files: { 'd.yaml': widget('      - graph: { metrics: [{ namespace: A, name: B, period: 45s }] }\n') },
      expected:
        'd.yaml:4:61: error SCHEMA: period "45s" is 45s; CloudWatch accepts 10, 20, 30, or a multiple of 60 seconds',
    },
    {
      name: 'a widget key the format does not have',
      files: { 'd.yaml': widget('      - graf: { alarm: api-latency }\n') },
      expected: /^d\.yaml:4:\d+: error SCHEMA: .*graf/,
    },
    {
      name: 'a dashboard named like the overview while stack.dashboard is on',
      files: {
        'stack.yaml': STACK.replace('  region: eu-west-1\n', '  region: eu-west-1\n  dashboard: true\n'),
        'd.yaml': 'dashboards:\n  - name: overview\n    widgets:\n      - text: { markdown: x }\n',
      },
      expected:
        /^stack\.yaml:4:14: error DUPLICATE_NAME: dashboard monitors_shop_eu-west-1_overview is declared twice; first at .*\/d\.yaml:2:5$/,
    },
    {
      name: "a name AWS's 255 characters cannot hold with the stack's prefix",
      files: {
        'stack.yaml': STACK.replace('name: shop', `name: s${'x'.repeat(62)}`),
        'd.yaml': `dashboards:\n  - name: ${'n'.repeat(200)}\n    widgets:\n      - text: { markdown: x }\n`,
      },
      expected:
        "d.yaml:2:11: error LIMIT_EXCEEDED: the dashboard's name in AWS (monitors_<stack>_<region>_ and this name) is 283 characters; AWS allows 255",
    },
  ];

  async function diagnosticsOf(files: Record<string, string>): Promise<readonly Diagnostic[]> {
    try {
      await planStack({
        directory: dir(files),
        endpointUrl: aws.url,
        credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
        adopt: false,
        allowMassDelete: false,
        maxDeleteShare: 0.5,
        env: {},
      });
    } catch (err) {
      if (err instanceof ConfigError) return err.diagnostics;
      throw err;
    }
    throw new Error('planStack accepted files that should have been refused');
  }

  test.each(CASES)('$name', async (c) => {
    const before = aws.requests();
    const first = (await diagnosticsOf(c.files)).find((d) => d.severity === 'error');
    const shown = first && formatDiagnostic(first).replace(/^.*?(\w+\.yaml:)/, '$1');
    if (typeof c.expected === 'string') expect(shown).toBe(c.expected);
    else expect(shown).toMatch(c.expected);
    expect(aws.requests() - before).toBe(0);
  });
});
