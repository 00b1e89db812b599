/** What a simulation produces for one alarm: its states over time and the transitions with their actions. */
import type { AlarmState } from './evaluate';

/** Why a composite's actions are held back: its CompositeAlarm ActionsSuppressedBy values. */
export type SuppressedBy = 'Alarm' | 'WaitPeriod' | 'ExtensionPeriod';

/** A change of state and the actions it invokes (ARNs; for SNS topics the topic name is the ARN's tail). */
export interface Transition {
  readonly at: number;
  readonly from: AlarmState;
  readonly to: AlarmState;
  readonly reason: string;
  /** Empty when the actions were suppressed. */
  readonly actions: readonly string[];
  /** Set when a composite's actions were suppressed at this change, and why (its actions are then empty). */
  readonly suppressedBy?: SuppressedBy;
  /** The mute rule (as the files name it) whose window was open: the actions above were not run. */
  readonly mutedBy?: string;
}

/** A time span during which a composite's actions are suppressed. */
export interface SuppressionSpan {
  readonly from: number;
  /** Exclusive; Infinity while the suppressor is still in ALARM at the end of the window. */
  readonly to: number;
  readonly by: SuppressedBy;
}

/** One period's statistic, or undefined when the period had no datapoint. */
export interface PeriodValue {
  readonly start: number;
  readonly value?: number;
  readonly sampleCount: number;
}

export interface AlarmTimeline {
  readonly name: string;
  readonly kind: 'metricAlarm' | 'compositeAlarm';
  /** Metric alarms only: every period of the simulated window. */
  readonly periods: readonly PeriodValue[];
  /** Every evaluation, in time order. */
  readonly evaluations: readonly { readonly at: number; readonly state: AlarmState; readonly reason: string }[];
  readonly transitions: readonly Transition[];
  /** Composites with a suppressor: when their actions are suppressed, and why. */
  readonly suppression?: readonly SuppressionSpan[];
  /**
   * Composites with a suppressor: actions taken when a suppression ends, for the state the composite is
   * in then (not a change of state, so not among the transitions).
   */
  readonly released?: readonly Transition[];
}

/** Every action-taking moment of a timeline: its transitions and, for a suppressed composite, its releases. */
export function actionMoments(timeline: AlarmTimeline): Transition[] {
  return [...timeline.transitions, ...(timeline.released ?? [])].sort((a, b) => a.at - b.at);
}

/** The suppression span holding a time, if any. */
export function suppressionAt(timeline: AlarmTimeline, at: number): SuppressionSpan | undefined {
  return timeline.suppression?.find((s) => s.from <= at && at < s.to);
}

/**
 * The state at a time: that of the last evaluation at or before it. Before the first one an alarm is in
 * INSUFFICIENT_DATA: "When this operation creates an alarm, the alarm state is immediately set to
 * INSUFFICIENT_DATA" (PutMetricAlarm, PutCompositeAlarm API references).
 */
export function stateAt(timeline: AlarmTimeline, at: number): AlarmState {
  let state: AlarmState = 'INSUFFICIENT_DATA';
  for (const e of timeline.evaluations) {
    if (e.at > at) break;
    state = e.state;
  }
  return state;
}

/** The actions of an alarm for the state it moves to, when its actions are enabled. */
export function actionsFor(
  alarm: {
    readonly actionsEnabled: boolean;
    readonly alarmActions: readonly string[];
    readonly okActions: readonly string[];
    readonly insufficientDataActions: readonly string[];
  },
  to: AlarmState,
): readonly string[] {
  if (!alarm.actionsEnabled) return [];
  switch (to) {
    case 'ALARM':
      return alarm.alarmActions;
    case 'OK':
      return alarm.okActions;
    case 'INSUFFICIENT_DATA':
      return alarm.insufficientDataActions;
  }
}

/** Turns a run of evaluations into transitions: an action fires only when the state changes. */
export function transitionsOf(
  evaluations: AlarmTimeline['evaluations'],
  actions: (to: AlarmState) => readonly string[],
): Transition[] {
  const out: Transition[] = [];
  let current: AlarmState = 'INSUFFICIENT_DATA';
  for (const e of evaluations) {
    // "Alarms invoke actions for sustained state changes only ... the state must have changed"
    // (Using Amazon CloudWatch alarms); for SNS "no additional actions are invoked" while it stays.
    if (e.state !== current)
      out.push({ at: e.at, from: current, to: e.state, reason: e.reason, actions: actions(e.state) });
    current = e.state;
  }
  return out;
}
