/**
 * The arithmetic of multiwindow, multi-burn-rate alerts (Google SRE workbook, "Alerting on SLOs",
 * https://sre.google/workbook/alerting-on-slos/, section 6) and how each window fits one CloudWatch
 * alarm. docs/slos.md explains both.
 */

/** One alert of a policy: page or ticket when the error rate is `factor` × the budget over both windows. */
export interface BurnAlert {
  readonly severity: 'page' | 'ticket';
  readonly factor: number;
  /** Seconds. */
  readonly long: number;
  readonly short: number;
}

/** The workbook's recommended policy for a 30-day SLO (its table 5-8). */
export const DEFAULT_POLICY: readonly BurnAlert[] = [
  { severity: 'page', factor: 14.4, long: 3600, short: 300 },
  { severity: 'page', factor: 6, long: 6 * 3600, short: 1800 },
  { severity: 'ticket', factor: 1, long: 3 * 86400, short: 6 * 3600 },
];

const DAY = 86400;
/** PutMetricAlarm: Period × EvaluationPeriods ≤ 7 days, and ≤ 1 day when Period < 1 hour. */
export const MAX_EVALUATION_RANGE = 7 * DAY;
/** The longest period we give a metric-math alarm's queries (a day: AWS's own examples stop there). */
export const MAX_PERIOD = DAY;

/** How one window becomes an alarm: `evaluationPeriods` slices of `period` seconds, each compared. */
export interface WindowShape {
  readonly period: number;
  readonly evaluationPeriods: number;
}

/**
 * A window as one alarm. Up to a day: one period as long as the window, evaluated over a sliding
 * window (AWS's default EvaluationWindow), so the ratio is exactly the window's. Longer: the fewest
 * slices of whole hours, each at most a day, all of which must breach (a slice is a datapoint; metric
 * math cannot sum datapoints across an alarm's periods). Returns a sentence when it cannot fit.
 */
export function windowShape(seconds: number): WindowShape | string {
  if (!Number.isInteger(seconds) || seconds < 60 || seconds % 60 !== 0) return 'a window is whole minutes, at least 1m';
  if (seconds <= MAX_PERIOD) return { period: seconds, evaluationPeriods: 1 };
  if (seconds > MAX_EVALUATION_RANGE)
    return `CloudWatch evaluates an alarm over at most 7d (Period × EvaluationPeriods); use a shorter window`;
  for (let slices = Math.ceil(seconds / MAX_PERIOD); slices <= seconds / 3600; slices++) {
    const period = seconds / slices;
    if (Number.isInteger(period) && period % 3600 === 0) return { period, evaluationPeriods: slices };
  }
  return 'a window over 1d must be a whole number of hours that splits into equal slices of whole hours';
}

/** The error rate the alert compares with: factor × (1 − target), rounded off float noise (12 digits). */
export function burnThreshold(target: number, factor: number): number {
  return Number(((factor * (100 - target)) / 100).toPrecision(12));
}

/** `14.4x`, `6x`, `1x`: a factor as it appears in alarm names. */
export function factorText(factor: number): string {
  return `${Number(factor.toPrecision(6))}x`;
}

/** The share of the budget one alert spends before it fires: factor × long / window (the workbook's "budget consumed"). */
export function budgetSpent(alert: BurnAlert, window: number): number {
  return (alert.factor * alert.long) / window;
}
