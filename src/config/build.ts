import {
  OWNER_TAG,
  SENSITIVE_TAG,
  encodeSensitiveTag,
  excerpt,
  filterAwsName,
  type Diagnostic,
  type DesiredResource,
  type MetricAlarmSpec,
  type MetricQuery,
  type MetricStat,
  type SourceLocation,
  type StackSettings,
  type SubscriptionProtocol,
  type Tags,
  type TreatMissingData,
} from '../model';
import {
  blankToUndefined,
  canonicalJson,
  normalizeEmail,
  normalizeRule,
  sortedRecord,
  sortedUnique,
} from '../model/normalize';
import { durationSeconds, parseAlarmShorthand, parseThreshold, retentionDays, validPeriod } from './forms';
import type { RawActions, RawAlarm, RawFile, RawFilter, RawMetric, RawQuery } from './raw';
import type { EnvUse } from './env';
import { specPathsFor, under, type FieldBlock } from './sensitive-fields';
import { checkFilterPattern, MAX_FILTER_DIMENSIONS, patternLocation, referenceProblems } from './filter-pattern';
import { locate, locateKey, type PathSegment, type SourceFile } from './source';

/** A reference from one resource to another, checked once every file is read. */
export interface Reference {
  readonly kind: 'logGroup' | 'topic' | 'alarm';
  readonly name: string;
  readonly location: SourceLocation;
}

/** What building one file produced. */
export interface BuiltFile {
  readonly resources: DesiredResource[];
  readonly references: Reference[];
  readonly diagnostics: Diagnostic[];
}

/** Topic ARNs are written with this account until the real one is known (see withAccountId). */
export const PLACEHOLDER_ACCOUNT = '000000000000';
const MAX_ACTIONS = 5;
const MAX_TAGS = 50;
const MAX_ALARM_NAME = 255;
const PROTOCOLS: readonly SubscriptionProtocol[] = ['email', 'email-json', 'sms', 'https', 'http', 'lambda', 'sqs'];

/**
 * Turns one validated file into normalized resources of the given stack. `envUses` are where this
 * file's `${env:}` values landed and `defaultTagPaths` the stack's default tags that came from one:
 * each resource is marked sensitive in the fields they feed.
 */
