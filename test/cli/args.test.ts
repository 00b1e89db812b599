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

test.each([
  [
    ['reconcile', '--quota', 'CloudWatch.PutMetricAlrm=10'],
    /unknown operation "CloudWatch.PutMetricAlrm"; did you mean "CloudWatch.PutMetricAlarm"\?/,
  ],
  [['reconcile', '--quota', 'CloudWatch.PutMetricAlarm=0'], /expected OPERATION=N with N > 0/],
  [['plan', '--max-delete-share', '2'], /--max-delete-share "2" is not valid: expected a number from 0 to 1/],
  [['plan', '--format', 'yaml'], /--format "yaml" is not valid: expected one of text, markdown, json/],
  [['plan', 'a', 'b'], /expected at most one directory, got: a b/],
  [['deploy'], /unknown command "deploy": expected one of validate, plan, reconcile, iam-policy/],
])('%j is refused with a clear message', (argv, message) => {
  expect(() => parseCliArgs(argv)).toThrow(MonitorsError);
  expect(() => parseCliArgs(argv)).toThrow(message);
});
