/**
 * The forwarder's view of one CloudWatch alarm notification, chat-neutral: every formatter renders this
 * and nothing else, so what a message says is decided once.
 */

/** The three states an alarm can be in (CloudWatch's StateValue). */
export type AlarmState = 'ALARM' | 'OK' | 'INSUFFICIENT_DATA';

/** One child of a composite alarm, as the notification names it. */
export interface AlarmChild {
  readonly name: string;
  readonly state: string;
}

/** What the message says about the alarm's rule, per kind of alarm. */
export type AlarmDetail =
  | { readonly kind: 'metric'; readonly metric: string }
  | { readonly kind: 'math'; readonly expression: string; readonly inputs: readonly string[] }
  | {
      readonly kind: 'composite';
      readonly rule: string;
      /** The children the notification says triggered it; undefined when it does not say. */
      readonly triggeringChildren: readonly AlarmChild[] | undefined;
    };

/** One alarm state change, parsed and explained. */
export interface AlarmNotification {
  readonly name: string;
  /** The description without its runbook line. */
  readonly description: string;
  /** An https runbook URL declared in the description (`Runbook: https://…`). */
  readonly runbook: string | undefined;
  readonly state: AlarmState;
  readonly previousState: AlarmState | undefined;
  /** The reason in plain words, built from the rule and the numbers CloudWatch reported. */
  readonly reason: string;
  /** CloudWatch's own NewStateReason, for whoever wants the exact datapoints. */
  readonly rawReason: string;
  /** ISO-8601 UTC. */
  readonly time: string;
  readonly region: string;
  readonly account: string;
  readonly consoleUrl: string | undefined;
  readonly detail: AlarmDetail;
}

/** How each state looks in every chat: one place for colour, emoji and words. */
export const STATE_LOOK: Readonly<
  Record<AlarmState, { readonly emoji: string; readonly color: string; readonly label: string }>
> = {
  ALARM: { emoji: '🔴', color: '#D13212', label: 'ALARM' },
  OK: { emoji: '✅', color: '#1D8102', label: 'OK (recovered)' },
  INSUFFICIENT_DATA: { emoji: '⚪', color: '#8D99A8', label: 'INSUFFICIENT DATA' },
};

/** The one-line summary every chat shows first (and uses as its notification text). */
export function headline(n: AlarmNotification): string {
  return `${STATE_LOOK[n.state].emoji} ${STATE_LOOK[n.state].label}: ${n.name}`;
}
