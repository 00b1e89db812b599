/**
 * `slos:`: an SLO checked at file:line:column and compiled into metric and composite alarms
 * (compile.ts). The alarms are ordinary resources of those kinds: plan, apply, import and the rule
 * tests see them as any other, grouped under the SLO by their `origin`.
 */
import { excerpt } from '../../model';
import { sortedRecord, sortedUnique } from '../../model/normalize';
import { durationSeconds, durationText } from '../shared/forms';
import { didYouMean } from '../../shared/suggest';
import type { PathSegment } from '../../shared/source-types';
import type { BuildContext, YamlForm } from '../build';
import { topicArns } from '../shared/alarm-actions-build';
import { COMPOSITE_ALARM_FIELDS } from '../composite-alarm/fields';
import { METRIC_ALARM_FIELDS } from '../metric-alarm/fields';
import { compileSlo } from './compile';
import type { Sli, SliSide, SloDefinition, SloMetric } from './model';
import { burnThreshold, DEFAULT_POLICY, factorText, windowShape, type BurnAlert } from './policy';
import type { RawSli, RawSliSide, RawSlo, RawSloMetric } from './raw';

/** Ids the compiled queries use themselves. */
const RESERVED_IDS = ['good', 'bad', 'total', 'rate', 'latency'];
const DEFAULT_WINDOW = 30 * 86400;

/** The origin every resource of an SLO carries: the plan shows them under it. */
export function sloOrigin(name: string): string {
  return `SLO ${name}`;
}

function metric(ref: RawSloMetric): SloMetric {
  const m = typeof ref === 'string' ? { metric: ref } : ref;
  const slash = m.metric.lastIndexOf('/');
  return {
    namespace: m.metric.slice(0, slash),
    metricName: m.metric.slice(slash + 1),
    dimensions: sortedRecord(m.dimensions),
    stat: m.stat ?? 'Sum',
  };
}

