import type { CompositeAlarmSpec } from '../specs';
import { stateActions } from '../shared/alarm-live';
import type { KindLive } from '../live-types';

/** A composite is billed on its own; the alarms it names are billed as themselves. */
export const compositeAlarmLive: KindLive<CompositeAlarmSpec> = {
  bills: () => [{ item: 'compositeAlarms', count: 1 }],
  actions: stateActions,
};
