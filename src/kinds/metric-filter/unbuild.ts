import { filterAwsName, filterOwner } from '../../model';
import { checkFilterPattern, MAX_FILTER_DIMENSIONS, referenceProblems } from './pattern-checks';
import { entry, type Entry, type KindUnbuild, type UnbuildContext, type Unbuilt } from '../unbuild';
import type { MetricFilterSpec } from '../specs';

const NAME = /^[A-Za-z0-9_-]{1,200}$/;
const FIELD_VALUE = /^\$\.?[A-Za-z0-9_.[\]]+$/;
const UNITS = new Set([
  'Seconds',
  'Microseconds',
  'Milliseconds',
  'Bytes',
  'Kilobytes',
  'Megabytes',
  'Gigabytes',
  'Terabytes',
  'Bits',
  'Kilobits',
  'Megabits',
  'Gigabits',
  'Terabits',
  'Percent',
  'Count',
  'Bytes/Second',
  'Kilobytes/Second',
  'Megabytes/Second',
  'Gigabytes/Second',
  'Terabytes/Second',
  'Bits/Second',
  'Kilobits/Second',
  'Megabits/Second',
  'Gigabits/Second',
  'Terabits/Second',
  'Count/Second',
  'None',
]);

/** Whether the YAML forms can write this unit (the schema's list). */
export function writableUnit(unit: string | undefined): boolean {
  return unit === undefined || UNITS.has(unit);
}

/**
 * A log filter's name in the files (metric and subscription filters share the name scheme): the
 * stack's own part of an owned name, else its AWS name made to fit (and kept in awsName).
 */
export function filterYamlName(
  spec: { readonly filterName: string },
  stack: string,
): { name: string; awsName?: string } {
  const own = filterAwsName(stack, '');
  if (filterOwner(spec.filterName) === stack && NAME.test(spec.filterName.slice(own.length)))
    return { name: spec.filterName.slice(own.length) };
  const fitted =
    spec.filterName
      .replace(/[^A-Za-z0-9_-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 200) || 'filter';
  return { name: fitted, awsName: spec.filterName };
}

// The names awsName can hold (its schema): AWS's own rules for a filter name.
// eslint-disable-next-line no-control-regex
const AWS_NAME = /^[^:*\u0000-\u001f\u007f]{1,512}$/;

/** Why a filter's AWS name cannot be written as awsName, if it cannot. */
export function awsNameProblem(awsName: string): string | undefined {
  if (awsName.startsWith('monitors.'))
    return 'its name starts with "monitors.", which only this tool\'s own filters carry';
  if (!AWS_NAME.test(awsName)) return 'its name has a character awsName cannot hold (":", "*" or a control character)';
  return undefined;
}

/** What a metric value is written as: the default 1 left out, a number as a number, a field as is. */
export function metricValueText(value: string): number | string | undefined | null {
  if (value === '1') return undefined;
  if (value.trim() !== '' && String(Number(value)) === value) return Number(value);
  return FIELD_VALUE.test(value) ? value : null;
}

/** Why a filter's pattern or metric cannot be written, if it cannot. */
export function filterProblem(spec: MetricFilterSpec): string | undefined {
  const t = spec.transformation;
  const problem = checkFilterPattern(spec.filterPattern);
  if (problem) return `its pattern is not one this tool can check (${problem.message})`;
  if (metricValueText(t.metricValue) === null)
    return `its metric value "${t.metricValue}" has no form in monitors files`;
  const reference = referenceProblems(spec.filterPattern, t.metricValue, t.dimensions).find(
    (p) => p.severity === 'error',
  );
  if (reference) return `${reference.message}`;
  if (!writableUnit(t.unit)) return `its unit "${t.unit ?? ''}" has no form in monitors files`;
  if (Object.keys(t.dimensions).length > MAX_FILTER_DIMENSIONS)
    return `it has more than ${MAX_FILTER_DIMENSIONS} dimensions`;
  if (t.defaultValue !== undefined && Object.keys(t.dimensions).length > 0)
    return 'it has both dimensions and a default value, which PutMetricFilter no longer accepts';
  return undefined;
}

function unbuildFilter(spec: MetricFilterSpec, ctx: UnbuildContext): Unbuilt {
  const problem = filterProblem(spec);
  if (problem) return { unsupported: problem };
  const t = spec.transformation;
  const { name, awsName } = filterYamlName(spec, ctx.stack);
  const nameProblem = awsName === undefined ? undefined : awsNameProblem(awsName);
  if (nameProblem) return { unsupported: nameProblem };
  const metric: Entry = entry({
    namespace: t.metricNamespace,
    name: t.metricName,
    value: metricValueText(t.metricValue) ?? undefined,
    default: t.defaultValue,
    unit: t.unit,
    dimensions: Object.keys(t.dimensions).length > 0 ? { ...t.dimensions } : undefined,
  });
  return { entry: entry({ name, awsName, logGroup: spec.logGroupName, pattern: spec.filterPattern, metric }) };
}

/** A metric filter as `metricFilters:` writes it; a console-made one keeps its AWS name in `awsName`. */
export const metricFilterUnbuild: KindUnbuild<'metricFilter'> = {
  section: 'metricFilters',
  unbuild: unbuildFilter,
};
