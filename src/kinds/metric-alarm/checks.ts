import type { DesiredResource, Diagnostic } from '../../model';
import { closest } from '../../shared/suggest';

/** An alarm on a custom metric no filter of the stack emits will never fire: warned, not refused. */
export function unfedAlarmWarnings(resources: readonly DesiredResource[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const emitted = new Set(
    resources.flatMap((r) =>
      r.spec.kind === 'metricFilter'
        ? [`${r.spec.transformation.metricNamespace}/${r.spec.transformation.metricName}`]
        : [],
    ),
  );
  const said = new Set<string>();
  for (const r of resources) {
    if (r.spec.kind !== 'metricAlarm') continue;
    const metrics = r.spec.metric
      ? [r.spec.metric]
      : (r.spec.metrics ?? []).flatMap((q) => (q.metricStat ? [q.metricStat] : []));
    for (const m of metrics) {
      const id = `${m.namespace}/${m.metricName}`;
      if (m.namespace.startsWith('AWS/') || emitted.has(id)) continue;
      const near = closest(id, emitted);
      // An SLO's window alarms share their metrics and their place in the file: say it once.
      const seen = `${r.source.file}:${r.source.line}:${r.source.column}:${id}`;
      if (said.has(seen)) continue;
      said.add(seen);
      out.push({
        severity: 'warning',
        code: 'DANGLING_REFERENCE',
        message: `alarm will never fire? no metric filter in this stack emits ${id}${near ? ` (did you mean ${near}?)` : ''}`,
        location: r.source,
      });
    }
  }
  return out;
}
