import { ListTagsForResourceCommand, type CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { OWNER_TAG } from '../../model';
import { ALREADY_GONE } from '../shared/idempotent';
import { readDetectors } from './read';
import type { LogAnomalyDetectorSpec } from './spec';

/**
 * The stack's own detector of this name, with its live spec, found without the reader: for a plan
 * saved before the detector was made, and for a create whose answer was lost and is run again.
 */
export async function ownDetector(
  logs: CloudWatchLogsClient,
  stack: string,
  name: string,
): Promise<{ readonly arn: string; readonly spec: LogAnomalyDetectorSpec } | undefined> {
  for (const d of await readDetectors({ logs })) {
    if (d.spec.name !== name) continue;
    let tags: Record<string, string>;
    try {
      tags = (await logs.send(new ListTagsForResourceCommand({ resourceArn: d.arn }))).tags ?? {};
    } catch (err) {
      if ((ALREADY_GONE as readonly string[]).includes((err as { name?: string }).name ?? '')) continue;
      throw err;
    }
    if (tags[OWNER_TAG] === stack) return { arn: d.arn, spec: { ...d.spec, tags } };
  }
  return undefined;
}
