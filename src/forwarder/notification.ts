/**
 * Reads a CloudWatch alarm notification (the JSON CloudWatch publishes to SNS) into an AlarmNotification.
 * Every field is untrusted: names and descriptions are whatever someone typed, and a message published
 * to the topic by hand can be anything. Missing fields degrade the message; they never crash it.
 *
 * Shapes read (metric alarm: Trigger with MetricName/Namespace/Statistic; metric-math alarm: Trigger
 * with Metrics[]; composite alarm: AlarmRule and TriggeringChildren), as CloudWatch sends them, see
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html and the
 * sample event in aws/aws-lambda-go events/testdata/cloudwatch-alarm-sns-payload-single-metric.json.
 */
import type { AlarmChild, AlarmDetail, AlarmNotification, AlarmState } from './alarm';
import { observedValues, periodWords, reasonWords, statisticWords, type RuleParts } from './reason';

type Json = Record<string, unknown>;

const STATES: readonly AlarmState[] = ['ALARM', 'OK', 'INSUFFICIENT_DATA'];

/** A non-empty string, or nothing: CloudWatch (and the emulator) send '' for fields that do not apply. */
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const num = (v: unknown): number | undefined => {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
};
const obj = (v: unknown): Json | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined;
const arr = (v: unknown): unknown[] | undefined => (Array.isArray(v) ? v : undefined);
const state = (v: unknown): AlarmState | undefined => STATES.find((s) => s === v);

/** The region and partition in an alarm ARN (`arn:aws:cloudwatch:us-east-1:123…:alarm:name`). */
function arnParts(arn: string | undefined): { partition: string; region: string; name: string } | undefined {
  const m = arn ? /^arn:(aws[a-z-]*):cloudwatch:([a-z0-9-]+):\d*:alarm:(.+)$/.exec(arn) : null;
  return m ? { partition: m[1] as string, region: m[2] as string, name: m[3] as string } : undefined;
}

/** The console's page for one alarm, in the alarm's own partition. */
export function consoleUrl(partition: string, region: string, name: string): string {
  const host =
    partition === 'aws-cn'
      ? 'console.amazonaws.cn'
      : partition === 'aws-us-gov'
        ? 'console.amazonaws-us-gov.com'
        : `${region}.console.aws.amazon.com`;
  return `https://${host}/cloudwatch/home?region=${encodeURIComponent(region)}#alarmsV2:alarm/${encodeURIComponent(name)}`;
}

/**
 * The runbook convention: a line of the alarm description reading `Runbook: https://…` (any case).
 * The tool writes that line when a monitor declares `runbook:`, so the link is also in the console and
 * in e-mails, and the forwarder needs no per-alarm configuration. Only https URLs count.
 */
export function splitRunbook(description: string): { description: string; runbook: string | undefined } {
  const lines = description.split(/\r?\n/);
  const at = lines.findIndex((l) => /^\s*runbook:\s*https:\/\/\S+\s*$/i.test(l));
  if (at < 0) return { description, runbook: undefined };
  const url = (/https:\/\/\S+/.exec(lines[at] as string) as RegExpExecArray)[0];
  let runbook: string | undefined;
  try {
    runbook = new URL(url).protocol === 'https:' ? url : undefined;
  } catch {
    runbook = undefined;
  }
  if (!runbook) return { description, runbook: undefined };
  return {
    description: lines
      .filter((_, i) => i !== at)
      .join('\n')
      .trim(),
    runbook,
  };
}

function metricLabel(m: Json | undefined, stat: string | undefined, period: number | undefined): string {
  const metric = obj(m?.Metric) ?? m;
  const ns = str(metric?.Namespace);
  const name = str(metric?.MetricName) ?? 'metric';
  const dims = (arr(metric?.Dimensions) ?? []).map(obj).flatMap((d) => {
    const k = str(d?.name) ?? str(d?.Name);
    const v = str(d?.value) ?? str(d?.Value);
    return k !== undefined && v !== undefined ? [`${k}=${v}`] : [];
  });
  const statWords = statisticWords(stat);
  const every = periodWords(period);
  const how = statWords && every ? `${statWords} per ${every}` : (statWords ?? (every ? `per ${every}` : ''));
  return `${ns ? `${ns}/` : ''}${name}${how ? ` (${how})` : ''}${dims.length > 0 ? ` where ${dims.join(', ')}` : ''}`;
}

