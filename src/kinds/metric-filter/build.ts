import { excerpt, filterAwsName, RESERVED_FILTER_PREFIX } from '../../model';
import { sortedRecord } from '../../model/normalize';
import { MAX_FILTER_DIMENSIONS, referenceProblems } from './pattern-checks';
import { reportPatternProblem } from './pattern-report';
import type { RawFilter } from '../../shared/raw';
import type { FieldTable } from '../../shared/sensitive-fields';
import type { PathSegment } from '../../shared/source-types';
import type { BuildContext, YamlForm } from '../build';
import { METRIC_FILTER_FIELDS } from './fields';

/**
 * The filter's name in AWS: `awsName:` verbatim (a filter adopted under the name it already has,
 * owned through the SSM record, see ownership-record.ts), else `monitors.<stack>.<name>`. AWS's own
 * rules (1-512 characters, no ':' or '*') are the schema's; the prefix the tool's own names carry is
 * refused here, since a filter with it would read back as owned by name.
 */
function awsNameOf(ctx: BuildContext, name: string, awsName: string | undefined, path: PathSegment[]): string {
  if (awsName === undefined) return filterAwsName(ctx.stack.name, name);
  if (awsName.startsWith(RESERVED_FILTER_PREFIX))
    ctx.error(
      'SCHEMA',
      `awsName ${excerpt(awsName)} starts with "${RESERVED_FILTER_PREFIX}", which only the names monitors gives its own filters may: leave awsName out to get monitors.${ctx.stack.name}.${name}, or name the filter as it is in AWS`,
      ctx.at([...path, 'awsName']),
    );
  return awsName;
}

/** A metric filter from its human form (also what a monitor expands into). */
export function buildFilter(
  ctx: BuildContext,
  name: string,
  logGroup: string,
  pattern: string,
  m: RawFilter['metric'],
  path: PathSegment[],
  logGroupPath: PathSegment[],
  block: FieldTable,
  awsName?: string,
): void {
  const filterName = awsNameOf(ctx, name, awsName, path);
  ctx.reference({ kind: 'logGroup', name: logGroup, location: ctx.at(logGroupPath) });
  const problem = reportPatternProblem(ctx, pattern, path);
  const dimensionCount = Object.keys(m.dimensions ?? {}).length;
  if (dimensionCount > MAX_FILTER_DIMENSIONS) {
    ctx.error(
      'LIMIT_EXCEEDED',
      `${dimensionCount} dimensions; AWS allows at most ${MAX_FILTER_DIMENSIONS} per metric filter`,
      ctx.at([...path, 'metric', 'dimensions']),
    );
  }
  for (const p of problem ? [] : referenceProblems(pattern, String(m.value ?? 1), m.dimensions ?? {})) {
    ctx.diagnostic({
      severity: p.severity,
      code: 'DANGLING_REFERENCE',
      message: p.message,
      location: ctx.at(
        p.where.kind === 'value' ? [...path, 'metric', 'value'] : [...path, 'metric', 'dimensions', p.where.name],
      ),
    });
  }
  if (m.default !== undefined && Object.keys(m.dimensions ?? {}).length > 0) {
    ctx.error(
      'SCHEMA',
      'a metric filter with dimensions cannot have a default value (PutMetricFilter rejects it): drop one of them',
      ctx.at([...path, 'metric', 'default']),
    );
  }
  ctx.push(
    {
      spec: {
        kind: 'metricFilter',
        logGroupName: logGroup,
        filterName,
        filterPattern: pattern,
        transformation: {
          metricName: m.name,
          metricNamespace: m.namespace,
          metricValue: String(m.value ?? 1),
          defaultValue: m.default,
          unit: m.unit,
          dimensions: sortedRecord(m.dimensions),
        },
      },
      source: ctx.at(path),
    },
    block,
    path,
  );
}

/** `metricFilters:`: a pattern on a log group, emitting a metric. */
export const metricFiltersForm: YamlForm = {
  key: 'metricFilters',
  proseKeys: ['pattern'],
  build(ctx, raw) {
    raw.metricFilters?.forEach((f, i) =>
      buildFilter(
        ctx,
        f.name,
        f.logGroup,
        f.pattern,
        f.metric,
        ['metricFilters', i],
        ['metricFilters', i, 'logGroup'],
        METRIC_FILTER_FIELDS,
        f.awsName,
      ),
    );
  },
};
