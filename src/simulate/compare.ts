import type { ComparisonOperator } from '../kinds/specs';
/**
 * Whether one period's statistic breaches. Source: PutMetricAlarm, ComparisonOperator
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html): the
 * "specified statistic is compared to the specified threshold"; the three band operators are "used only
 * for alarms based on anomaly detection models" and compare with the band's lower and upper edges.
 */

/** A fixed threshold, or the anomaly detection band for the period. */
export type Threshold =
  | { readonly kind: 'static'; readonly value: number }
  | { readonly kind: 'band'; readonly lower: number; readonly upper: number };

export function breaches(value: number, op: ComparisonOperator, t: Threshold): boolean {
  switch (op) {
    case 'GreaterThanOrEqualToThreshold':
      return value >= staticValue(op, t);
    case 'GreaterThanThreshold':
      return value > staticValue(op, t);
    case 'LessThanThreshold':
      return value < staticValue(op, t);
    case 'LessThanOrEqualToThreshold':
      return value <= staticValue(op, t);
    case 'LessThanLowerOrGreaterThanUpperThreshold':
      return value < band(op, t).lower || value > band(op, t).upper;
    case 'LessThanLowerThreshold':
      return value < band(op, t).lower;
    case 'GreaterThanUpperThreshold':
      return value > band(op, t).upper;
  }
}

function staticValue(op: ComparisonOperator, t: Threshold): number {
  if (t.kind !== 'static') throw new Error(`${op} compares with a static threshold, not a band`);
  return t.value;
}

function band(op: ComparisonOperator, t: Threshold): { lower: number; upper: number } {
  if (t.kind !== 'band') throw new Error(`${op} compares with an anomaly detection band`);
  return t;
}

/** Whether an operator needs a band rather than a number. */
export function isBandOperator(op: ComparisonOperator): boolean {
  return (
    op === 'LessThanLowerOrGreaterThanUpperThreshold' ||
    op === 'LessThanLowerThreshold' ||
    op === 'GreaterThanUpperThreshold'
  );
}
