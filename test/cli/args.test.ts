/** Command-line parsing: flags become one CliOptions value; bad input is a USAGE error naming the flag. */
import { parseCliArgs, type CliOptions } from '../../src/cli/args';
import { MonitorsError } from '../../src/model';

const parse = (argv: string[]) => parseCliArgs(argv) as CliOptions;

test('defaults: directory monitors, text output, adopt on, guard at half', () => {
  expect(parse(['plan'])).toMatchObject({
    command: 'plan',
    directory: 'monitors',
    format: 'text',
    noAdopt: false,
    maxDeleteShare: 0.5,
    quotas: {},
  });
});

test('--quota raises one operation and may be repeated', () => {
  expect(
    parse(['reconcile', '--quota', 'CloudWatch.PutMetricAlarm=10', '--quota', 'CloudWatchLogs.PutMetricFilter=20'])
      .quotas,
  ).toEqual({ 'CloudWatch.PutMetricAlarm': 10, 'CloudWatchLogs.PutMetricFilter': 20 });
});

test('--quota takes the IAM action form in any case, and plan and apply take it too', () => {
  expect(
    parse([
      'plan',
      '--quota',
      'cloudwatch:PutMetricAlarm=5',
      '--quota',
      'logs:putmetricfilter=7.5',
      '--quota',
      'TAG:GetResources=50',
    ]).quotas,
  ).toEqual({ 'CloudWatch.PutMetricAlarm': 5, 'CloudWatchLogs.PutMetricFilter': 7.5, 'Tagging.GetResources': 50 });
  expect(parse(['apply', 'plan.json', '--quota', 'sns:CreateTopic=1']).quotas).toEqual({ 'SNS.CreateTopic': 1 });
});

test('apply takes one saved plan file; plan takes --save', () => {
  expect(parse(['apply', 'plan.json'])).toMatchObject({ command: 'apply', planFile: 'plan.json' });
  expect(parse(['plan', '--save', 'p.json', 'dir'])).toMatchObject({ save: 'p.json', directory: 'dir' });
});

test.each([
  [['reconcile', '--quota', 'toString=5'], /expected OPERATION=N with N > 0/],
  [['reconcile', '--quota', 'constructor.name=5'], /unknown operation "constructor.name"/],
  [['reconcile', '--quota', '__proto__:x=5'], /expected OPERATION=N/],
  [['reconcile', '--quota', 'CloudWatch.PutMetricAlarm=Infinity'], /expected OPERATION=N with N > 0/],
  [['reconcile', '--quota', 'CloudWatch.PutMetricAlarm=1e3'], /expected OPERATION=N with N > 0/],
  [['reconcile', '--quota', 'CloudWatch.PutMetricAlarm=-1'], /expected OPERATION=N with N > 0/],
  [['reconcile', '--quota', 'CloudWatch.PutMetricAlarm=0.0'], /expected OPERATION=N with N > 0/],
  [['reconcile', '--quota', 'CloudWatch.PutMetricAlarm=5=6'], /expected OPERATION=N with N > 0/],
  [['reconcile', '--quota', 'CloudWatch.PutMetricAlarm'], /expected OPERATION=N with N > 0/],
  [
    ['plan', '--quota', 'CloudWatch.PutMetricAlarm=2', '--quota', 'cloudwatch:putmetricalarm=3'],
    /CloudWatch.PutMetricAlarm is given twice/,
  ],
  [['plan', '--quota', '\u001b[31mred=1'], /--quota "\\u001b\[31mred=1"/],
  [['apply'], /monitors apply takes one saved plan file/],
  [['apply', 'a.json', 'b.json'], /monitors apply takes one saved plan file/],
  [
    ['reconcile', '--quota', 'CloudWatch.PutMetricAlrm=10'],
    /unknown operation "CloudWatch.PutMetricAlrm"; did you mean "CloudWatch.PutMetricAlarm"\?/,
  ],
  [['reconcile', '--quota', 'CloudWatch.PutMetricAlarm=0'], /expected OPERATION=N with N > 0/],
  [['plan', '--max-delete-share', '2'], /--max-delete-share "2" is not valid: expected a number from 0 to 1/],
  [['plan', '--format', 'yaml'], /--format "yaml" is not valid: expected one of text, markdown, json/],
  [['plan', 'a', 'b'], /expected at most one directory, got: a b/],
  [['deploy'], /unknown command "deploy": expected one of validate, plan, reconcile, apply, iam-policy/],
])('%j is refused with a clear message', (argv, message) => {
  expect(() => parseCliArgs(argv)).toThrow(MonitorsError);
  expect(() => parseCliArgs(argv)).toThrow(message);
});
