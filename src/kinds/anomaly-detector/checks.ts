import type { DesiredResource, Diagnostic } from '../../model';
import type { MetricAlarmSpec } from '../specs';
import { detectorMark, detectorName, type DetectorIdentity } from './names';

const BAND = /ANOMALY_DETECTION_BAND\s*\(\s*([A-Za-z][A-Za-z0-9_]*)/g;

/** The metric and statistic each band of an alarm is computed on (bands over an expression are left out). */
export function bandsOf(alarm: MetricAlarmSpec): DetectorIdentity[] {
  const queries = alarm.metrics ?? [];
  const out: DetectorIdentity[] = [];
  for (const q of queries)
    for (const m of (q.expression ?? '').matchAll(BAND)) {
      const stat = queries.find((x) => x.id === m[1])?.metricStat;
      if (stat)
        out.push({
          namespace: stat.namespace,
          metricName: stat.metricName,
          dimensions: stat.dimensions,
          stat: stat.stat,
        });
    }
  return out;
}

const metricOf = (d: DetectorIdentity) => detectorMark({ ...d, stat: '' });

/**
 * An alarm's ANOMALY_DETECTION_BAND is computed by the model of its metric and statistic. When the
 * files declare a detector for the metric with another statistic, the band cannot be using it (its
 * excluded ranges and time zone do not apply): an error. When they declare none for the metric, AWS
 * makes a model on first use with its defaults, which no stack owns (monitors never deletes it): a
 * warning that says how to configure it. Bands over an expression (metric-math detectors) are not checked.
 */
export function bandDetectorChecks(resources: readonly DesiredResource[]): Diagnostic[] {
  const declared = new Set<string>();
  const statsByMetric = new Map<string, string[]>();
  for (const r of resources) {
    if (r.spec.kind !== 'anomalyDetector' || r.spec.metrics !== undefined) continue;
    declared.add(detectorMark(r.spec));
    const k = metricOf(r.spec);
    statsByMetric.set(k, [...(statsByMetric.get(k) ?? []), r.spec.stat]);
  }
  const out: Diagnostic[] = [];
  const said = new Set<string>();
  for (const r of resources) {
    if (r.spec.kind !== 'metricAlarm') continue;
    for (const band of bandsOf(r.spec)) {
      if (declared.has(detectorMark(band))) continue;
      const seen = `${r.source.file}:${r.source.line}:${r.source.column}:${detectorMark(band)}`;
      if (said.has(seen)) continue;
      said.add(seen);
      const others = statsByMetric.get(metricOf(band));
      out.push(
        others
          ? {
              severity: 'error',
              code: 'DANGLING_REFERENCE',
              message: `alarm ${r.spec.name}: its anomaly detection band is on ${detectorName(band)}, but the detector declared for that metric models ${others.join(', ')}; a band uses the model of its own statistic, so the declared one's settings would not apply: make the stats agree`,
              location: r.source,
            }
          : {
              severity: 'warning',
              code: 'DANGLING_REFERENCE',
              message: `alarm ${r.spec.name}: no anomaly detector is declared for its band's ${detectorName(band)}; AWS makes one with its defaults (no excluded time ranges, UTC) that this stack does not own. Declare it under anomalyDetectors to set those`,
              location: r.source,
            },
      );
    }
  }
  return out;
}
