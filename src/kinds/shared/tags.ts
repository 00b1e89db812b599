import type { Tags } from '../../model';

/** Which tags to set and which to remove to turn `before` into `after`. */
export function tagChanges(before: Tags, after: Tags): { set: Record<string, string>; remove: string[] } {
  const set: Record<string, string> = {};
  for (const [k, v] of Object.entries(after)) if (before[k] !== v) set[k] = v;
  const remove = Object.keys(before).filter((k) => !(k in after));
  return { set, remove };
}

/** Tags as the Key/Value list CloudWatch and SNS take. */
export function tagList(tags: Tags): { Key: string; Value: string }[] {
  return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
}

/** The topic name at the end of an SNS ARN in this region, or undefined for anything else. */
export function topicNameFromArn(arn: string, region: string): string | undefined {
  const parts = arn.split(':');
  return parts[0] === 'arn' && parts[2] === 'sns' && parts[3] === region ? parts[5] : undefined;
}
