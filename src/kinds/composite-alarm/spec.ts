import type { Tags } from '../../model/resources';
import type { AlarmActions } from '../shared/alarm-spec';

export interface CompositeAlarmSpec extends AlarmActions {
  readonly kind: 'compositeAlarm';
  readonly name: string;
  readonly description?: string;
  /** Whitespace-collapsed and trimmed. */
  readonly rule: string;
  readonly tags: Tags;
}
