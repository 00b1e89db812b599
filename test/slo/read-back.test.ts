/**
 * An SLO's compiled alarms read back as what was sent: the window alarms' metric math and the page's
 * ActionsSuppressor. AWS returns both; ministack returns neither (test/README.md, emulator gaps), so
 * the round trip is on a mocked CloudWatch client that answers DescribeAlarms the way AWS does, and
 * the emulator's own answer is shown on the emulator itself.
 */
import {
  CloudWatchClient,
  DescribeAlarmsCommand,
  PutCompositeAlarmCommand,
  PutMetricAlarmCommand,
  type CompositeAlarm,
  type MetricAlarm,
} from '@aws-sdk/client-cloudwatch';
import { mockClient } from 'aws-sdk-client-mock';
import { createClients } from '../../src/aws/clients';
import { HANDLERS } from '../../src/kinds';
import { readAlarms } from '../../src/kinds/shared/alarms-read';
import { compileSlo } from '../../src/kinds/slo/compile';
import { DEFAULT_POLICY } from '../../src/kinds/slo/policy';
import { OWNER_TAG } from '../../src/model';
import { freshAccount, rawClients } from '../harness/emulator';
import { applyStack, planStack } from '../../src/core';
import { changeSummary, optionsFor, removeStackDirs, stackDir } from '../integration/stack-dir';

afterAll(removeStackDirs);

const compiled = compileSlo({
  name: 'checkout',
  target: 99.9,
  window: 30 * 86400,
  sli: {
    form: 'ratio',
    bad: { form: 'metric', metric: { namespace: 'Shop', metricName: 'Errors', dimensions: {}, stat: 'Sum' } },
    total: {
      form: 'metric',
      metric: { namespace: 'Shop', metricName: 'Requests', dimensions: { Route: '/pay' }, stat: 'Sum' },
    },
    metrics: {},
  },
  pageActions: ['arn:aws:sns:us-east-1:123456789012:oncall'],
  ticketActions: [],
  suppressPageWhile: 'db-down',
  policy: DEFAULT_POLICY,
  tags: { [OWNER_TAG]: 'shop' },
});

test('the window alarms and the page composite (with its suppressor) read back as the same specs', async () => {
  const cw = mockClient(CloudWatchClient);
  cw.on(PutMetricAlarmCommand).resolves({});
  cw.on(PutCompositeAlarmCommand).resolves({});
  const clients = createClients({ region: 'us-east-1', credentials: { accessKeyId: 'k', secretAccessKey: 's' } });
  const ctx = {
    clients,
    stack: { name: 'shop', region: 'us-east-1', defaultTags: {} },
    region: 'us-east-1',
    accountId: '1',
  };
  for (const w of compiled.windows) await HANDLERS.metricAlarm.create(ctx, w);
  for (const c of compiled.severities) await HANDLERS.compositeAlarm.create(ctx, c);

  const sentMetric = cw.commandCalls(PutMetricAlarmCommand).map((c) => c.args[0].input);
  const sentComposite = cw.commandCalls(PutCompositeAlarmCommand).map((c) => c.args[0].input);
  const page = sentComposite.find((c) => c.AlarmName === 'checkout-page');
  expect([page?.ActionsSuppressor, page?.ActionsSuppressorWaitPeriod, page?.ActionsSuppressorExtensionPeriod]).toEqual([
    'db-down',
    120,
    300,
  ]);
  expect(sentComposite.find((c) => c.AlarmName === 'checkout-ticket')?.ActionsSuppressor).toBeUndefined();

  // DescribeAlarms as AWS answers: Metrics[] as sent, the suppressor as an ARN.
  const arn = (name: string) => `arn:aws:cloudwatch:us-east-1:123456789012:alarm:${name}`;
  const metricAlarms = sentMetric.map(
    ({ Tags: _t, ...rest }) => ({ ...rest, AlarmArn: arn(rest.AlarmName ?? '') }) as MetricAlarm,
  );
  const compositeAlarms = sentComposite.map(
    ({ Tags: _t, ActionsSuppressor, ...rest }) =>
      ({
        ...rest,
        ...(ActionsSuppressor ? { ActionsSuppressor: arn(ActionsSuppressor) } : {}),
        AlarmArn: arn(rest.AlarmName ?? ''),
      }) as CompositeAlarm,
  );
  cw.on(DescribeAlarmsCommand).resolves({ MetricAlarms: metricAlarms, CompositeAlarms: compositeAlarms });
  const live = await readAlarms(clients);
  const untagged = [...compiled.windows, ...compiled.severities].map(({ tags: _t, ...rest }) => rest);
  expect(live.map((l) => l.spec).sort((a, b) => a.name.localeCompare(b.name))).toEqual(
    untagged.sort((a, b) => a.name.localeCompare(b.name)),
  );
  cw.restore();
});

test('on the emulator itself: the windows read back with thresholds and periods but no math, the suppressor not at all', async () => {
  const account = freshAccount('us-east-1', { raw: true });
  const dir = stackDir({
    'stack.yaml':
      'stack:\n  name: shop\n  region: us-east-1\ntopics:\n  - name: oncall\n' +
      'alarms:\n  - name: db-down\n    metric: { namespace: Shop, name: DbErrors, stat: Sum, period: 1m }\n    threshold: ">= 1"\n' +
      'slos:\n  - name: checkout\n    target: 99.9\n    sli: { bad: AWS/Shop/Errors, total: AWS/Shop/Requests }\n' +
      '    page: oncall\n    suppressPageWhile: db-down\n    policy: [{ severity: page, factor: 14.4, long: 1h, short: 5m }]\n',
  });
  const options = optionsFor(account, dir);
  await applyStack(await planStack(options), options);
  const out = await rawClients(account).cloudwatch.send(
    new DescribeAlarmsCommand({ AlarmNamePrefix: 'checkout', AlarmTypes: ['MetricAlarm', 'CompositeAlarm'] }),
  );
  expect(
    out.MetricAlarms?.map((a) => [a.AlarmName, a.Threshold, a.EvaluationPeriods, a.TreatMissingData, a.Metrics]),
  ).toEqual([
    ['checkout-burn-14.4x-1h', 0.0144, 1, 'notBreaching', undefined],
    ['checkout-burn-14.4x-5m', 0.0144, 1, 'notBreaching', undefined],
  ]);
  expect(out.CompositeAlarms?.map((c) => [c.AlarmName, c.AlarmRule, c.ActionsSuppressor])).toEqual([
    ['checkout-page', 'ALARM("checkout-burn-14.4x-1h") AND ALARM("checkout-burn-14.4x-5m")', undefined],
  ]);
  // So a re-plan on the raw emulator shows those fields as changes (on AWS, and through the harness's
  // Metrics[] proxy for the math, it is empty).
  expect(changeSummary(await planStack(options))).toEqual([
    'update compositeAlarm checkout-page',
    'update metricAlarm checkout-burn-14.4x-1h',
    'update metricAlarm checkout-burn-14.4x-5m',
  ]);
});
