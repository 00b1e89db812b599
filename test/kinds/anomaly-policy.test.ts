/**
 * `monitors iam-policy` on the example stack of the new kinds: anomaly detectors' calls are in both
 * policies (on "*": IAM has no resource type for them), and the SSM record of the stack's detectors
 * is read on the shared root and written only under the stack's own path.
 */
import * as path from 'path';
import { runCliCaptured } from '../harness/run-cli';

const DIR = path.join(__dirname, 'example-stack');

interface Statement {
  readonly Action: string | string[];
  readonly Resource: string | string[];
}

async function policy(mode: 'plan' | 'apply'): Promise<(action: string) => string[]> {
  const run = await runCliCaptured(['iam-policy', '--mode', mode, '--account-id', '123456789012', DIR]);
  expect(run.code).toBe(0);
  const json = run.stdout.slice(0, run.stdout.lastIndexOf('}') + 1);
  const statements = (JSON.parse(json) as { Statement: Statement[] }).Statement;
  return (action) =>
    statements
      .filter((s) => [s.Action].flat().includes(action))
      .flatMap((s) => [s.Resource].flat())
      .sort();
}

test('the apply policy holds PutAnomalyDetector and DeleteAnomalyDetector, and writes only the stack’s record', async () => {
  const where = await policy('apply');
  expect(where('cloudwatch:PutAnomalyDetector')).toEqual(['*']);
  expect(where('cloudwatch:DeleteAnomalyDetector')).toEqual(['*']);
  expect(where('cloudwatch:DescribeAnomalyDetectors')).toEqual(['*']);
  expect(where('ssm:PutParameter')).toContain(
    'arn:aws:ssm:eu-west-1:123456789012:parameter/monitors/_anomaly-detectors/shop/*',
  );
  expect(where('ssm:PutParameter')).not.toContain(
    'arn:aws:ssm:eu-west-1:123456789012:parameter/monitors/_anomaly-detectors/*',
  );
});

test('the plan policy reads detectors and every stack’s record, and writes nothing', async () => {
  const where = await policy('plan');
  expect(where('cloudwatch:DescribeAnomalyDetectors')).toEqual(['*']);
  expect(where('ssm:GetParametersByPath')).toContain(
    'arn:aws:ssm:eu-west-1:123456789012:parameter/monitors/_anomaly-detectors',
  );
  expect(where('cloudwatch:PutAnomalyDetector')).toEqual([]);
  expect(where('ssm:PutParameter')).toEqual([]);
});
