import type { ComparisonOperator } from '../specs';

/** Retention values CloudWatch Logs accepts, in days. */
export const RETENTION_DAYS: readonly number[] = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

/** Days from `30`, `"30d"`, `"1y"`; undefined for "never". The schema has already checked the value. */
export function retentionDays(value: number | string): number | undefined {
  if (typeof value === 'number') return value;
  if (value === 'never') return undefined;
  if (value === '1y') return 365;
  return Number(value.replace(/d$/, ''));
}

const UNIT_SECONDS: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600, d: 86400 };

/** Seconds from `60` or `"1m"`; the schema has already checked the form. */
export function durationSeconds(value: number | string): number {
  if (typeof value === 'number') return value;
  const m = /^(\d+)(s|m|h|d)$/.exec(value.trim());
  return m ? Number(m[1]) * (UNIT_SECONDS[m[2] as string] as number) : NaN;
}

/** Whether CloudWatch accepts a period: 10, 20, 30, or a multiple of 60 seconds. */
export function validPeriod(seconds: number): boolean {
  return seconds === 10 || seconds === 20 || seconds === 30 || (seconds >= 60 && seconds % 60 === 0);
}

const OPERATORS: Readonly<Record<string, ComparisonOperator>> = {
  '>=': 'GreaterThanOrEqualToThreshold',
  '>': 'GreaterThanThreshold',
  '<': 'LessThanThreshold',
  '<=': 'LessThanOrEqualToThreshold',
};

/** `">= 2"` as an operator and a number. */
export function parseThreshold(text: string): { comparison: ComparisonOperator; threshold: number } {
  const m = /^\s*(>=|>|<=|<)\s*(-?\d+(?:\.\d+)?)\s*$/.exec(text);
  if (!m) throw new Error(`not a threshold: ${text}`);
  return { comparison: OPERATORS[m[1] as string] as ComparisonOperator, threshold: Number(m[2]) };
}

/** `">= 2 in 1m for 2 of 3"` as its parts; the schema has already checked the form. */
export function parseAlarmShorthand(text: string): {
  comparison: ComparisonOperator;
  threshold: number;
  period: number;
  datapointsToAlarm: number;
  evaluationPeriods: number;
} {
  const m = /^\s*(>=|>|<=|<)\s*(-?\d+(?:\.\d+)?)\s+in\s+(\d+(?:s|m|h|d))(?:\s+for\s+(\d+)\s+of\s+(\d+))?\s*$/.exec(
    text,
  );
  if (!m) throw new Error(`not an alarm condition: ${text}`);
  const { comparison, threshold } = parseThreshold(`${m[1]} ${m[2]}`);
  const evaluationPeriods = m[5] ? Number(m[5]) : 1;
  return {
    comparison,
    threshold,
    period: durationSeconds(m[3] as string),
    datapointsToAlarm: m[4] ? Number(m[4]) : evaluationPeriods,
    evaluationPeriods,
  };
}

// The reverse of the forms above, for import: each value in the shortest form that reads back equal.

/** `"30d"`, `"1y"` for 365; undefined ("never", the default) for none; undefined too for a value CloudWatch would not take. */
export function retentionText(days: number | undefined): string | undefined {
  if (days === undefined) return undefined;
  return days === 365 ? '1y' : `${days}d`;
}

/** `"5m"`, `"1h"`, `"30s"`: the largest unit that divides the seconds evenly. */
export function durationText(seconds: number): string {
  for (const [unit, size] of [
    ['d', 86400],
    ['h', 3600],
    ['m', 60],
  ] as const)
    if (seconds > 0 && seconds % size === 0) return `${seconds / size}${unit}`;
  return `${seconds}s`;
}

const SYMBOLS: Readonly<Partial<Record<ComparisonOperator, string>>> = Object.fromEntries(
  Object.entries(OPERATORS).map(([symbol, op]) => [op, symbol]),
);

/** A number as the threshold forms write it (no exponent), or undefined when it has no such form. */
function plainNumber(n: number): string | undefined {
  const text = String(n);
  return /^-?\d+(\.\d+)?$/.test(text) ? text : undefined;
}

/** `">= 2"`, when the comparison has a symbol and the number a plain form. */
export function thresholdText(comparison: ComparisonOperator, threshold: number): string | undefined {
  const symbol = SYMBOLS[comparison];
  const n = plainNumber(threshold);
  return symbol && n !== undefined ? `${symbol} ${n}` : undefined;
}

/** `">= 2 in 1m"`, with `" for M of N"` unless one period decides; undefined when it has no such form. */
export function alarmShorthandText(c: {
  readonly comparison: ComparisonOperator;
  readonly threshold: number;
  readonly period: number;
  readonly datapointsToAlarm: number;
  readonly evaluationPeriods: number;
}): string | undefined {
  const threshold = thresholdText(c.comparison, c.threshold);
  if (threshold === undefined) return undefined;
  const rest =
    c.evaluationPeriods === 1 && c.datapointsToAlarm === 1
      ? ''
      : ` for ${c.datapointsToAlarm} of ${c.evaluationPeriods}`;
  return `${threshold} in ${durationText(c.period)}${rest}`;
}
