/**
 * A live alarm whose threshold is not a finite number (written by another tool; AWS stores it and
 * returns a bare NaN that JSON cannot parse) must not break the read: the plan shows it and sets
 * the declared threshold, and the plan after that is empty.
 */
import { DescribeAlarmsCommand, PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import { planStack } from '../../src/core';
import { quoteNonFiniteTokens } from '../../src/aws/non-finite';
import { freshAccount, rawClients } from '../harness/emulator';
import { optionsFor, reconcile, removeStackDirs, stackDir } from './stack-dir';

afterAll(removeStackDirs);

test('quoting non-finite tokens leaves strings alone', () => {
  expect(quoteNonFiniteTokens('{"a":NaN,"b":-Infinity,"c":[Infinity],"d":"NaN and Infinity","e":"\\"NaN"}')).toBe(
    '{"a":"NaN","b":"-Infinity","c":["Infinity"],"d":"NaN and Infinity","e":"\\"NaN"}',
  );
});

test.each([NaN, Infinity])('a live alarm with threshold %s is read and planned, then converges', async (bad) => {
  const account = freshAccount();
  const dir = stackDir({
    'a.yaml': [
      'stack: { name: nf, region: us-east-1 }',
      'alarms:',
      '  - name: nf-errors',
      '    metric: { namespace: NF, name: Errors, stat: Sum }',
      "    threshold: '>= 3'",
      '',
    ].join('\n'),
  });
  const options = optionsFor(account, dir);
  await reconcile(options);
  const aws = rawClients(account);
  const [live] =
    (await aws.cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: ['nf-errors'] }))).MetricAlarms ?? [];
  await aws.cloudwatch.send(new PutMetricAlarmCommand({ ...(live as object), Threshold: bad } as never));

  const run = await planStack(options);
  const update = run.plan.changes.find((c) => c.action === 'update');
  expect(update && 'diffs' in update ? update.diffs.map((d) => [d.path, d.before, d.after]) : []).toEqual([
    ['threshold', undefined, 3],
  ]);
  await reconcile(options);
  expect((await planStack(options)).plan.changes.every((c) => c.action === 'noop')).toBe(true);
});
