import type { CompositeAlarmSpec } from '../../model';
import { stateActions } from '../shared/alarm-live';
import type { KindLive } from '../live';

/** A composite is billed on its own; the alarms it names are billed as themselves. */
export const compositeAlarmLive: KindLive<CompositeAlarmSpec> = {
  bills: () => [{ item: 'compositeAlarms', count: 1 }],
  actions: stateActions,
};
