/**
 * `monitors iam-policy` through the CLI on the example stack: the printed policy names the stack's
 * own log group and topic, is scoped to the given account and region, and the simulator agrees.
 */
import { runCliCaptured } from '../harness/run-cli';
import { runSimulation } from '@cloud-copilot/iam-simulate';

const cli = (argv: string[]) => runCliCaptured(argv);

async function decide(policy: unknown, action: string, resource: string, context: Record<string, string>) {
  const r = await runSimulation(
    {
      request: {
        principal: 'arn:aws:iam::123456789012:role/monitors-apply',
        action,
        resource: { resource, accountId: resource.split(':')[4] ?? '' },
        contextVariables: context,
      },
      identityPolicies: [{ name: 'monitors', policy }],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
    },
    {},
  );
  if (r.resultType === 'error') throw new Error(JSON.stringify(r.errors));
  return r.overallResult;
}

test('the apply policy printed for the example stack covers its declared names and nothing else', async () => {
  const r = await cli(['iam-policy', '--mode', 'apply', '--account-id', '123456789012', 'monitors']);
  expect(r.code).toBe(0);
  // What IAM cannot check goes to stderr, so the JSON on stdout stays a valid policy.
  expect(r.stderr).toContain('Note: Metric filters cannot be tagged');
  expect(r.stderr).not.toContain('--account-id');
  const policy = JSON.parse(r.stdout) as unknown;
  const lg = (name: string) => `arn:aws:logs:us-east-1:123456789012:log-group:${name}`;
  const create = { 'aws:RequestTag/monitors:stack': 'teachme' };
  expect(await decide(policy, 'logs:CreateLogGroup', lg('/teachme/app'), create)).toBe('Allowed');
  expect(await decide(policy, 'logs:PutMetricFilter', lg('/teachme/app'), {})).toBe('Allowed');
  expect(await decide(policy, 'sns:CreateTopic', 'arn:aws:sns:us-east-1:123456789012:teachme-alerts', create)).toBe(
    'Allowed',
  );
  expect(await decide(policy, 'logs:CreateLogGroup', lg('/other/app'), create)).toBe('ImplicitlyDenied');
  expect(await decide(policy, 'logs:PutMetricFilter', lg('/other/app'), {})).toBe('ImplicitlyDenied');
  expect(
    await decide(policy, 'logs:CreateLogGroup', lg('/teachme/app').replace('us-east-1', 'eu-west-1'), create),
  ).toBe('ImplicitlyDenied');
});

test('without --account-id the apply policy says it matches any account', async () => {
  const r = await cli(['iam-policy', '--mode', 'apply', 'monitors']);
  expect(r.code).toBe(0);
  expect(JSON.parse(r.stdout)).toMatchObject({ Version: '2012-10-17' });
  expect(r.stderr.split('\n')[0]).toBe(
    'Note: no --account-id, so the ARNs match any account ("*"). Pass the account the role lives in.',
  );
  // The read-only plan policy has nothing to scope: no notes.
  expect((await cli(['iam-policy', '--mode', 'plan', 'monitors'])).stderr).toBe('');
});

test('--account-id must be an account id', async () => {
  const r = await cli(['iam-policy', '--mode', 'apply', '--account-id', '12345', 'monitors']);
  expect(r.code).toBe(1);
  expect(r.stdout).toBe('');
  expect(r.stderr).toBe('Error: --account-id "12345" is not valid: expected 12 digits\n');
});
