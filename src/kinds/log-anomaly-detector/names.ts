/**
 * The forms a detector's values are written in and held in AWS: frequencies as durations ("5m") or
 * AWS's own names (FIVE_MIN), log groups by name or ARN, and AWS's limits on them.
 */
import { PLACEHOLDER_ACCOUNT } from '../shared/alarm-actions-build';
import type { EvaluationFrequency } from './spec';

/** Each frequency AWS has, as a duration people write; the first spelling is the one import writes. */
export const FREQUENCIES: Readonly<Record<EvaluationFrequency, string>> = {
  ONE_MIN: '1m',
  FIVE_MIN: '5m',
  TEN_MIN: '10m',
  FIFTEEN_MIN: '15m',
  THIRTY_MIN: '30m',
  ONE_HOUR: '1h',
};

/** What a detector left without `evaluationFrequency` runs at (monitors sends it; AWS documents no default). */
export const DEFAULT_FREQUENCY: EvaluationFrequency = 'FIVE_MIN';

/** AWS's default anomaly visibility, and the range AnomalyVisibilityTime allows (botocore's model: 7 to 90). */
export const DEFAULT_VISIBILITY_DAYS = 21;
export const MIN_VISIBILITY_DAYS = 7;
export const MAX_VISIBILITY_DAYS = 90;

/** "You can specify only one log group ARN" (CreateLogAnomalyDetector's logGroupArnList). */
export const MAX_LOG_GROUPS = 1;

/** FilterPattern's length limit in the model. */
export const MAX_PATTERN = 1024;

/** A frequency as written ("5m", "1h" or FIVE_MIN) in AWS's form; undefined when it is none of them. */
export function frequencyOf(text: string): EvaluationFrequency | undefined {
  if (text in FREQUENCIES) return text as EvaluationFrequency;
  const found = (Object.entries(FREQUENCIES) as [EvaluationFrequency, string][]).find(([, d]) => d === text);
  return found?.[0];
}

/** Days as written (21 or "21d"). */
export function visibilityDays(value: number | string): number {
  return typeof value === 'number' ? value : Number(value.replace(/d$/, ''));
}

/** A log group's ARN as a detector holds it: without the ":*" DescribeLogGroups adds. */
export function bareLogGroupArn(arn: string): string {
  return arn.replace(/:\*$/, '');
}

/** The ARN of a log group named in the files: the stack's region, the account filled in once known. */
export function logGroupArn(region: string, name: string): string {
  return `arn:aws:logs:${region}:${PLACEHOLDER_ACCOUNT}:log-group:${name}`;
}

/** The log group's name in a log-group ARN, or undefined for anything else. */
export function logGroupNameOf(arn: string): string | undefined {
  const m = /^arn:aws[a-z-]*:logs:[^:]*:[^:]*:log-group:(.+)$/.exec(bareLogGroupArn(arn));
  return m?.[1];
}
