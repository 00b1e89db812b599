import type { AlarmActions } from './alarm-spec';
import type { StateActions } from '../live-types';

/** What metric and composite alarms notify on entering each state; nothing when actions are disabled. */
export function stateActions(spec: AlarmActions): StateActions {
  if (!spec.actionsEnabled) return { ALARM: [], OK: [], INSUFFICIENT_DATA: [] };
  return { ALARM: spec.alarmActions, OK: spec.okActions, INSUFFICIENT_DATA: spec.insufficientDataActions };
}
