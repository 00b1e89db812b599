import type { TreatMissingData } from '../kinds/specs';
/**
 * One alarm evaluation: from the classified datapoints of the evaluation range to the next state.
 *
 * Source: "Using Amazon CloudWatch alarms", sections "Evaluating an alarm", "Configuring how CloudWatch
 * alarms treat missing data" and "How alarm state is evaluated when data is missing"
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html).
 * Every row of the page's two example tables is a unit test (test/simulate/evaluate.test.ts).
 */

/** The three states of every alarm. */
export type AlarmState = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';

/** "each specific data point reported to CloudWatch falls under one of three categories". */
export type Point = 'breaching' | 'notBreaching' | 'missing';

/** The part of an alarm's configuration that decides a state. */
export interface EvaluationSettings {
  /** N: "the number of the most recent periods, or data points, to evaluate". */
  readonly evaluationPeriods: number;
  /** M: "the number of data points within the evaluation period that must be breaching". */
  readonly datapointsToAlarm: number;
  readonly treatMissingData: TreatMissingData;
}

/**
 * How many periods CloudWatch retrieves per evaluation (the "evaluation range"). The page says only that
 * it is "a higher number of data points than specified by Evaluation Periods" and that the exact number
 * "depends on the length of the alarm period" and the resolution; its worked example retrieves 5 for 3
 * evaluation periods. Our reading: always N + 2, which reproduces that example.
 */
export function evaluationRangeLength(evaluationPeriods: number): number {
  return evaluationPeriods + 2;
}

/** The next state and a sentence saying why, in the words of the documentation's rules. */
export interface Evaluation {
  readonly state: AlarmState;
  readonly reason: string;
}

/**
 * Evaluates the evaluation range (oldest first) given the alarm's current state.
 *
 * - No datapoint in the range: `missing` goes to INSUFFICIENT_DATA, `ignore` keeps the state,
 *   `breaching` goes to ALARM, `notBreaching` to OK (third row of the first table).
 * - At least N real datapoints: the most recent N real ones decide; treat-missing-data "is not needed and
 *   is ignored".
 * - Fewer than N real datapoints: every real one is evaluated, "no matter when [it was] reported", and
 *   the remaining N - k are missing datapoints filled per the setting. For `breaching` / `notBreaching`
 *   that fill is a breaching / non-breaching datapoint. For `missing` and `ignore` the page only gives
 *   examples; the reading that reproduces all of them: M breaching real datapoints alarm; otherwise one
 *   non-breaching real datapoint makes it OK; otherwise (only breaching ones, fewer than M) `ignore` keeps
 *   the state, and `missing` goes to ALARM when the oldest evaluated datapoint is a real one ("because the
 *   oldest evaluated data point is breaching and there aren't any non-breaching data points", sixth row)
 *   and to INSUFFICIENT_DATA when it is a missing one (fifth row). The evaluated datapoints are the N most
 *   recent periods, with real datapoints from before them taking the place of missing ones.
 */
export function evaluateRange(range: readonly Point[], s: EvaluationSettings, current: AlarmState): Evaluation {
  const n = s.evaluationPeriods;
  const m = s.datapointsToAlarm;
  const real = range.map((p, i) => ({ p, i })).filter((x) => x.p !== 'missing');
  const verdict = (breaching: number, why: string): Evaluation =>
    breaching >= m
      ? { state: 'ALARM', reason: `${breaching} of ${n} datapoints breaching (${m} needed) ${why}` }
      : { state: 'OK', reason: `${breaching} of ${n} datapoints breaching (${m} needed) ${why}` };

  if (real.length === 0) {
    const why = `no datapoint in the last ${range.length} periods`;
    switch (s.treatMissingData) {
      case 'missing':
        return { state: 'INSUFFICIENT_DATA', reason: `${why}; missing data is treated as missing` };
      case 'ignore':
        return { state: current, reason: `${why}; missing data is ignored, the state is kept` };
      case 'breaching':
        return { state: 'ALARM', reason: `${why}; missing data is treated as breaching` };
      case 'notBreaching':
        return { state: 'OK', reason: `${why}; missing data is treated as not breaching` };
    }
  }
  if (real.length >= n) {
    const recent = real.slice(-n);
    return verdict(recent.filter((x) => x.p === 'breaching').length, 'in the most recent real datapoints');
  }
  const breaching = real.filter((x) => x.p === 'breaching').length;
  const fill = n - real.length;
  switch (s.treatMissingData) {
    case 'breaching':
      return verdict(breaching + fill, `with ${fill} missing datapoint(s) treated as breaching`);
    case 'notBreaching':
      return verdict(breaching, `with ${fill} missing datapoint(s) treated as not breaching`);
    case 'missing':
    case 'ignore': {
      if (breaching >= m) return verdict(breaching, `among ${real.length} real datapoint(s)`);
      if (breaching < real.length) return verdict(breaching, `among ${real.length} real datapoint(s)`);
      if (s.treatMissingData === 'ignore') {
        return {
          state: current,
          reason: `only ${real.length} breaching datapoint(s), fewer than ${m}; missing data is ignored, the state is kept`,
        };
      }
      const oldestIsReal = (real[0]?.i ?? range.length) <= range.length - n;
      return oldestIsReal
        ? { state: 'ALARM', reason: `the oldest evaluated datapoint is breaching and none is not breaching` }
        : {
            state: 'INSUFFICIENT_DATA',
            reason: `only ${real.length} breaching datapoint(s), fewer than ${m}, and ${fill} missing`,
          };
    }
  }
}
