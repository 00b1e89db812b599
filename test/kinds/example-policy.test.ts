/**
 * `monitors iam-policy --mode apply` on an example stack that uses the new kinds: the write actions
 * of each are in the policy, scoped to what the files name (the destination function, the role, the
 * log group), and the stack validates.
 */
import * as path from 'path';
import { runCliCaptured } from '../harness/run-cli';

const DIR = path.join(__dirname, 'example-stack');

interface Statement {
  readonly Sid?: string;
  readonly Action: string | string[];
  readonly Resource: string | string[];
  readonly Condition?: Record<string, Record<string, unknown>>;
}

test('the apply policy holds every new kind’s writes, scoped to the names in the files', async () => {
  const run = await runCliCaptured(['iam-policy', '--mode', 'apply', '--account-id', '123456789012', DIR]);
  expect(run.code).toBe(0);
  const json = run.stdout.slice(0, run.stdout.lastIndexOf('}') + 1);
  const statements = (JSON.parse(json) as { Statement: Statement[] }).Statement;
  const where = (action: string) =>
    statements
      .filter((s) => [s.Action].flat().includes(action))
      .flatMap((s) => [s.Resource].flat())
      .sort();
  expect(where('logs:PutSubscriptionFilter')).toEqual(
    expect.arrayContaining(['arn:aws:logs:eu-west-1:123456789012:log-group:/shop/app']),
  );
  expect(where('logs:PutQueryDefinition')).toEqual(['*']);
  expect(where('logs:DeleteQueryDefinition')).toEqual(['*']);
  expect(where('lambda:AddPermission')).toContain('arn:aws:lambda:eu-west-1:123456789012:function:ship-logs');
  expect(where('lambda:AddPermission')).not.toContain('arn:aws:lambda:eu-west-1:123456789012:function:*');
  expect(where('cloudwatch:PutAlarmMuteRule')).toContain(
    'arn:aws:cloudwatch:eu-west-1:123456789012:alarm-mute-rule:monitors.shop.*',
  );
  expect(where('cloudwatch:DeleteAlarmMuteRule')).toContain(
    'arn:aws:cloudwatch:eu-west-1:123456789012:alarm-mute-rule:monitors.shop.*',
  );
  expect(where('iam:PassRole')).toContain('arn:aws:iam::123456789012:role/logs-to-firehose');
  expect(where('cloudwatch:PutInsightRule')).toEqual(
    expect.arrayContaining(['arn:aws:cloudwatch:eu-west-1:123456789012:insight-rule/shop-top-clients']),
  );
  expect(where('cloudwatch:PutInsightRule')).not.toContain('*');
  expect(where('cloudwatch:DescribeInsightRules')).toEqual(['*']);
  // A log anomaly detector is created on the log group it watches, only with this stack's tag in the request.
  expect(where('logs:CreateLogAnomalyDetector')).toEqual([
    'arn:aws:logs:eu-west-1:123456789012:log-group:/shop/app',
    'arn:aws:logs:eu-west-1:123456789012:log-group:/shop/app:*',
  ]);
  const create = statements.find((s) => [s.Action].flat().includes('logs:CreateLogAnomalyDetector'));
  expect(create?.Condition).toEqual({ StringEquals: { 'aws:RequestTag/monitors:stack': 'shop' } });
  expect(where('logs:UpdateLogAnomalyDetector')).toContain('arn:aws:logs:eu-west-1:123456789012:anomaly-detector:*');
  expect(where('logs:DeleteLogAnomalyDetector')).toContain('arn:aws:logs:eu-west-1:123456789012:anomaly-detector:*');
});

test('the example stack validates', async () => {
  const run = await runCliCaptured(['validate', DIR]);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
});
