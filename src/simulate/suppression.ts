/**
 * A composite alarm's actions suppressor, applied to its simulated timeline.
 *
 * Sources: PutCompositeAlarm (ActionsSuppressor, ActionsSuppressorWaitPeriod, ActionsSuppressorExtensionPeriod)
 * and CompositeAlarm (ActionsSuppressedBy: Alarm | WaitPeriod | ExtensionPeriod) in the CloudWatch API
 * reference, and "Suppressing composite alarm actions" in the CloudWatch user guide:
 * - while the suppressor is in ALARM, the composite takes no actions (`Alarm`);
 * - when the composite goes into ALARM while its suppressor is not, it waits up to WaitPeriod for the
 *   suppressor to go into ALARM before it acts (`WaitPeriod`);
 * - when the suppressor leaves ALARM, suppression lasts ExtensionPeriod more (`ExtensionPeriod`);
 * - "composite alarms take actions that are based on their current states" when those periods end.
 * Readings (the pages say no more): every action is suppressed, OK and INSUFFICIENT_DATA ones too; the
 * wait starts only on a change into ALARM; and when a suppression ends the composite acts only if its
 * state differs from the one it last acted on, so a composite that went to ALARM and back to OK while
 * suppressed sends nothing.
 */
import type { AlarmState } from './evaluate';
import { actionsFor, stateAt, type AlarmTimeline, type SuppressionSpan, type Transition } from './timeline';

/** The suppressor as the simulator takes it: periods in seconds, and the suppressor's own timeline (if simulated). */
export interface SuppressorInput {
  readonly alarm: string;
  readonly waitPeriod: number;
  readonly extensionPeriod: number;
  /** Undefined for an alarm the stack does not simulate (an ARN elsewhere): never in ALARM. */
  readonly timeline?: AlarmTimeline;
}

type Actions = Parameters<typeof actionsFor>[0];

/** The spans in which the suppressor is in ALARM, from its evaluations. */
function alarmSpans(timeline: AlarmTimeline | undefined): { from: number; to: number }[] {
  const out: { from: number; to: number }[] = [];
  let start: number | undefined;
  for (const e of timeline?.evaluations ?? []) {
    if (e.state === 'ALARM' && start === undefined) start = e.at;
    else if (e.state !== 'ALARM' && start !== undefined) {
      out.push({ from: start, to: e.at });
      start = undefined;
    }
  }
  if (start !== undefined) out.push({ from: start, to: Infinity });
  return out;
}

/** Every span of suppression: the suppressor's ALARM, the extension after each, and the waits the composite's ALARMs start. */
export function suppressionSpans(composite: AlarmTimeline, s: SuppressorInput): SuppressionSpan[] {
  const inAlarm = alarmSpans(s.timeline);
  const spans: SuppressionSpan[] = [];
  inAlarm.forEach((a, i) => {
    spans.push({ from: a.from, to: a.to, by: 'Alarm' });
    const next = inAlarm[i + 1]?.from ?? Infinity;
    const end = Math.min(a.to + s.extensionPeriod * 1000, next);
    if (Number.isFinite(a.to) && end > a.to) spans.push({ from: a.to, to: end, by: 'ExtensionPeriod' });
  });
  const held = (at: number) => spans.some((x) => x.from <= at && at < x.to);
  const waits: SuppressionSpan[] = [];
  for (const tr of composite.transitions) {
    if (tr.to !== 'ALARM' || held(tr.at) || waits.some((w) => w.from <= tr.at && tr.at < w.to)) continue;
    const next = inAlarm.find((a) => a.from > tr.at)?.from ?? Infinity;
    const end = Math.min(tr.at + s.waitPeriod * 1000, next);
    if (end > tr.at) waits.push({ from: tr.at, to: end, by: 'WaitPeriod' });
  }
  return [...spans, ...waits].sort((a, b) => a.from - b.from);
}

/** The ends of each run of touching spans: where suppression stops. */
function episodeEnds(spans: readonly SuppressionSpan[]): number[] {
  const ends: number[] = [];
  let end: number | undefined;
  for (const s of spans) {
    if (end !== undefined && s.from > end) ends.push(end);
    end = end === undefined ? s.to : Math.max(end, s.to);
  }
  if (end !== undefined) ends.push(end);
  return ends.filter(Number.isFinite);
}

const why = (s: SuppressionSpan, alarm: string): string =>
  s.by === 'Alarm'
    ? `${alarm} is in ALARM`
    : s.by === 'WaitPeriod'
      ? `waiting for ${alarm} to go into ALARM`
      : `${alarm} left ALARM less than the extension period ago`;

/** The composite's timeline with its suppressor applied: suppressed transitions lose their actions, and releases are added. */
export function applySuppressor(
  composite: AlarmTimeline,
  spec: Actions,
  s: SuppressorInput,
  until: number,
): AlarmTimeline {
  const spans = suppressionSpans(composite, s);
  const spanAt = (at: number) => spans.find((x) => x.from <= at && at < x.to);
  const events = [
    ...composite.transitions.map((t) => ({ at: t.at, transition: t })),
    ...episodeEnds(spans)
      .filter((at) => at <= until)
      .map((at) => ({ at, transition: undefined })),
  ].sort((a, b) => a.at - b.at || (a.transition ? -1 : 1) - (b.transition ? -1 : 1));

  let acted: AlarmState = 'INSUFFICIENT_DATA';
  const transitions: Transition[] = [];
  const released: Transition[] = [];
  for (const e of events) {
    if (e.transition) {
      const span = spanAt(e.at);
      if (span) {
        transitions.push({
          ...e.transition,
          actions: [],
          suppressedBy: span.by,
          reason: `${e.transition.reason}; actions suppressed (${why(span, s.alarm)})`,
        });
      } else {
        transitions.push(e.transition);
        acted = e.transition.to;
      }
      continue;
    }
    const state = stateAt(composite, e.at);
    if (state === acted) continue;
    released.push({
      at: e.at,
      from: acted,
      to: state,
      reason: `actions no longer suppressed by ${s.alarm}: acting on the current state ${state}`,
      actions: actionsFor(spec, state),
    });
    acted = state;
  }
  return { ...composite, transitions, suppression: spans, released };
}
