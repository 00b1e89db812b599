/**
 * The reason an alarm changed, in plain words, built from the notification's Trigger (the rule) and
 * NewStateReason (the numbers). CloudWatch's own sentence ("Threshold Crossed: 1 out of the last 1
 * datapoints [3.0 (25/11/26 16:00:00)] was greater than or equal to the threshold (2.0) ...") is exact
 * but hard to read on a phone at 3 a.m.; the rule restated as "TeachMe/Errors (Sum per 1 minute) ≥ 2"
 * is what a person checks first. The raw sentence stays available beside it.
 */
import type { AlarmState } from './alarm';

const OPERATOR: Readonly<Record<string, string>> = {
  GreaterThanOrEqualToThreshold: '≥',
  GreaterThanThreshold: '>',
  LessThanThreshold: '<',
  LessThanOrEqualToThreshold: '≤',
  LessThanLowerOrGreaterThanUpperThreshold: 'outside the band',
  LessThanLowerThreshold: 'below the band',
  GreaterThanUpperThreshold: 'above the band',
};

/** CloudWatch writes statistics in capitals in notifications (`SUM`, `SAMPLE_COUNT`). */
const STATISTIC: Readonly<Record<string, string>> = {
  SUM: 'Sum',
  AVERAGE: 'Average',
  MINIMUM: 'Minimum',
  MAXIMUM: 'Maximum',
  SAMPLE_COUNT: 'SampleCount',
  SAMPLECOUNT: 'SampleCount',
};

/** The rule's parts, already read out of the Trigger. */
export interface RuleParts {
  /** What is compared: `TeachMe/Errors (Sum per 1 minute)` or a math expression's label. */
  readonly subject: string;
  readonly operator: string | undefined;
  readonly threshold: number | undefined;
  /** The anomaly band's metric id, when the threshold is a band. */
  readonly band: string | undefined;
  readonly datapointsToAlarm: number | undefined;
  readonly evaluationPeriods: number | undefined;
}

/** `60` → `1 minute`, `300` → `5 minutes`, `10` → `10 seconds`. */
export function periodWords(seconds: number | undefined): string | undefined {
  if (seconds === undefined || !Number.isFinite(seconds) || seconds <= 0) return undefined;
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (seconds % 86400 === 0) return unit(seconds / 86400, 'day');
  if (seconds % 3600 === 0) return unit(seconds / 3600, 'hour');
  if (seconds % 60 === 0) return unit(seconds / 60, 'minute');
  return unit(seconds, 'second');
}

/** `SUM` → `Sum`; percentiles and other extended statistics pass through (`p99`). */
export function statisticWords(stat: string | undefined): string | undefined {
  if (!stat) return undefined;
  return STATISTIC[stat.toUpperCase()] ?? stat;
}

/** The comparison as a symbol or words. */
export function operatorWords(op: string | undefined): string | undefined {
  return op === undefined ? undefined : (OPERATOR[op] ?? op);
}

/** A threshold as people write it: `2`, not `2.0`. */
export function numberWords(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(6)));
}

/** The datapoint values CloudWatch quotes in NewStateReason (`[3.0 (…), 2.0 (…)]` or `1 datapoint (10.0)`). */
export function observedValues(rawReason: string): number[] {
  const list = /\[([^\]]*)\]/.exec(rawReason)?.[1];
  const source = list ?? /datapoints? \(([-0-9.eE]+)\)/.exec(rawReason)?.[1];
  if (source === undefined) return [];
  const values = list
    ? [...list.matchAll(/(?:^|,\s*)(-?[0-9][0-9.eE+-]*)\s*\(/g)].map((m) => Number(m[1]))
    : [Number(source)];
  return values.filter((v) => Number.isFinite(v));
}

/** The rule in words: `TeachMe/Errors (Sum per 1 minute) ≥ 2`, `… outside the band ad1`. */
export function ruleWords(r: RuleParts): string {
  const op = operatorWords(r.operator);
  if (r.band !== undefined) return `${r.subject} ${op ?? 'compared with'} ${r.band}`;
  if (op === undefined || r.threshold === undefined) return r.subject;
  return `${r.subject} ${op} ${numberWords(r.threshold)}`;
}

/** How many datapoints it takes, when that is more than one. */
function countWords(r: RuleParts): string {
  const n = r.evaluationPeriods ?? 1;
  const m = r.datapointsToAlarm ?? n;
  if (n <= 1 && m <= 1) return '';
  return m === n ? `${m} datapoints in a row: ` : `${m} of the last ${n} datapoints: `;
}

/** The whole reason, per state. `observed` are the values from NewStateReason. */
export function reasonWords(state: AlarmState, r: RuleParts, observed: readonly number[]): string {
  const rule = ruleWords(r);
  const seen = observed.length > 0 ? ` (observed: ${observed.map(numberWords).join(', ')})` : '';
  switch (state) {
    case 'ALARM':
      return `${countWords(r)}${rule}${seen}`;
    case 'OK':
      return `Recovered: no longer ${rule}${seen}`;
    case 'INSUFFICIENT_DATA':
      return `Not enough data to evaluate ${rule}`;
  }
}
