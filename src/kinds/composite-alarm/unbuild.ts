import { OWNER_TAG, ruleReferences } from '../../model';
import { actionsProblem, unbuildActions } from '../shared/alarm-actions-unbuild';
import { alarmNameProblem } from '../shared/alarm-name';
import { entry, ownTags, type KindUnbuild } from '../unbuild';
import type { CompositeAlarmSpec } from '../specs';

/** A composite alarm as `compositeAlarms:` writes it; every alarm its rule names must be written too. */
export const compositeAlarmUnbuild: KindUnbuild<'compositeAlarm'> = {
  section: 'compositeAlarms',
  unbuild(spec: CompositeAlarmSpec, ctx) {
    const problem = alarmNameProblem(spec.name) ?? actionsProblem(spec);
    if (problem) return { unsupported: problem };
    // Only an SLO's page writes a suppressor (slos: suppressPageWhile); compositeAlarms: has no key for it.
    if (spec.actionsSuppressor)
      return {
        unsupported:
          'it has an actions suppressor, which compositeAlarms: cannot write (an SLO’s suppressPageWhile can)',
      };
    const missing = ruleReferences(spec.rule).filter((ref) => !ref.startsWith('arn:') && !ctx.alarmWritten(ref));
    if (missing.length > 0)
      return {
        unsupported: `its rule names ${missing.map((m) => `"${m}"`).join(', ')}, which ${missing.length > 1 ? 'are' : 'is'} not imported (widen the selection to include ${missing.length > 1 ? 'them' : 'it'})`,
      };
    return {
      entry: entry({
        name: spec.name,
        description: spec.description,
        rule: spec.rule,
        ...unbuildActions(spec, ctx),
        tags: ownTags(spec.tags, [OWNER_TAG]),
      }),
    };
  },
};
