/**
 * `suppressedBy:` with the features it meets: the plan's text (the suppressor on create, the period
 * that changed on update), saved plans (apply FILE applies it, and refuses when the suppressor was
 * changed in AWS since the plan), and targets (`${target.*}` in the suppressor's name; a suppressor
 * left out of a target is a dangling reference there, before any request).
 */
import { PutCompositeAlarmCommand } from '@aws-sdk/client-cloudwatch';
import { writeFileSync } from 'fs';
import * as path from 'path';
import { loadStacks } from '../../src/config/load';
import { ConfigError, formatDiagnostic } from '../../src/model';
import { freshAccount, rawClients, type TestAccount } from '../harness/emulator';
import { runCliCaptured } from '../harness/run-cli';
import { removeStackDirs, stackDir } from '../integration/stack-dir';

afterAll(removeStackDirs);

const STACK =
  'stack:\n  name: shop\n  region: us-east-1\ntopics:\n  - name: oncall\nalarms:\n' +
  '  - name: db-down\n    metric: { namespace: Shop, name: DbErrors, stat: Sum, period: 1m }\n    threshold: ">= 1"\n' +
  '  - name: checkout-errors\n    metric: { namespace: Shop, name: Errors, stat: Sum, period: 1m }\n    threshold: ">= 5"\n';
const page = (wait: string) =>
  'compositeAlarms:\n  - name: checkout-page\n    rule: ALARM(checkout-errors)\n    notify: oncall\n' +
  `    suppressedBy: { alarm: db-down, waitPeriod: ${wait}, extensionPeriod: 5m }\n`;

const cli = (account: TestAccount, argv: string[]) =>
  runCliCaptured([...argv, '--endpoint-url', account.endpoint], {
    env: { AWS_ACCESS_KEY_ID: account.credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: 'test', NO_COLOR: '1' },
  });

describe('plan text and saved plans', () => {
  const account = freshAccount();
  const dir = stackDir({ 'stack.yaml': STACK, 'composites.yaml': page('2m') });
  const file = path.join(dir, '..', `${path.basename(dir)}.plan.json`);

  test('plan --save shows the suppressor; apply FILE applies it; the next plan has no changes', async () => {
    const plan = await cli(account, ['plan', '--save', file, dir]);
    expect(plan.code).toBe(0);
    expect(plan.stdout).toMatch(/\+ composite alarm checkout-page[\s\S]*actionsSuppressor[\s\S]*db-down/);
    const applied = await cli(account, ['apply', file]);
    expect(applied.code).toBe(0);
    expect(applied.stdout).toMatch(/4 done/);
    const again = await cli(account, ['plan', '--detailed-exitcode', dir]);
    expect(again.stdout).toContain('No changes.');
    expect(again.code).toBe(0);
  });

  test('a changed wait period plans as an update of that field; a suppressor changed in AWS since the save is refused', async () => {
    writeFileSync(path.join(dir, 'composites.yaml'), page('3m'));
    const plan = await cli(account, ['plan', '--save', file, dir]);
    expect(plan.code).toBe(0);
    expect(plan.stdout).toMatch(
      /~ composite alarm checkout-page[\s\S]*actionsSuppressor\.waitPeriod[^\n]*120[^\n]*180/,
    );
    // Someone changes the extension period in the console after the review.
    await rawClients(account).cloudwatch.send(
      new PutCompositeAlarmCommand({
        AlarmName: 'checkout-page',
        AlarmRule: 'ALARM(checkout-errors)',
        AlarmActions: [`arn:aws:sns:us-east-1:${account.accountId}:oncall`],
        ActionsSuppressor: 'db-down',
        ActionsSuppressorWaitPeriod: 120,
        ActionsSuppressorExtensionPeriod: 600,
      }),
    );
    const refused = await cli(account, ['apply', file]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`${file} is stale: live state changed since the plan was made`);
    expect(refused.stderr).toContain('  composite alarm checkout-page: actionsSuppressor.extensionPeriod 300 → 600');
    expect(refused.stderr).toContain('Nothing was applied.');
  });
});

describe('targets', () => {
  const TARGETS =
    "stack:\n  name: shop\n  targets:\n    - name: prod\n      account: '111111111111'\n      regions: [us-east-1, eu-west-1]\n" +
    "    - name: staging\n      account: '222222222222'\n      regions: [us-east-1]\n";
  const ALARMS =
    'alarms:\n  - name: db-down-${target.region}\n    metric: { namespace: Shop, name: DbErrors, stat: Sum, period: 1m }\n    threshold: ">= 1"\n' +
    '  - name: checkout-errors\n    metric: { namespace: Shop, name: Errors, stat: Sum, period: 1m }\n    threshold: ">= 5"\n' +
    '  - name: platform-down\n    targets: [prod]\n    metric: { namespace: Shop, name: Platform, stat: Sum, period: 1m }\n    threshold: ">= 1"\n';

  test('${target.region} in the suppressor names each target’s own alarm', async () => {
    const dir = stackDir({
      'stack.yaml': TARGETS,
      'alarms.yaml': ALARMS,
      'composites.yaml':
        'compositeAlarms:\n  - name: checkout-page\n    rule: ALARM(checkout-errors)\n    suppressedBy: db-down-${target.region}\n',
    });
    const loaded = await loadStacks(dir, { env: {} });
    expect(
      loaded.targets?.map((t) => {
        const spec = t.stack.resources.find((r) => r.spec.kind === 'compositeAlarm')?.spec;
        return `${t.target.name}/${t.target.region} ${spec?.kind === 'compositeAlarm' ? spec.actionsSuppressor?.alarm : ''}`;
      }),
    ).toEqual([
      'prod/us-east-1 db-down-us-east-1',
      'prod/eu-west-1 db-down-eu-west-1',
      'staging/us-east-1 db-down-us-east-1',
    ]);
  });

  test('a suppressor that only some targets have is a dangling reference in the others', async () => {
    const dir = stackDir({
      'stack.yaml': TARGETS,
      'alarms.yaml': ALARMS,
      'composites.yaml':
        'compositeAlarms:\n  - name: checkout-page\n    rule: ALARM(checkout-errors)\n    suppressedBy: platform-down\n',
    });
    const error = await loadStacks(dir, { env: {} }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConfigError);
    expect(
      (error as ConfigError).diagnostics
        .filter((d) => d.severity === 'error')
        .map((d) => formatDiagnostic(d).replace(/^.*\/(composites\.yaml)/, '$1')),
    ).toEqual([
      'composites.yaml:4:19: error DANGLING_REFERENCE: alarm "platform-down" is not declared in any file (in target staging/us-east-1)',
    ]);
  });
});