export function buildFile(
  src: SourceFile,
  raw: RawFile,
  stack: StackSettings,
  envUses: readonly EnvUse[] = [],
  defaultTagPaths: readonly string[] = [],
): BuiltFile {
  const built: DesiredResource[] = [];
  const resources = {
    push: (r: Omit<DesiredResource, 'sensitive'>, block: FieldBlock, prefix: PathSegment[], extra: string[] = []) => {
      const paths = envUses.flatMap((u) => {
        const rel = under(u.path, prefix);
        return rel ? specPathsFor(block, rel) : [];
      });
      const tagged = 'tags' in r.spec ? defaultTagPaths : [];
      const sensitive = [...new Set([...paths, ...extra, ...tagged])].sort();
      // Recorded on the resource itself, so a later plan still knows after the file forgets.
      const spec =
        'tags' in r.spec && sensitive.length > 0
          ? { ...r.spec, tags: { ...r.spec.tags, [SENSITIVE_TAG]: encodeSensitiveTag(sensitive) } }
          : r.spec;
      built.push({ ...r, spec, sensitive });
    },
  };
  const references: Reference[] = [];
  const diagnostics: Diagnostic[] = [];
  const at = (path: PathSegment[]) => locate(src, path);
  const error = (code: Diagnostic['code'], message: string, location: SourceLocation) =>
    diagnostics.push({ severity: 'error', code, message, location });

  const tagsFor = (own: Record<string, string> | undefined, path: PathSegment[]): Tags => {
    const tags = { ...stack.defaultTags, ...own, [OWNER_TAG]: stack.name };
    if (Object.keys(tags).length > MAX_TAGS) {
      error(
        'LIMIT_EXCEEDED',
        `${Object.keys(tags).length} tags (with the stack's default tags and the ownership tag); AWS allows at most ${MAX_TAGS}`,
        at([...path, 'tags']),
      );
    }
    return tags;
  };

  const topicArns = (refs: string | string[] | undefined, path: PathSegment[]): string[] => {
    const list = refs === undefined ? [] : Array.isArray(refs) ? refs : [refs];
    if (list.length > MAX_ACTIONS)
      error('LIMIT_EXCEEDED', `${list.length} actions; AWS allows at most ${MAX_ACTIONS} per alarm state`, at(path));
    return list.map((ref, i) => {
      if (ref.startsWith('arn:')) return ref;
      references.push({ kind: 'topic', name: ref, location: at(Array.isArray(refs) ? [...path, i] : path) });
      return `arn:aws:sns:${stack.region}:${PLACEHOLDER_ACCOUNT}:${ref}`;
    });
  };

  const actions = (r: RawActions, path: PathSegment[]) => {
    if (r.notify !== undefined && r.onAlarm !== undefined) {
      error(
        'SCHEMA',
        'use either notify or onAlarm, not both (notify is shorthand for onAlarm)',
        at([...path, 'notify']),
      );
    }
    return {
      actionsEnabled: r.actionsEnabled ?? true,
      alarmActions: sortedUnique(
        topicArns(r.onAlarm ?? r.notify, [...path, r.onAlarm !== undefined ? 'onAlarm' : 'notify']),
      ),
      okActions: sortedUnique(topicArns(r.onOk, [...path, 'onOk'])),
      insufficientDataActions: sortedUnique(topicArns(r.onInsufficientData, [...path, 'onInsufficientData'])),
    };
  };

  const alarmName = (name: string, path: PathSegment[]) => {
    if (name.length > MAX_ALARM_NAME)
      error(
        'LIMIT_EXCEEDED',
        `alarm name is ${name.length} characters; AWS allows at most ${MAX_ALARM_NAME}`,
        at([...path, 'name']),
      );
  };

  const period = (value: number | string | undefined, path: PathSegment[], fallback: number): number => {
    if (value === undefined) return fallback;
    const seconds = durationSeconds(value);
    if (!validPeriod(seconds))
      error(
        'SCHEMA',
        `period ${excerpt(value)} is ${seconds}s; CloudWatch accepts 10, 20, 30, or a multiple of 60 seconds`,
        at(path),
      );
    return seconds;
  };

  const metricStat = (m: RawMetric, path: PathSegment[]): MetricStat => {
    if (m.stat === undefined)
      error('SCHEMA', `${path.join('.')} is missing the required key "stat" (e.g. Sum, Average, p99)`, at(path));
    const stat = m.stat ?? 'Average';
    const basic = ['Sum', 'Average', 'Minimum', 'Maximum', 'SampleCount'].includes(stat);
    return {
      namespace: m.namespace,
      metricName: m.name,
      dimensions: sortedRecord(m.dimensions),
      period: period(m.period, [...path, 'period'], 60),
      statistic: basic ? stat : undefined,
      extendedStatistic: basic ? undefined : stat,
      unit: m.unit,
    };
  };

  const query = (q: RawQuery, path: PathSegment[]): MetricQuery => {
    if ((q.expression === undefined) === (q.metric === undefined)) {
      error('SCHEMA', `query ${excerpt(q.id)} needs exactly one of expression or metric`, at(path));
    }
    const stat = q.metric ? metricStat(q.metric, [...path, 'metric']) : undefined;
    return {
      id: q.id,
      expression: q.expression,
      label: q.label,
      returnData: q.returnData ?? q.expression !== undefined,
      period: q.period === undefined ? undefined : period(q.period, [...path, 'period'], 60),
      accountId: q.accountId,
      metricStat: stat && {
        namespace: stat.namespace,
        metricName: stat.metricName,
        dimensions: stat.dimensions,
        period: stat.period,
        stat: stat.statistic ?? stat.extendedStatistic ?? 'Average',
        unit: stat.unit,
      },
    };
  };

  raw.topics?.forEach((t, i) => {
    const path = ['topics', i];
    const fifo = t.fifo ?? t.name.endsWith('.fifo');
    if (fifo !== t.name.endsWith('.fifo')) {
      error(
        'SCHEMA',
        fifo
          ? `FIFO topic ${excerpt(t.name)} must have a name ending in .fifo`
          : `topic ${excerpt(t.name)} ends in .fifo but fifo is false`,
        at([...path, 'name']),
      );
    }
    resources.push(
      {
        spec: {
          kind: 'topic',
          name: t.name,
          displayName: blankToUndefined(t.displayName),
          kmsMasterKeyId: blankToUndefined(t.kmsKey),
          fifo,
          tags: tagsFor(t.tags, path),
        },
        source: locateKey(src, path),
      },
      'topic',
      path,
    );
    const topicNameSecret = envUses.some((u) => under(u.path, [...path, 'name'])) ? ['topicName'] : [];
    t.subscriptions?.forEach((s, j) => {
      const subPath = [...path, 'subscriptions', j];
      const given = PROTOCOLS.filter((p) => s[p] !== undefined);
      if (given.length !== 1) {
        error(
          'SCHEMA',
          given.length === 0
            ? `subscription needs one of ${PROTOCOLS.join(', ')}`
            : `subscription has ${given.join(' and ')}; give exactly one protocol per subscription`,
          at(subPath),
        );
        return;
      }
      const protocol = given[0] as SubscriptionProtocol;
      const endpoint = s[protocol] as string;
      resources.push(
        {
          spec: {
            kind: 'subscription',
            topicName: t.name,
            protocol,
            endpoint: protocol === 'email' || protocol === 'email-json' ? normalizeEmail(endpoint) : endpoint,
            filterPolicy: s.filterPolicy ? canonicalJson(s.filterPolicy) : undefined,
            rawMessageDelivery: s.rawMessageDelivery ?? false,
          },
          source: at(subPath),
        },
        'subscription',
        subPath,
        topicNameSecret,
      );
    });
  });

  raw.logGroups?.forEach((g, i) => {
    const path = ['logGroups', i];
    resources.push(
      {
        spec: {
          kind: 'logGroup',
          name: g.name,
          retentionInDays: g.retention === undefined ? undefined : retentionDays(g.retention),
          kmsKeyId: blankToUndefined(g.kmsKey),
          tags: tagsFor(g.tags, path),
        },
        source: at(path),
      },
      'logGroup',
      path,
    );
  });

  const filter = (
    name: string,
    logGroup: string,
    pattern: string,
    m: RawFilter['metric'],
    path: PathSegment[],
    logGroupPath: PathSegment[],
    block: FieldBlock,
  ) => {
    references.push({ kind: 'logGroup', name: logGroup, location: at(logGroupPath) });
    const problem = checkFilterPattern(pattern);
    if (problem) {
      const shown = pattern.length > 80 ? `${pattern.slice(0, 80)}…` : pattern;
      error(
        'BAD_FILTER_PATTERN',
        `filter pattern ${JSON.stringify(shown)}: ${problem.message} (at character ${problem.offset + 1})`,
        patternLocation(src, [...path, 'pattern'], pattern, problem.offset),
      );
    }
    const dimensionCount = Object.keys(m.dimensions ?? {}).length;
    if (dimensionCount > MAX_FILTER_DIMENSIONS) {
      error(
        'LIMIT_EXCEEDED',
        `${dimensionCount} dimensions; AWS allows at most ${MAX_FILTER_DIMENSIONS} per metric filter`,
        at([...path, 'metric', 'dimensions']),
      );
    }
    for (const p of problem ? [] : referenceProblems(pattern, String(m.value ?? 1), m.dimensions ?? {})) {
      diagnostics.push({
        severity: p.severity,
        code: 'DANGLING_REFERENCE',
        message: p.message,
        location: at(
          p.where.kind === 'value' ? [...path, 'metric', 'value'] : [...path, 'metric', 'dimensions', p.where.name],
        ),
      });
    }
    if (m.default !== undefined && Object.keys(m.dimensions ?? {}).length > 0) {
      error(
        'SCHEMA',
        'a metric filter with dimensions cannot have a default value (PutMetricFilter rejects it): drop one of them',
        at([...path, 'metric', 'default']),
      );
    }
    resources.push(
      {
        spec: {
          kind: 'metricFilter',
          logGroupName: logGroup,
          filterName: filterAwsName(stack.name, name),
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
        source: at(path),
      },
      block,
      path,
    );
  };
  raw.metricFilters?.forEach((f, i) =>
    filter(
      f.name,
      f.logGroup,
      f.pattern,
      f.metric,
      ['metricFilters', i],
      ['metricFilters', i, 'logGroup'],
      'metricFilter',
    ),
  );

  const metricAlarm = (a: RawAlarm, path: PathSegment[]): MetricAlarmSpec => {
    alarmName(a.name, path);
    if ((a.metric === undefined) === (a.metrics === undefined)) {
      error(
        'SCHEMA',
        `alarm ${excerpt(a.name)} needs exactly one of metric (one metric) or metrics (metric math)`,
        at(path),
      );
    }
    let comparison = a.comparison as MetricAlarmSpec['comparisonOperator'] | undefined;
    let threshold: number | undefined;
    if (typeof a.threshold === 'string') {
      if (a.comparison !== undefined)
        error(
          'SCHEMA',
          `threshold ${excerpt(a.threshold)} already says the comparison; remove comparison`,
          at([...path, 'comparison']),
        );
      ({ comparison, threshold } = parseThreshold(a.threshold));
    } else if (typeof a.threshold === 'number') {
      threshold = a.threshold;
      if (comparison === undefined)
        error(
          'SCHEMA',
          `threshold ${a.threshold} needs a comparison, or write it as ">= ${a.threshold}"`,
          at([...path, 'threshold']),
        );
    } else if (a.thresholdMetricId === undefined) {
      error('SCHEMA', `alarm ${excerpt(a.name)} is missing the required key "threshold" (e.g. ">= 2")`, at(path));
    }
    if (threshold !== undefined && !Number.isFinite(threshold))
      error('SCHEMA', `threshold ${excerpt(a.threshold)} is not a finite number`, at([...path, 'threshold']));
    const evaluationPeriods = a.evaluationPeriods ?? 1;
    const datapointsToAlarm = a.datapointsToAlarm ?? evaluationPeriods;
    if (datapointsToAlarm > evaluationPeriods) {
      error(
        'SCHEMA',
        `datapointsToAlarm (${datapointsToAlarm}) cannot exceed evaluationPeriods (${evaluationPeriods})`,
        at([...path, 'datapointsToAlarm']),
      );
    }
    const metrics = a.metrics?.map((q, j) => query(q, [...path, 'metrics', j]));
    if (metrics && metrics.filter((q) => q.returnData).length !== 1) {
      error(
        'SCHEMA',
        `metric math alarm ${excerpt(a.name)} needs exactly one query with returnData: true (it has ${metrics.filter((q) => q.returnData).length})`,
        at([...path, 'metrics']),
      );
    }
    return {
      kind: 'metricAlarm',
      name: a.name,
      description: blankToUndefined(a.description),
      ...actions(a, path),
      metric: a.metric ? metricStat(a.metric, [...path, 'metric']) : undefined,
      metrics,
      threshold,
      thresholdMetricId: a.thresholdMetricId,
      comparisonOperator: comparison ?? 'GreaterThanOrEqualToThreshold',
      evaluationPeriods,
      datapointsToAlarm,
      treatMissingData: (a.treatMissingData ?? 'missing') as TreatMissingData,
      evaluateLowSampleCountPercentile: a.evaluateLowSampleCountPercentile,
      tags: tagsFor(a.tags, path),
    };
  };
  raw.alarms?.forEach((a, i) =>
    resources.push({ spec: metricAlarm(a, ['alarms', i]), source: at(['alarms', i]) }, 'metricAlarm', ['alarms', i]),
  );

  raw.monitors?.forEach((m, i) => {
    const path = ['monitors', i];
    const slash = m.metric.lastIndexOf('/');
    const namespace = m.metric.slice(0, slash);
    const metricName = m.metric.slice(slash + 1);
    filter(
      m.name,
      m.logGroup,
      m.pattern,
      { namespace, name: metricName, value: 1, default: 0 },
      path,
      [...path, 'logGroup'],
      'monitorFilter',
    );
    const cond = parseAlarmShorthand(m.alarm);
    if (!Number.isFinite(cond.threshold))
      error('SCHEMA', `${excerpt(m.alarm)}: the threshold is not a finite number`, at([...path, 'alarm']));
    if (!validPeriod(cond.period))
      error(
        'SCHEMA',
        `${excerpt(m.alarm)}: a period of ${cond.period}s is not accepted; use 10s, 20s, 30s or whole minutes`,
        at([...path, 'alarm']),
      );
    alarmName(m.name, path);
    resources.push(
      {
        spec: {
          kind: 'metricAlarm',
          name: m.name,
          description: blankToUndefined(m.description),
          ...actions(m, path),
          metric: { namespace, metricName, dimensions: {}, period: cond.period, statistic: 'Sum' },
          threshold: cond.threshold,
          comparisonOperator: cond.comparison,
          evaluationPeriods: cond.evaluationPeriods,
          datapointsToAlarm: cond.datapointsToAlarm,
          treatMissingData: (m.treatMissingData ?? 'missing') as TreatMissingData,
          tags: tagsFor(m.tags, path),
        },
        source: at(path),
      },
      'monitorAlarm',
      path,
    );
  });

  raw.compositeAlarms?.forEach((c, i) => {
    const path = ['compositeAlarms', i];
    alarmName(c.name, path);
    const rule = normalizeRule(c.rule);
    for (const m of rule.matchAll(/\b(?:ALARM|OK|INSUFFICIENT_DATA)\s*\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]+))\s*\)/g)) {
      const ref = (m[1] ?? m[2] ?? m[3] ?? '').trim();
      if (!ref.startsWith('arn:')) references.push({ kind: 'alarm', name: ref, location: at([...path, 'rule']) });
    }
    resources.push(
      {
        spec: {
          kind: 'compositeAlarm',
          name: c.name,
          description: blankToUndefined(c.description),
          rule,
          ...actions(c, path),
          tags: tagsFor(c.tags, path),
        },
        source: at(path),
      },
      'compositeAlarm',
      path,
    );
  });

  return { resources: built, references, diagnostics };
}
