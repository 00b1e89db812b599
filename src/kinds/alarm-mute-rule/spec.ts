/**
 * A CloudWatch alarm mute rule: while one of its windows is open, the alarms it targets keep
 * evaluating and changing state, but their actions (notifications) are not run.
 */
export interface AlarmMuteRuleSpec {
  readonly kind: 'alarmMuteRule';
  /** The name in AWS: `monitors.<stack>.<name>` (names.ts). */
  readonly name: string;
  readonly description?: string;
  /**
   * When it mutes, as one canonical line (schedule.ts `scheduleText`): the expression, the ISO
   * duration, the time zone (absent for UTC) and the dates it is in effect between, e.g.
   * `cron(0 2 * * SUN) for PT2H in Europe/Paris from 2026-12-01T00:00:00Z`. One field so that the
   * plan can show the next windows from it (kind.ts lineFields).
   */
  readonly schedule: string;
  /** The alarms it mutes, sorted, without repeats (1 to 100). */
  readonly alarmNames: readonly string[];
  /**
   * Desired only, before the plan's pack discovery: the services of the stack's alarm packs whose
   * alarms it mutes too. Their names exist only once discovery has read what the packs select, so
   * expandPacks resolves them into alarmNames and drops this field (pack-targets.ts).
   */
  readonly packs?: readonly string[];
}

// Adds the kind to ResourceSpec (model/resources.ts) without model/ importing a kind.
declare module '../../model/resources' {
  interface ResourceSpecs {
    readonly alarmMuteRule: AlarmMuteRuleSpec;
  }
}
