import { parseAlarmMessage, splitRunbook, NotAnAlarmError } from '../../src/forwarder/notification';
import { observedValues, periodWords } from '../../src/forwarder/reason';
import { notification } from './fixtures';

const parse = (m: unknown, region = 'eu-west-1') => parseAlarmMessage(JSON.stringify(m), region);

describe('reading a CloudWatch alarm notification', () => {
  it('metric alarm in ALARM: the rule in plain words with the observed values', () => {
    const n = parse(notification('metric', 'ALARM'));
    expect(n.detail).toEqual({ kind: 'metric', metric: 'TeachMe/Errors (Sum per 1 minute)' });
    expect(n.reason).toBe('2 datapoints in a row: TeachMe/Errors (Sum per 1 minute) ≥ 2 (observed: 3, 2)');
    expect(n.state).toBe('ALARM');
    expect(n.previousState).toBe('OK');
    expect(n.time).toBe('2026-11-25T16:00:24.123Z');
    expect(n.region).toBe('us-east-1'); // from the ARN, not the fallback
    expect(n.account).toBe('123456789012');
    expect(n.consoleUrl).toBe(
      'https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#alarmsV2:alarm/teachme-errors',
    );
  });

  it('metric alarm: OK says it recovered, INSUFFICIENT_DATA says what cannot be evaluated', () => {
    expect(parse(notification('metric', 'OK')).reason).toBe(
      'Recovered: no longer TeachMe/Errors (Sum per 1 minute) ≥ 2 (observed: 0)',
    );
    expect(parse(notification('metric', 'INSUFFICIENT_DATA')).reason).toBe(
      'Not enough data to evaluate TeachMe/Errors (Sum per 1 minute) ≥ 2',
    );
  });

  it('M of N datapoints, dimensions and extended statistics are spelled out', () => {
    const m = notification('metric', 'ALARM');
    const t = m.Trigger as Record<string, unknown>;
    const n = parse({
      ...m,
      Trigger: {
        ...t,
        StatisticType: 'ExtendedStatistic',
        Statistic: undefined,
        ExtendedStatistic: 'p99',
        EvaluationPeriods: 5,
        DatapointsToAlarm: 3,
        Period: 300,
        Dimensions: [{ value: 'i-0abc', name: 'InstanceId' }],
      },
    });
    expect(n.reason).toMatch(
      /^3 of the last 5 datapoints: TeachMe\/Errors \(p99 per 5 minutes\) where InstanceId=i-0abc ≥ 2/,
    );
  });

  it('metric-math alarm: the expression label, its period and its inputs', () => {
    const n = parse(notification('math', 'ALARM'));
    expect(n.detail).toEqual({
      kind: 'math',
      expression: '100 * errors / requests',
      inputs: [
        'errors = TeachMe/Errors (Sum per 1 minute)',
        'requests = TeachMe/Requests (Sum per 1 minute) where Service=web',
      ],
    });
    expect(n.reason).toBe('Error rate (%) (per 1 minute) > 5 (observed: 3, 2)');
  });

  it('composite alarm: the rule and the children the notification names', () => {
    const n = parse(notification('composite', 'ALARM'));
    expect(n.detail).toEqual({
      kind: 'composite',
      rule: 'ALARM("teachme-errors") OR ALARM("teachme-latency")',
      triggeringChildren: [{ name: 'teachme-errors', state: 'ALARM' }],
    });
    expect(n.reason).toBe('Rule met: ALARM("teachme-errors") OR ALARM("teachme-latency")');
  });

  it('composite alarm without TriggeringChildren: known to be unknown', () => {
    const m = notification('composite', 'ALARM');
    delete m.TriggeringChildren;
    const n = parse(m);
    expect(n.detail.kind === 'composite' && n.detail.triggeringChildren).toBeUndefined();
  });

  it('without an alarm ARN (the emulator sends none) the function region is used', () => {
    const m = notification('metric', 'ALARM');
    delete m.AlarmArn;
    const n = parse(m, 'eu-west-1');
    expect(n.region).toBe('eu-west-1');
    expect(n.consoleUrl).toContain('https://eu-west-1.console.aws.amazon.com/');
  });

  it('other partitions get their own console', () => {
    const n = parse(
      notification('metric', 'ALARM', { AlarmName: 'a b', AlarmArn: 'arn:aws-cn:cloudwatch:cn-north-1:1:alarm:a b' }),
    );
    expect(n.consoleUrl).toBe('https://console.amazonaws.cn/cloudwatch/home?region=cn-north-1#alarmsV2:alarm/a%20b');
  });

  it('a message that is not an alarm notification is refused with its own error', () => {
    expect(() => parseAlarmMessage('hello', 'us-east-1')).toThrow(NotAnAlarmError);
    expect(() => parseAlarmMessage('{"x":1}', 'us-east-1')).toThrow(NotAnAlarmError);
  });

  it('garbage fields degrade the message instead of crashing it', () => {
    const n = parse({ AlarmName: 'a', Trigger: { Threshold: 'NaN', Period: -1, Metrics: 'no' }, NewStateValue: 7 });
    expect(n.state).toBe('INSUFFICIENT_DATA');
    expect(n.reason).toBe('Not enough data to evaluate metric');
  });
});

test('empty Trigger fields (the emulator notifies composites so) still read as words', () => {
  const n = parse({
    AlarmName: 'c',
    NewStateValue: 'ALARM',
    Trigger: { MetricName: '', Namespace: '', Statistic: '', Period: 60, ComparisonOperator: '', Threshold: 0 },
  });
  expect(n.reason).toBe('metric (per 1 minute)');
});

describe('runbook convention', () => {
  it('a "Runbook: https://…" line becomes the link and leaves the description', () => {
    expect(splitRunbook('Errors in the app\nRunbook: https://wiki.example/teachme#errors')).toEqual({
      description: 'Errors in the app',
      runbook: 'https://wiki.example/teachme#errors',
    });
  });
  it('only https counts, and only on its own line', () => {
    expect(splitRunbook('runbook: http://wiki.example/x').runbook).toBeUndefined();
    expect(splitRunbook('runbook: javascript:alert(1)').runbook).toBeUndefined();
    expect(splitRunbook('see runbook: https://x.example for more').runbook).toBeUndefined();
  });
});

describe('reason helpers', () => {
  it('periods', () => {
    expect([10, 60, 120, 3600, 86400].map(periodWords)).toEqual([
      '10 seconds',
      '1 minute',
      '2 minutes',
      '1 hour',
      '1 day',
    ]);
  });
  it('observed values from both of CloudWatch sentence shapes', () => {
    expect(observedValues('1 datapoint (10.0) was greater than')).toEqual([10]);
    expect(observedValues('datapoints [1.5 (x), -2.0 (y)] was')).toEqual([1.5, -2]);
    expect(observedValues('no numbers')).toEqual([]);
  });
});
