/**
 * OpenSLO v1 documents (https://github.com/OpenSLO/OpenSLO, README "SLO", "SLI") as `slos:` entries: an
 * SLO with an inline `indicator` or an `indicatorRef` to an SLI of the same file; a ratioMetric
 * (good or bad, and total) or a thresholdMetric (latency under `value`) whose metricSource is
 * CloudWatch; an Occurrences budget over a rolling window. Anything else is refused with the reason.
 */
import { yamlLib } from '../../config/yaml-lib';
import type { RawSli, RawSlo } from '../../kinds/slo/raw';
import { sloMetric, type MetricResult } from './cloudwatch-ref';
import type { SloImport } from './result';

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : {});

/** A CloudWatch metricSource: `spec: { namespace, metricName, stat, dimensions: [{ name, value }] }` or `spec.metricStat`. */
function cloudWatchMetric(source: unknown): MetricResult {
  const s = obj(source);
  const type = String(s.type ?? '');
  if (type.toLowerCase() !== 'cloudwatch')
    return { refused: `its metric source is ${type || 'not typed'}, not CloudWatch` };
  const spec = obj(s.spec);
  const stat = obj(spec.metricStat);
  const metric = obj(stat.metric);
  const namespace = String(spec.namespace ?? metric.namespace ?? '');
  const metricName = String(spec.metricName ?? metric.metricName ?? '');
  if (spec.sql !== undefined || spec.json !== undefined)
    return { refused: 'its CloudWatch source is a Metrics Insights (sql) or JSON query, not one metric' };
  if (!namespace || !metricName) return { refused: 'its CloudWatch source names no namespace and metricName' };
  const list = (
    Array.isArray(spec.dimensions) ? spec.dimensions : Array.isArray(metric.dimensions) ? metric.dimensions : []
  ) as unknown[];
  const dimensions = Object.fromEntries(list.map((d) => [String(obj(d).name), String(obj(d).value)]));
  const statName = spec.stat ?? stat.stat;
  return sloMetric(namespace, metricName, dimensions, statName === undefined ? undefined : String(statName));
}

/** `28d`, `2w`: a rolling window in days; calendar units (M, Q, Y) and hours are refused. */
function windowOf(timeWindow: unknown): string | { refused: string } {
  const first = obj(Array.isArray(timeWindow) ? timeWindow[0] : undefined);
  if (first.duration === undefined) return '30d';
  if (first.isRolling === false)
    return { refused: 'its time window is a calendar window (isRolling: false); burn-rate alerts need a rolling one' };
  const m = /^(\d+)(d|w)$/.exec(String(first.duration));
  if (!m) return { refused: `its time window ${String(first.duration)} is not whole days or weeks` };
  return `${Number(m[1]) * (m[2] === 'w' ? 7 : 1)}d`;
}

const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** Every SLO of an OpenSLO v1 file, or why it cannot be one. */
export function fromOpenSlo(text: string): SloImport {
  const docs = yamlLib()
    .parseAllDocuments(text)
    .map((d) => obj(d.toJS()));
  const slis = new Map(docs.filter((d) => d.kind === 'SLI').map((d) => [String(obj(d.metadata).name), obj(d.spec)]));
  const slos: RawSlo[] = [];
  const refused: string[] = [];
  for (const doc of docs.filter((d) => d.kind === 'SLO')) {
    const name = String(obj(doc.metadata).name ?? '');
    const refuse = (why: string) => refused.push(`SLO ${name || '(unnamed)'}: ${why}`);
    if (doc.apiVersion !== 'openslo/v1') {
      refuse(`apiVersion ${String(doc.apiVersion)} is not openslo/v1`);
      continue;
    }
    const spec = obj(doc.spec);
    const ref = spec.indicatorRef === undefined ? undefined : String(spec.indicatorRef);
    const indicator =
      spec.indicator !== undefined ? obj(obj(spec.indicator).spec) : ref !== undefined ? slis.get(ref) : undefined;
    if (!indicator) {
      refuse(ref !== undefined ? `its SLI ${ref} is not in the file` : 'it has no indicator or indicatorRef');
      continue;
    }
    const method = String(spec.budgetingMethod ?? 'Occurrences');
    if (method !== 'Occurrences') {
      refuse(
        `budgetingMethod ${method} counts good time slices, not events; only Occurrences maps to burn-rate alarms on events`,
      );
      continue;
    }
    const window = windowOf(spec.timeWindow);
    if (typeof window !== 'string') {
      refuse(window.refused);
      continue;
    }
    const objectives = (Array.isArray(spec.objectives) ? spec.objectives : []).map(obj);
    if (objectives.length === 0) refuse('it has no objectives');
    objectives.forEach((o, i) => {
      const sloName = objectives.length === 1 ? name : `${name}-${slug(String(o.displayName ?? '')) || i + 1}`;
      const target = o.targetPercent !== undefined ? Number(o.targetPercent) : Number(o.target) * 100;
      let sli: RawSli;
      const ratio = obj(indicator.ratioMetric);
      if (indicator.ratioMetric !== undefined) {
        if (ratio.rawType !== undefined || ratio.raw !== undefined) {
          refuse('its ratioMetric is a raw ratio, not good or bad events out of a total');
          return;
        }
        const sides: Record<string, MetricResult> = {};
        for (const k of ['good', 'bad', 'total'] as const)
          if (ratio[k] !== undefined) sides[k] = cloudWatchMetric(obj(ratio[k]).metricSource);
        const bad = Object.entries(sides).find(([, r]) => 'refused' in r);
        if (bad) {
          refuse(`its ${bad[0]} metric: ${(bad[1] as { refused: string }).refused}`);
          return;
        }
        sli = Object.fromEntries(
          Object.entries(sides).map(([k, r]) => [k, (r as { metric: unknown }).metric]),
        ) as RawSli;
      } else if (indicator.thresholdMetric !== undefined) {
        const op = String(o.op ?? '');
        if (op !== 'lt' && op !== 'lte') {
          refuse(
            `objective ${i + 1}: a threshold objective maps to the share of values under a threshold (op lt or lte), not ${op || 'no op'}`,
          );
          return;
        }
        const m = cloudWatchMetric(obj(indicator.thresholdMetric).metricSource);
        if ('refused' in m) {
          refuse(`its threshold metric: ${m.refused}`);
          return;
        }
        const metric = typeof m.metric === 'string' ? { metric: m.metric } : m.metric;
        sli = {
          latency: {
            metric: metric.metric,
            ...(metric.dimensions ? { dimensions: metric.dimensions } : {}),
            threshold: Number(o.value),
          },
        };
      } else {
        refuse('its SLI is neither a ratioMetric nor a thresholdMetric');
        return;
      }
      slos.push({
        name: sloName,
        ...(spec.description !== undefined ? { description: String(spec.description) } : {}),
        target: Number(target.toPrecision(10)),
        window,
        sli,
      });
    });
  }
  if (docs.every((d) => d.kind !== 'SLO')) refused.push('the file holds no SLO document (kind: SLO)');
  return { slos, refused };
}
