import { entry, type Entry, type UnbuildContext } from '../unbuild';
import type { AlarmActions } from '../specs';

const MAX_ACTIONS = 5;

/** One state's actions as written: one as a string, several as a list, none left out. */
function refs(arns: readonly string[], ctx: UnbuildContext): string | string[] | undefined {
  const written = arns.map((a) => ctx.actionRef(a));
  return written.length === 0 ? undefined : written.length === 1 ? written[0] : written;
}

/** Why these actions cannot be written, if they cannot. */
export function actionsProblem(spec: AlarmActions): string | undefined {
  const lists = [spec.alarmActions, spec.okActions, spec.insufficientDataActions];
  return lists.some((l) => l.length > MAX_ACTIONS)
    ? `it has more than ${MAX_ACTIONS} actions for one state`
    : undefined;
}

/** Alarm actions in the human form: `notify` for the ALARM state, topics by name where they are written too. */
export function unbuildActions(spec: AlarmActions, ctx: UnbuildContext): Entry {
  return entry({
    notify: refs(spec.alarmActions, ctx),
    onOk: refs(spec.okActions, ctx),
    onInsufficientData: refs(spec.insufficientDataActions, ctx),
    actionsEnabled: spec.actionsEnabled ? undefined : false,
  });
}