/** Metric math names ids as words; those that are not functions must be the SLI's metrics. */
function expressionIds(expression: string): string[] {
  return [...expression.matchAll(/\b([a-z][A-Za-z0-9_]*)\b(?!\s*\()/g)].map((m) => m[1] as string);
}

function side(ctx: BuildContext, raw: RawSliSide | undefined, ids: readonly string[], path: PathSegment[]) {
  if (raw === undefined) return undefined;
  if (typeof raw === 'object' && 'expression' in raw) {
    for (const id of expressionIds(raw.expression))
      if (!ids.includes(id))
        ctx.error(
          'DANGLING_REFERENCE',
          `expression ${excerpt(raw.expression)} names "${id}", which is not one of the SLI's metrics${didYouMean(id, ids)}${ids.length === 0 ? ' (declare it under sli.metrics)' : ''}`,
          ctx.at([...path, 'expression']),
        );
    return { form: 'expression', expression: raw.expression.trim() } as const satisfies SliSide;
  }
  return { form: 'metric', metric: metric(raw) } as const satisfies SliSide;
}

function sli(ctx: BuildContext, raw: RawSli, path: PathSegment[]): Sli | undefined {
  const sides = (['good', 'bad', 'total'] as const).filter((k) => raw[k] !== undefined);
  if (raw.latency) {
    if (sides.length > 0 || raw.metrics)
      ctx.error(
        'SCHEMA',
        `a latency SLI stands alone; remove ${[...sides, ...(raw.metrics ? ['metrics'] : [])].join(', ')} or write the SLI as a ratio`,
        ctx.at([...path, 'latency']),
      );
    return {
      form: 'latency',
      metric: { ...metric(raw.latency), stat: `PR(:${raw.latency.threshold})` },
      threshold: raw.latency.threshold,
    };
  }
  if (sides.length !== 2) {
    ctx.error(
      'SCHEMA',
      sides.length < 2
        ? `the SLI needs two of good, bad and total (it has ${sides.length === 0 ? 'none' : sides.join(', ')}), or latency`
        : 'the SLI takes two of good, bad and total, not all three (total is good + bad)',
      ctx.at(path),
    );
    return undefined;
  }
  const ids = Object.keys(raw.metrics ?? {});
  for (const id of ids)
    if (RESERVED_IDS.includes(id))
      ctx.error(
        'SCHEMA',
        `"${id}" is an id the compiled alarm uses itself; name the metric otherwise`,
        ctx.at([...path, 'metrics', id]),
      );
  const metrics = Object.fromEntries(Object.entries(raw.metrics ?? {}).map(([id, m]) => [id, metric(m)]));
  return {
    form: 'ratio',
    good: side(ctx, raw.good, ids, [...path, 'good']),
    bad: side(ctx, raw.bad, ids, [...path, 'bad']),
    total: side(ctx, raw.total, ids, [...path, 'total']),
    metrics,
  };
}

function policy(
  ctx: BuildContext,
  s: RawSlo,
  target: number | undefined,
  window: number,
  path: PathSegment[],
): BurnAlert[] {
  const alerts: BurnAlert[] = s.policy?.map((a) => ({
    severity: a.severity,
    factor: a.factor,
    long: durationSeconds(a.long),
    short: durationSeconds(a.short),
  })) ?? [...DEFAULT_POLICY];
  alerts.forEach((a, i) => {
    const at = (key: string) => ctx.at(s.policy ? [...path, 'policy', i, key] : [...path, 'name']);
    const where = s.policy ? '' : ' (the default policy)';
    for (const key of ['long', 'short'] as const) {
      const shape = windowShape(a[key]);
      if (typeof shape === 'string')
        ctx.error('LIMIT_EXCEEDED', `${key} window ${durationText(a[key])}${where}: ${shape}`, at(key));
      else if (a[key] > window)
        ctx.error(
          'SCHEMA',
          `${key} window ${durationText(a[key])}${where} is longer than the SLO window ${durationText(window)}`,
          at(key),
        );
    }
    if (a.short >= a.long)
      ctx.error(
        'SCHEMA',
        `the short window (${durationText(a.short)}) must be shorter than the long one (${durationText(a.long)})`,
        at('short'),
      );
    if (target !== undefined && burnThreshold(target, a.factor) > 1)
      ctx.error(
        'SCHEMA',
        `${factorText(a.factor)} the budget of ${excerpt(String(Number((100 - target).toPrecision(6))))}% is an error rate over 100%: this alert could never fire`,
        at('factor'),
      );
  });
  return alerts;
}

function definition(ctx: BuildContext, s: RawSlo, path: PathSegment[]): SloDefinition | undefined {
  // Under 1 is a fraction written where a percentage goes (0.999 for 99.9%), not a real objective.
  const targetOk = s.target >= 1 && s.target < 100;
  if (!targetOk)
    ctx.error(
      'SCHEMA',
      `target ${s.target} is a percentage of good events, from 1 to less than 100 (e.g. 99.9)${s.target > 0 && s.target < 1 ? `; did you mean ${Number((s.target * 100).toPrecision(6))}?` : ''}`,
      ctx.at([...path, 'target']),
    );
  const window = s.window === undefined ? DEFAULT_WINDOW : durationSeconds(s.window);
  if (window < 86400)
    ctx.error(
      'SCHEMA',
      `window ${s.window ?? ''} is shorter than a day; an SLO window is days or weeks (e.g. 28d, 30d)`,
      ctx.at([...path, 'window']),
    );
  const indicator = sli(ctx, s.sli, [...path, 'sli']);
  const alerts = policy(ctx, s, targetOk ? s.target : undefined, window, path);
  const page = sortedUnique(topicArns(ctx, s.page, [...path, 'page']));
  const ticket = sortedUnique(topicArns(ctx, s.ticket, [...path, 'ticket']));
  if (page.length === 0 && ticket.length === 0)
    ctx.diagnostic({
      severity: 'warning',
      code: 'SCHEMA',
      message: `SLO ${excerpt(s.name)} tells nobody: add page: and ticket: topics`,
      location: ctx.at([...path, 'name']),
    });
  if (s.suppressPageWhile !== undefined && !s.suppressPageWhile.startsWith('arn:'))
    ctx.reference({ kind: 'alarm', name: s.suppressPageWhile, location: ctx.at([...path, 'suppressPageWhile']) });
  if (!indicator) return undefined;
  return {
    name: s.name,
    description: s.description,
    target: s.target,
    window,
    sli: indicator,
    pageActions: page,
    ticketActions: ticket,
    suppressPageWhile: s.suppressPageWhile,
    policy: alerts,
    tags: ctx.tagsFor(s.tags, path),
  };
}

/** `slos:`: each SLO becomes its window alarms and a composite alarm per severity. */
export const slosForm: YamlForm = {
  key: 'slos',
  proseKeys: ['description', 'expression'],
  build(outer, raw) {
    (raw.slos as RawSlo[] | undefined)?.forEach((s, i) => {
      const path = ['slos', i];
      let errors = 0;
      const ctx: BuildContext = {
        ...outer,
        error: (...args) => {
          errors++;
          outer.error(...args);
        },
      };
      const def = definition(ctx, s, path);
      // A compiled alarm of a broken SLO would only add noise to the errors already reported.
      if (!def || errors > 0) return;
      const compiled = compileSlo(def);
      const source = ctx.at(path);
      const origin = sloOrigin(s.name);
      for (const spec of [...compiled.windows, ...compiled.severities]) ctx.alarmName(spec.name, path);
      // ${env:} values inside an SLO may feed any of its alarms: the whole entry maps to the whole resource.
      for (const spec of compiled.windows) ctx.push({ spec, source, origin }, METRIC_ALARM_FIELDS, path);
      for (const spec of compiled.severities) ctx.push({ spec, source, origin }, COMPOSITE_ALARM_FIELDS, path);
    });
  },
};
