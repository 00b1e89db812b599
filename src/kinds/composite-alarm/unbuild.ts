import { OWNER_TAG, ruleReferences } from '../../model';
import { actionsProblem, unbuildActions } from '../shared/alarm-actions-unbuild';
import { alarmNameProblem } from '../shared/alarm-name';
import { entry, ownTags, type KindUnbuild } from '../unbuild';
import type { CompositeAlarmSpec } from '../specs';
import { suppressorEntry } from './suppressor';

/** A composite alarm as `compositeAlarms:` writes it; every alarm its rule names must be written too. */
export const compositeAlarmUnbuild: KindUnbuild<'compositeAlarm'> = {
  section: 'compositeAlarms',
  unbuild(spec: CompositeAlarmSpec, ctx) {
    const problem = alarmNameProblem(spec.name) ?? actionsProblem(spec);
    if (problem) return { unsupported: problem };
    const missing = ruleReferences(spec.rule).filter((ref) => !ref.startsWith('arn:') && !ctx.alarmWritten(ref));
    if (missing.length > 0)
      return {
        unsupported: `its rule names ${missing.map((m) => `"${m}"`).join(', ')}, which ${missing.length > 1 ? 'are' : 'is'} not imported (widen the selection to include ${missing.length > 1 ? 'them' : 'it'})`,
      };
    const suppressor = spec.actionsSuppressor;
    if (suppressor && !suppressor.alarm.startsWith('arn:') && !ctx.alarmWritten(suppressor.alarm))
      return {
        unsupported: `its actions are suppressed by "${suppressor.alarm}", which is not imported (widen the selection to include it)`,
      };
    return {
      entry: entry({
        name: spec.name,
        description: spec.description,
        rule: spec.rule,
        ...unbuildActions(spec, ctx),
        suppressedBy: suppressor ? suppressorEntry(suppressor) : undefined,
        tags: ownTags(spec.tags, [OWNER_TAG]),
      }),
    };
  },
};
