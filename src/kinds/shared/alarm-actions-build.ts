import { sortedUnique } from '../../model/normalize';
import type { RawActions } from '../../shared/raw';
import type { PathSegment } from '../../shared/source-types';
import type { BuildContext } from '../build';
import type { AlarmActions } from '../specs';

/** Topic ARNs are written with this account until the real one is known (see config/load.ts withAccountId). */
export const PLACEHOLDER_ACCOUNT = '000000000000';
const MAX_ACTIONS = 5;

/** Topics named in alarm actions become ARNs; a name must be declared (checked across files), an ARN is taken as is. */
export function topicArns(ctx: BuildContext, refs: string | string[] | undefined, path: PathSegment[]): string[] {
  const list = refs === undefined ? [] : Array.isArray(refs) ? refs : [refs];
  if (list.length > MAX_ACTIONS)
    ctx.error(
      'LIMIT_EXCEEDED',
      `${list.length} actions; AWS allows at most ${MAX_ACTIONS} per alarm state`,
      ctx.at(path),
    );
  return list.map((ref, i) => {
    if (ref.startsWith('arn:')) return ref;
    ctx.reference({ kind: 'topic', name: ref, location: ctx.at(Array.isArray(refs) ? [...path, i] : path) });
    return `arn:aws:sns:${ctx.stack.region}:${PLACEHOLDER_ACCOUNT}:${ref}`;
  });
}

/** Alarm actions from the human form (notify / onAlarm / onOk / onInsufficientData), as ARNs. */
export function buildActions(ctx: BuildContext, r: RawActions, path: PathSegment[]): AlarmActions {
  if (r.notify !== undefined && r.onAlarm !== undefined) {
    ctx.error(
      'SCHEMA',
      'use either notify or onAlarm, not both (notify is shorthand for onAlarm)',
      ctx.at([...path, 'notify']),
    );
  }
  return {
    actionsEnabled: r.actionsEnabled ?? true,
    alarmActions: sortedUnique(
      topicArns(ctx, r.onAlarm ?? r.notify, [...path, r.onAlarm !== undefined ? 'onAlarm' : 'notify']),
    ),
    okActions: sortedUnique(topicArns(ctx, r.onOk, [...path, 'onOk'])),
    insufficientDataActions: sortedUnique(topicArns(ctx, r.onInsufficientData, [...path, 'onInsufficientData'])),
  };
}
