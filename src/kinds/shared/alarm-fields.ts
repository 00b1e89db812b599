import type { FieldTable } from '../../shared/sensitive-fields';

/** The alarm actions' YAML keys and the spec fields they feed (metric alarms, monitors, composites). */
export const ACTION_FIELDS: FieldTable = {
  notify: ['alarmActions'],
  onAlarm: ['alarmActions'],
  onOk: ['okActions'],
  onInsufficientData: ['insufficientDataActions'],
  actionsEnabled: ['actionsEnabled'],
};
