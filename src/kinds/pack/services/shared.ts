import type { ComparisonOperator, TreatMissingData } from '../../specs';
import type { Recommendation, ServicePack, Threshold } from '../types';

/** The resource part of an ARN: everything after `arn:partition:service:region:account:`. */
export function arnResource(arn: string): string {
  return arn.split(':').slice(5).join(':');
}

/**
 * A resource its ARN names by one id (a function's name, an instance's id): that id is both its one
 * dimension, under `dimension`, and its name; an ARN the id cannot be read from is not this pack's.
 */
export function byArnId(
  id: (arn: string) => string | undefined,
  dimension: string,
): Pick<ServicePack, 'dimensions' | 'name'> {
  return {
    dimensions: (arn) => {
      const value = id(arn);
      return value === undefined ? undefined : { [dimension]: value };
    },
    name: (arn) => id(arn) ?? arn,
  };
}

/** AWS gave a number. */
export const fixed = (value: number): Threshold => ({ basis: 'fixed', value });
/** AWS gives no number ("depends on your situation"): the user must. */
export const none = (justification: string): Threshold => ({ basis: 'none', justification });

const OPS: Readonly<Record<string, ComparisonOperator>> = {
  '>': 'GreaterThanThreshold',
  '>=': 'GreaterThanOrEqualToThreshold',
  '<': 'LessThanThreshold',
  '<=': 'LessThanOrEqualToThreshold',
};

/** The facts of one entry, in the order the AWS page lists them. */
export interface Entry {
  readonly key: string;
  readonly metric?: string;
  readonly stat: string;
  readonly threshold: Threshold;
  readonly op: '>' | '>=' | '<' | '<=';
  readonly period: number;
  /** Datapoints to alarm / evaluation periods. */
  readonly of: readonly [number, number];
  readonly missing?: TreatMissingData;
  readonly intent: string;
  readonly extraDimensions?: Readonly<Record<string, string>>;
  readonly chosen?: string;
}

/** A service's entries as Recommendations, all from one section of the page in one namespace. */
export function recommendations(section: string, namespace: string, entries: readonly Entry[]): Recommendation[] {
  return entries.map((e) => ({
    key: e.key,
    namespace,
    metric: e.metric ?? e.key,
    statistic: e.stat,
    threshold: e.threshold,
    comparison: OPS[e.op] as ComparisonOperator,
    period: e.period,
    datapointsToAlarm: e.of[0],
    evaluationPeriods: e.of[1],
    treatMissingData: e.missing ?? 'missing',
    intent: e.intent,
    section,
    ...(e.extraDimensions ? { extraDimensions: e.extraDimensions } : {}),
    ...(e.chosen ? { chosen: e.chosen } : {}),
  }));
}