/** The alarm's kind and rule parts from the Trigger (or AlarmRule for composites). */
function readRule(m: Json): { detail: AlarmDetail; parts: RuleParts | undefined } {
  const rule = str(m.AlarmRule);
  if (rule !== undefined) {
    const children = arr(m.TriggeringChildren)?.map((c): AlarmChild => {
      const o = obj(c);
      const arn = str(o?.Arn);
      return {
        name: arnParts(arn)?.name ?? arn ?? 'unknown',
        state: str(obj(o?.State)?.Value) ?? 'unknown',
      };
    });
    return { detail: { kind: 'composite', rule, triggeringChildren: children }, parts: undefined };
  }
  const t = obj(m.Trigger) ?? {};
  const common = {
    operator: str(t.ComparisonOperator),
    threshold: num(t.Threshold),
    band: str(t.ThresholdMetricId),
    datapointsToAlarm: num(t.DatapointsToAlarm),
    evaluationPeriods: num(t.EvaluationPeriods),
  };
  const metrics = arr(t.Metrics)
    ?.map(obj)
    .filter((x): x is Json => x !== undefined);
  if (metrics && metrics.length > 0) {
    const returned = metrics.find((q) => q.ReturnData === true) ?? metrics[0];
    const period = num(t.Period) ?? num(obj(returned?.MetricStat)?.Period);
    const inputs = metrics
      .filter((q) => q !== returned && obj(q.MetricStat))
      .map((q) => {
        const ms = obj(q.MetricStat);
        return `${str(q.Id) ?? '?'} = ${metricLabel(obj(ms?.Metric), str(ms?.Stat), num(ms?.Period))}`;
      });
    const expression = str(returned?.Expression);
    const ms = obj(returned?.MetricStat);
    const subjectCore =
      expression !== undefined
        ? (str(returned?.Label) ?? expression)
        : metricLabel(obj(ms?.Metric), str(ms?.Stat), num(ms?.Period));
    const subject =
      expression !== undefined && periodWords(period) ? `${subjectCore} (per ${periodWords(period)})` : subjectCore;
    return {
      detail: { kind: 'math', expression: expression ?? subjectCore, inputs },
      parts: { subject, ...common },
    };
  }
  const stat = str(t.ExtendedStatistic) ?? str(t.Statistic);
  const subject = metricLabel(t, stat, num(t.Period));
  return { detail: { kind: 'metric', metric: subject }, parts: { subject, ...common } };
}

/**
 * One notification from an SNS record's Message. `fallbackRegion` is the function's own region
 * (alarms notify topics in their own region), used when the message carries no alarm ARN.
 */
export function parseAlarmMessage(message: string, fallbackRegion: string): AlarmNotification {
  let parsed: unknown;
  try {
    parsed = JSON.parse(message);
  } catch {
    parsed = undefined;
  }
  const m = obj(parsed);
  if (!m || str(m.AlarmName) === undefined) throw new NotAnAlarmError();
  const name = str(m.AlarmName) as string;
  const arn = arnParts(str(m.AlarmArn));
  const region = arn?.region ?? fallbackRegion;
  const { description, runbook } = splitRunbook(str(m.AlarmDescription) ?? '');
  const newState = state(m.NewStateValue) ?? 'INSUFFICIENT_DATA';
  const rawReason = str(m.NewStateReason) ?? '';
  const { detail, parts } = readRule(m);
  const reason =
    parts !== undefined
      ? reasonWords(newState, parts, observedValues(rawReason))
      : compositeReason(newState, detail as AlarmDetail & { kind: 'composite' });
  return {
    name,
    description,
    runbook,
    state: newState,
    previousState: state(m.OldStateValue),
    reason,
    rawReason,
    time: isoTime(str(m.StateChangeTime)),
    region,
    account: str(m.AWSAccountId) ?? '',
    consoleUrl: region ? consoleUrl(arn?.partition ?? 'aws', region, name) : undefined,
    detail,
  };
}

function compositeReason(s: AlarmState, d: AlarmDetail & { kind: 'composite' }): string {
  switch (s) {
    case 'ALARM':
      return `Rule met: ${d.rule}`;
    case 'OK':
      return `Recovered: rule no longer met: ${d.rule}`;
    case 'INSUFFICIENT_DATA':
      return `Not enough data to evaluate: ${d.rule}`;
  }
}

/** CloudWatch writes `2026-11-25T16:00:24.123+0000`; chats want ISO-8601 with a colon or Z. */
function isoTime(t: string | undefined): string {
  const d = t ? new Date(t.replace(/([+-]\d\d)(\d\d)$/, '$1:$2')) : undefined;
  return d && !Number.isNaN(d.getTime()) ? d.toISOString() : (t ?? '');
}

/** The SNS message is not a CloudWatch alarm notification (someone published by hand, or a test). */
export class NotAnAlarmError extends Error {
  constructor() {
    super('the SNS message is not a CloudWatch alarm notification (no AlarmName)');
    this.name = 'NotAnAlarmError';
  }
}
