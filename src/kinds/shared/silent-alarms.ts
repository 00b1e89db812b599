import { ruleAlarmNames, type DesiredResource, type Diagnostic } from '../../model';
import { compositeAlarmInfo } from '../composite-alarm/kind';
import { keyWith, labelWith } from '../key-of';
import { metricAlarmInfo } from '../metric-alarm/kind';
import { suppressorName } from '../composite-alarm/suppressor';

/**
 * An alarm with no alarm action (no notify, no action) tells no one when it fires: warned, not refused.
 * An alarm a composite alarm's rule names is an input to that composite, which notifies instead; an alarm
 * that suppresses a composite's actions (suppressedBy, an SLO's suppressPageWhile) does its job silently.
 * Alarms compiled from a block (an SLO's: `origin`) are the block's to warn about, in its own terms.
 */
export function silentAlarmWarnings(resources: readonly DesiredResource[]): Diagnostic[] {
  const inputs = new Set(
    resources.flatMap((r) =>
      r.spec.kind === 'compositeAlarm'
        ? [
            ...ruleAlarmNames(r.spec.rule),
            ...(r.spec.actionsSuppressor ? [suppressorName(r.spec.actionsSuppressor.alarm)] : []),
          ]
        : [],
    ),
  );
  const out: Diagnostic[] = [];
  for (const r of resources) {
    if (r.spec.kind !== 'metricAlarm' && r.spec.kind !== 'compositeAlarm') continue;
    if (r.spec.alarmActions.length > 0 || inputs.has(r.spec.name) || r.origin !== undefined) continue;
    out.push({
      severity: 'warning',
      code: 'SILENT_ALARM',
      message: `${alarmLabel(r)} notifies no one: it has no notify and no alarm action (add notify: TOPIC, or name it in a composite alarm's rule)`,
      location: r.source,
    });
  }
  return out;
}

/** "metric alarm api-5xx", as keys.ts's keyLabel says it, from the alarm kinds' own info. */
function alarmLabel(r: DesiredResource): string {
  const spec = r.spec;
  if (spec.kind === 'metricAlarm')
    return labelWith(metricAlarmInfo.label, keyWith(metricAlarmInfo, spec, '', r.sensitive));
  if (spec.kind === 'compositeAlarm')
    return labelWith(compositeAlarmInfo.label, keyWith(compositeAlarmInfo, spec, '', r.sensitive));
  return spec.kind;
}
