/**
 * Secrets × offline commands: a stack that keeps its webhooks in `${env:}` (the documented way) with
 * no variable set, as on a fork's pull request or an admin's laptop. Every command that needs no
 * value (validate, test, iam-policy, roles-template, the action's validate mode) warns and exits 0;
 * the shape checks of those values (https URL, chat webhook) wait until the value is set; plan still
 * refuses, before any AWS call.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import type { Diagnostic } from '../../src/model';
import { parseInputs } from '../../src/github/inputs';
import type { ActionIo } from '../../src/github/run-action';
import { validateOnly } from '../../src/github/validate-only';
import { startCountingEndpoint, type CountingEndpoint } from '../harness/counting-endpoint';
import { runCliCaptured } from '../harness/run-cli';

const STACK = `stack:
  name: shop
  region: us-east-1
topics:
  - name: shop-alerts
    subscriptions:
      - slack: \${env:SLACK_WEBHOOK_URL}
      - https: \${env:ONCALL_HOOK}
      - discord: https://discord.com/api/webhooks/1/\${env:DISCORD_TOKEN}
logGroups:
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

const TEST_FILE = `tests:
  - name: an error alarms
    logs:
      - '+0s ERROR boom'
    expect:
      alarms:
        - alarm: api-errors
          at: +1m
          state: ALARM
`;

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function stackDir(stack = STACK): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'monitors-secrets-'));
  dirs.push(dir);
  mkdirSync(path.join(dir, 'tests'));
  writeFileSync(path.join(dir, 'stack.yaml'), stack);
  writeFileSync(path.join(dir, 'tests', 'errors.yaml'), TEST_FILE);
  return dir;
}

const UNSET = ['SLACK_WEBHOOK_URL', 'ONCALL_HOOK', 'DISCORD_TOKEN'];
const warnsEach = (text: string) => {
  for (const name of UNSET) expect(text).toContain(`warning UNRESOLVED_ENV: environment variable ${name} is not set`);
  expect(text).not.toMatch(/error/i);
};

describe('with every ${env:} unset', () => {
  test('validate warns about each and exits 0, counting the declared resources', async () => {
    const r = await runCliCaptured(['validate', stackDir()]);
    expect(r.code).toBe(0);
    warnsEach(r.stdout + r.stderr);
    // topic, https subscription, log group, metric filter, alarm; the chat lines' forwarder apart.
    expect(r.stdout).toContain('is valid: 5 resources (and 6 for the chat forwarder) in 1 file(s) (3 warning(s))');
  });

  test('test runs the rule tests and exits 0', async () => {
    const r = await runCliCaptured(['test', stackDir()]);
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/1 passed, 0 failed/);
  });

  test('iam-policy prints the policies, the forwarder included, and exits 0', async () => {
    for (const mode of ['plan', 'apply']) {
      const r = await runCliCaptured(['iam-policy', '--mode', mode, stackDir()]);
      expect(r.code).toBe(0);
      warnsEach(r.stderr);
      const policy = JSON.stringify(JSON.parse(r.stdout));
      // The chat lines still build the forwarder, so the roles can manage it once the secret is set.
      expect(policy).toContain('lambda:');
    }
  });

  test('roles-template prints a template with the forwarder permissions and exits 0', async () => {
    const r = await runCliCaptured(['roles-template', stackDir()]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('lambda:CreateFunction');
  });

  test("the action's validate mode (fork pull requests) annotates warnings and succeeds", async () => {
    const dir = stackDir();
    const annotations: Diagnostic[] = [];
    const failed: string[] = [];
    const io: ActionIo = {
      info: () => undefined,
      warning: () => undefined,
      annotate: (d) => annotations.push(d),
      setOutput: () => undefined,
      setSecret: () => undefined,
      setFailed: (m) => failed.push(m),
      appendSummary: async () => undefined,
    };
    const inputs = parseInputs((name) => ({ mode: 'validate', directory: dir })[name] ?? '');
    await validateOnly(inputs, io, {});
    expect(failed).toEqual([]);
    expect(annotations.map((a) => `${a.severity} ${a.code}`).sort()).toEqual([
      'warning UNRESOLVED_ENV',
      'warning UNRESOLVED_ENV',
      'warning UNRESOLVED_ENV',
    ]);
  });

  describe('plan still needs them', () => {
    let endpoint: CountingEndpoint;
    beforeAll(async () => {
      endpoint = await startCountingEndpoint();
    });
    afterAll(async () => endpoint.close());

    test('plan is refused with an error per variable, before any AWS call', async () => {
      const r = await runCliCaptured(['plan', stackDir(), '--endpoint-url', endpoint.url], {
        env: { AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'x' },
      });
      expect(r.code).toBe(1);
      for (const name of UNSET)
        expect(r.stdout + r.stderr).toContain(`error UNRESOLVED_ENV: environment variable ${name} is not set`);
      expect(endpoint.requests()).toBe(0);
    });
  });
});

describe('a value that resolves is checked as before', () => {
  test('a Slack line whose variable holds no https URL is an error, its value withheld', async () => {
    const r = await runCliCaptured(['validate', stackDir()], {
      env: { SLACK_WEBHOOK_URL: 'http://hooks.slack.com/x', ONCALL_HOOK: 'https://example.com/h', DISCORD_TOKEN: 't' },
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('the value from ${env:SLACK_WEBHOOK_URL} is not valid here');
    expect(r.stdout).not.toContain('http://hooks.slack.com/x');
  });

  test('an unset variable does not excuse a mistake elsewhere in the same entry', async () => {
    const r = await runCliCaptured([
      'validate',
      stackDir(
        STACK.replace(
          '      - slack: ${env:SLACK_WEBHOOK_URL}',
          '      - slack: ${env:SLACK_WEBHOOK_URL}\n        rawMessageDelivery: true',
        ),
      ),
    ]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/:8:29: error SCHEMA: rawMessageDelivery applies to SNS subscriptions/);
  });
});
