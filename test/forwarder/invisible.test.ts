/**
 * The forwarder × the features people reason with: the chat forwarder's resources (function, role,
 * queue, permission, its log group, the topic's subscription to it) come from one `slack:` line and
 * are never the user's. Rule tests do not see its log group, validate counts it apart, the delete
 * guards do not count it, and the overview dashboard does not show it.
 */
import { freshAccount } from '../harness/emulator';
import { changeSummary, optionsFor, reconcile, removeStackDirs, stackDir } from '../integration/stack-dir';
import { planStack } from '../../src/core';
import { loadStack } from '../../src/config/load';
import { runRuleTests } from '../../src/rule-tests/run';
import { runCliCaptured } from '../harness/run-cli';
import { startWebhook, type Webhook } from './loopback';

afterAll(removeStackDirs);

const STACK = (chat: string, dashboard = true) => `stack:
  name: shop
  region: us-east-1
${dashboard ? '  dashboard: true\n' : ''}topics:
  - name: shop-alerts
    subscriptions:
      - email: ops@example.com
${chat}logGroups:
  - name: /shop/api
    retention: 14d
monitors:
  - name: api-errors
    logGroup: /shop/api
    pattern: '%ERROR%'
    metric: Shop/ApiErrors
    alarm: '>= 1 in 1m'
    notify: shop-alerts
`;
const SLACK = '      - slack: ${env:SLACK_WEBHOOK_URL}\n';

/** A rule test in the short form: its lines name no log group. */
const SHORT_TEST = `tests:
  - name: one error alarms
    logs:
      - '+0s ERROR boom'
    expect:
      alarms:
        - alarm: api-errors
          at: +1m
          state: ALARM
`;

describe('offline', () => {
  const env = { SLACK_WEBHOOK_URL: 'https://hooks.slack.com/services/T0/B0/x' };

  test("a rule test's short form (no group:) sees one log group, the stack's own", async () => {
    const dir = stackDir({ 'stack.yaml': STACK(SLACK) });
    const { mkdirSync, writeFileSync } = await import('fs');
    mkdirSync(`${dir}/tests`);
    writeFileSync(`${dir}/tests/errors.yaml`, SHORT_TEST);
    for (const e of [env, {}]) {
      const report = await runRuleTests(dir, { env: e });
      expect({ passed: report.passed, failed: report.failed }).toEqual({ passed: 1, failed: 0 });
    }
  });

  test("validate counts the declared resources and the forwarder's apart", async () => {
    const dir = stackDir({ 'stack.yaml': STACK(SLACK) });
    const r = await runCliCaptured(['validate', dir], { env });
    expect(r.code).toBe(0);
    // topic, email subscription, log group, metric filter, alarm, dashboard.
    expect(r.stdout).toContain('is valid: 6 resources (and 6 for the chat forwarder) in 1 file(s)');
    const without = await runCliCaptured(['validate', stackDir({ 'stack.yaml': STACK('') })], { env });
    expect(without.stdout).toContain('is valid: 6 resources in 1 file(s)');
  });

  test("the overview dashboard shows the user's alarms and nothing of the forwarder", async () => {
    const stack = await loadStack(stackDir({ 'stack.yaml': STACK(SLACK) }), { env });
    const dashboard = stack.resources.find((r) => r.spec.kind === 'dashboard');
    const body = dashboard && 'body' in dashboard.spec ? String(dashboard.spec.body) : '';
    expect(body).toContain('api-errors');
    expect(body).not.toMatch(/monitors-shop-chat|aws\/lambda|Lambda/);
  });
});

// Without the dashboard: ministack's ListDashboards answers a timestamp the SDK's JSON protocol rejects.
describe('on the emulator: the delete guards count what people declared', () => {
  let hook: Webhook;
  beforeAll(async () => {
    hook = await startWebhook(() => ({ status: 200, body: 'ok' }), '/services/T0/B0/secret');
  });
  afterAll(async () => hook.close());

  test('removing the one slack line removes the forwarder (6 of 11 owned) without tripping the share guard', async () => {
    const account = freshAccount();
    const env = { SLACK_WEBHOOK_URL: hook.url };
    const dir = stackDir({ 'stack.yaml': STACK(SLACK, false) });
    await reconcile(optionsFor(account, dir, { env }));
    const { writeFileSync } = await import('fs');
    writeFileSync(`${dir}/stack.yaml`, STACK('', false));
    const run = await planStack(optionsFor(account, dir, { env }));
    const deletes = changeSummary(run).filter((c) => c.startsWith('delete'));
    expect(deletes).toHaveLength(6);
    expect(run.plan.guards.filter((g) => g.refused)).toEqual([]);
  });

  test('emptying the files is still refused, counting the declared resources only', async () => {
    const account = freshAccount();
    const env = { SLACK_WEBHOOK_URL: hook.url };
    const dir = stackDir({ 'stack.yaml': STACK(SLACK, false) });
    await reconcile(optionsFor(account, dir, { env }));
    const { writeFileSync } = await import('fs');
    writeFileSync(`${dir}/stack.yaml`, 'stack:\n  name: shop\n  region: us-east-1\n');
    const run = await planStack(optionsFor(account, dir, { env }));
    const refused = run.plan.guards.filter((g) => g.refused);
    expect(refused.map((g) => g.name)).toEqual(['delete-all']);
    expect(refused[0]?.message).toContain('deletes all 5 resource(s) the stack owns');
  });
});
