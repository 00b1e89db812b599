import type { Tags } from '../../model/resources';
import type { AlarmActions } from '../shared/alarm-spec';

export interface CompositeAlarmSpec extends AlarmActions {
  readonly kind: 'compositeAlarm';
  readonly name: string;
  readonly description?: string;
  /** Whitespace-collapsed and trimmed. */
  readonly rule: string;
  /**
   * While this alarm (a name or an ARN) is in ALARM, the composite's actions are suppressed
   * (PutCompositeAlarm ActionsSuppressor): a dependency that is down pages its own owner. Seconds.
   */
  readonly actionsSuppressor?: {
    readonly alarm: string;
    readonly waitPeriod: number;
    readonly extensionPeriod: number;
  };
  readonly tags: Tags;
}

// Adds this kind to ResourceSpec (model/resources.ts) without model/ importing the kind.
declare module '../../model/resources' {
  interface ResourceSpecs {
    readonly compositeAlarm: CompositeAlarmSpec;
  }
}
