/**
 * Contributor Insights rules with the features around them, offline: rule tests (`monitors test`)
 * simulate the stack's other alarms and say plainly that an alarm on INSIGHT_RULE_METRIC cannot be
 * simulated; the plan of a new rule shows its definition as readable JSON lines; `${env:}` in a tag
 * value is allowed and never printed.
 */
import { mkdirSync, writeFileSync } from 'fs';
import * as path from 'path';
import { freshAccount } from '../harness/emulator';
import { runCliCaptured } from '../harness/run-cli';
import { loadStack } from '../../src/config/load';
import { removeStackDirs, stackDir } from '../integration/stack-dir';

afterAll(removeStackDirs);

const STACK = `stack:
  name: shop
  region: us-east-1
topics:
  - name: shop-alerts
logGroups:
  - name: /shop/api
metricFilters:
  - name: errors
    logGroup: /shop/api
    pattern: ERROR
    metric: { namespace: Shop, name: Errors }
contributorInsights:
  - name: shop-top-ips
    rule:
      LogGroupNames: [/shop/api]
      LogFormat: JSON
      Contribution:
        Keys: [$.ip]
      AggregateOn: Count
    tags:
      owner: \${env:RULE_OWNER}
alarms:
  - name: shop-one-ip
    metrics:
      - id: top
        expression: INSIGHT_RULE_METRIC('shop-top-ips', 'MaxContributorValue')
        period: 1m
    threshold: "> 100"
    notify: shop-alerts
  - name: shop-errors
    metric: { namespace: Shop, name: Errors, stat: Sum, period: 1m }
    threshold: ">= 2"
    notify: shop-alerts
`;

const TESTS = `tests:
  - name: two errors alarm
    logs: ['+0s ERROR a', '+10s ERROR b']
    expect:
      alarms: [{ alarm: shop-errors, at: +1m, state: ALARM }]
  - name: one address dominates
    logs: ['+0s {"ip": "10.0.0.1"}']
    expect:
      alarms: [{ alarm: shop-one-ip, at: +1m, state: ALARM }]
`;

test('rule tests: the other alarms are simulated; an alarm on INSIGHT_RULE_METRIC says it cannot be', async () => {
  const dir = stackDir({ 'stack.yaml': STACK });
  mkdirSync(path.join(dir, 'tests'));
  writeFileSync(path.join(dir, 'tests', 'rules.yaml'), TESTS);
  const run = await runCliCaptured(['test', dir], { env: { RULE_OWNER: 'team-secret-owner' } });
  expect(run.stderr).not.toContain('Internal error');
  expect(run.stdout).toContain('ok      two errors alarm');
  expect(run.stdout).toContain('FAILED  one address dominates');
  expect(run.stdout).toContain(
    'cannot tell: alarm shop-one-ip: it reads a Contributor Insights rule (INSIGHT_RULE_METRIC), whose series the simulator does not compute',
  );
  expect(run.code).toBe(1);
});

test('the plan of a new rule shows its definition as JSON lines; a tag value from ${env:} is never printed', async () => {
  const account = freshAccount();
  const dir = stackDir({ 'stack.yaml': STACK });
  const env = {
    AWS_ACCESS_KEY_ID: account.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: account.credentials.secretAccessKey,
    AWS_REGION: account.region,
    RULE_OWNER: 'team-secret-owner',
  };
  const plain = await runCliCaptured(['plan', dir, '--endpoint-url', account.endpoint], { env });
  const json = await runCliCaptured(['plan', dir, '--endpoint-url', account.endpoint, '--format', 'json'], { env });
  expect(plain.stdout).toContain('+ Contributor Insights rule shop-top-ips');
  // One member a line, as a reviewer reads JSON; the tag's value masked.
  expect(plain.stdout).toMatch(/\+ definition:\n\s+\+\s+\{\n\s+\+\s+"AggregateOn": "Count",\n/);
  expect(plain.stdout).toContain('+ tags.owner: (sensitive)');
  expect(plain.stdout).toContain('Contributor Insights rules: 1 →');
  for (const run of [plain, json]) {
    expect(run.stderr).not.toContain('Internal error');
    expect(`${run.stdout}${run.stderr}`).not.toContain('team-secret-owner');
  }
});

test('the overview dashboard graphs each enabled rule’s unique contributors and top contributor', async () => {
  const dir = stackDir({
    'stack.yaml': STACK.replace('  region: us-east-1\n', '  region: us-east-1\n  dashboard: true\n'),
    'more.yaml': `contributorInsights:
  - name: shop-paused
    enabled: false
    rule: { LogGroupNames: [/shop/api], LogFormat: JSON, Contribution: { Keys: [$.user] }, AggregateOn: Count }
`,
  });
  const stack = await loadStack(dir, { env: { RULE_OWNER: 'x' } });
  const overview = stack.resources.find((r) => r.spec.kind === 'dashboard');
  if (overview?.spec.kind !== 'dashboard') throw new Error('no overview');
  const widgets = (
    JSON.parse(overview.spec.body) as { widgets: { properties: { title?: string; metrics?: unknown } }[] }
  ).widgets;
  const rules = widgets.filter((w) => w.properties.title?.startsWith('Contributor Insights'));
  expect(rules.map((w) => w.properties.title)).toEqual(['Contributor Insights shop-top-ips']);
  expect(rules[0]?.properties.metrics).toEqual([
    [
      {
        expression: "INSIGHT_RULE_METRIC('shop-top-ips', 'UniqueContributors')",
        id: 'u',
        label: 'unique contributors',
      },
    ],
    [{ expression: "INSIGHT_RULE_METRIC('shop-top-ips', 'MaxContributorValue')", id: 't', label: 'top contributor' }],
  ]);
});
