/**
 * A composite alarm's actions suppressor (PutCompositeAlarm ActionsSuppressor, …WaitPeriod,
 * …ExtensionPeriod) as `compositeAlarms:` writes it: `suppressedBy: db-down`, or
 * `suppressedBy: { alarm: db-down, waitPeriod: 2m, extensionPeriod: 5m }`.
 */
import type { PathSegment } from '../../shared/source-types';
import type { BuildContext } from '../build';
import { durationSeconds, durationText } from '../shared/forms';
import type { CompositeAlarmSpec } from './spec';

/** What `suppressedBy:` holds in a file. */
export type RawSuppressedBy =
  | string
  | {
      readonly alarm: string;
      readonly waitPeriod?: string | number;
      readonly extensionPeriod?: string | number;
    };

export type Suppressor = NonNullable<CompositeAlarmSpec['actionsSuppressor']>;

/**
 * AWS requires both periods with a suppressor ("WaitPeriod is required only when ActionsSuppressor is
 * specified") and documents no default; the CDK's is one minute each, and so is ours.
 */
export const DEFAULT_SUPPRESSOR_PERIOD = 60;

/**
 * botocore's model types both periods as SuppressorPeriod, a plain (32-bit) integer of seconds with no
 * min or max; a negative wait means nothing, so the range is 0 to the integer's largest value.
 */
export const MAX_SUPPRESSOR_PERIOD = 2_147_483_647;

/** The suppressor of a `compositeAlarms:` entry, its alarm a declared name (checked across files) or an ARN. */
export function buildSuppressor(
  ctx: BuildContext,
  raw: RawSuppressedBy | undefined,
  path: PathSegment[],
): Suppressor | undefined {
  if (raw === undefined) return undefined;
  const at = [...path, 'suppressedBy'];
  const form = typeof raw === 'string' ? { alarm: raw } : raw;
  const alarmPath = typeof raw === 'string' ? at : [...at, 'alarm'];
  if (!form.alarm.startsWith('arn:')) ctx.reference({ kind: 'alarm', name: form.alarm, location: ctx.at(alarmPath) });
  const period = (key: 'waitPeriod' | 'extensionPeriod'): number => {
    const value = typeof raw === 'string' ? undefined : raw[key];
    if (value === undefined) return DEFAULT_SUPPRESSOR_PERIOD;
    const seconds = durationSeconds(value);
    if (!Number.isInteger(seconds) || seconds < 0 || seconds > MAX_SUPPRESSOR_PERIOD)
      ctx.error(
        'SCHEMA',
        `${key} ${String(value)} is not a whole number of seconds from 0 to ${MAX_SUPPRESSOR_PERIOD} (AWS's SuppressorPeriod), e.g. 2m`,
        ctx.at([...at, key]),
      );
    return seconds;
  };
  return { alarm: form.alarm, waitPeriod: period('waitPeriod'), extensionPeriod: period('extensionPeriod') };
}

/** `suppressedBy:` as written back: the bare name when both periods are the default, else the block. */
export function suppressorEntry(s: Suppressor): RawSuppressedBy {
  if (s.waitPeriod === DEFAULT_SUPPRESSOR_PERIOD && s.extensionPeriod === DEFAULT_SUPPRESSOR_PERIOD) return s.alarm;
  return {
    alarm: s.alarm,
    ...(s.waitPeriod === DEFAULT_SUPPRESSOR_PERIOD ? {} : { waitPeriod: durationText(s.waitPeriod) }),
    ...(s.extensionPeriod === DEFAULT_SUPPRESSOR_PERIOD ? {} : { extensionPeriod: durationText(s.extensionPeriod) }),
  };
}

/**
 * The suppressor alarm by name: AWS may answer a suppressor given by name as an ARN, and one given as
 * an ARN names the same alarm as its name does, so the diff compares names (a reading: an alarm of
 * another account with the same name compares equal too).
 */
export function suppressorName(alarm: string): string {
  return /^arn:aws[a-z-]*:cloudwatch:[^:]*:[0-9]*:alarm:(.+)$/.exec(alarm)?.[1] ?? alarm;
}
