import { TagResourceCommand, UntagResourceCommand } from '@aws-sdk/client-cloudwatch';
import type { ResourceKey, Tags } from '../../model';
import type { ApplyContext } from '../handler';
import { tagChanges, tagList, topicNameFromArn } from './tags';
import type { AlarmActions } from '../specs';

/** The ARN of an alarm (metric or composite) in this account and region. */
export function alarmArn(ctx: ApplyContext, name: string): string {
  return `arn:aws:cloudwatch:${ctx.region}:${ctx.accountId}:alarm:${name}`;
}

/** Put* ignores Tags on an existing alarm, so tag changes go through Tag/UntagResource. */
export async function syncAlarmTags(ctx: ApplyContext, name: string, before: Tags, after: Tags): Promise<void> {
  const { set, remove } = tagChanges(before, after);
  const ResourceARN = alarmArn(ctx, name);
  if (Object.keys(set).length > 0)
    await ctx.clients.cloudwatch.send(new TagResourceCommand({ ResourceARN, Tags: tagList(set) }));
  if (remove.length > 0) await ctx.clients.cloudwatch.send(new UntagResourceCommand({ ResourceARN, TagKeys: remove }));
}

/** The topics an alarm notifies, as keys, so they are created before it. */
export function actionTopics(spec: AlarmActions, region: string): ResourceKey[] {
  const arns = [...spec.alarmActions, ...spec.okActions, ...spec.insufficientDataActions];
  const names = new Set(arns.map((a) => topicNameFromArn(a, region)).filter((n): n is string => n !== undefined));
  return [...names].map((name) => ({ kind: 'topic' as const, region, name }));
}

/** Action lists as the Put* APIs take them. */
export function actionParams(spec: AlarmActions) {
  return {
    ActionsEnabled: spec.actionsEnabled,
    AlarmActions: [...spec.alarmActions],
    OKActions: [...spec.okActions],
    InsufficientDataActions: [...spec.insufficientDataActions],
  };
}
