import { paginateListLogAnomalyDetectors, type AnomalyDetector } from '@aws-sdk/client-cloudwatch-logs';
import type { AwsClients } from '../../aws/clients';
import { paged } from '../../aws/paging';
import { tagsOrGone } from '../../aws/read-tags';
import { MonitorsError, OWNER_TAG, type LiveResource } from '../../model';
import { blankToUndefined } from '../../model/normalize';
import { unknownAction } from '../shared/unknown-action';
import type { KindReader } from '../reader';
import { bareLogGroupArn, DEFAULT_FREQUENCY, DEFAULT_VISIBILITY_DAYS, frequencyOf } from './names';
import type { LogAnomalyDetectorSpec } from './spec';

/** A live detector before its tags are read. */
export interface LiveDetector {
  readonly arn: string;
  readonly spec: Omit<LogAnomalyDetectorSpec, 'tags'>;
}

function specOf(d: AnomalyDetector): Omit<LogAnomalyDetectorSpec, 'tags'> {
  return {
    kind: 'logAnomalyDetector',
    name: d.detectorName ?? '',
    logGroupArns: [...new Set((d.logGroupArnList ?? []).map(bareLogGroupArn))].sort(),
    // AWS answers every detector with its frequency; an answer without one is read as the default we send.
    evaluationFrequency: frequencyOf(d.evaluationFrequency ?? '') ?? DEFAULT_FREQUENCY,
    filterPattern: d.filterPattern ?? '',
    anomalyVisibilityDays: d.anomalyVisibilityTime ?? DEFAULT_VISIBILITY_DAYS,
    enabled: d.anomalyDetectorStatus !== 'PAUSED',
    kmsKeyId: blankToUndefined(d.kmsKeyId),
  };
}

/**
 * Every anomaly detector of the region, 50 a page, except those being deleted. An endpoint that does
 * not know the call (an emulator: docs/emulators.md) holds none, so every other kind still plans there.
 */
export async function readDetectors(clients: Pick<AwsClients, 'logs'>): Promise<LiveDetector[]> {
  const out: LiveDetector[] = [];
  try {
    for await (const page of paginateListLogAnomalyDetectors(paged(clients.logs, 50), {})) {
      // A client that answers nothing (a test's mock of another call) holds no detectors either.
      const listed = (page as { anomalyDetectors?: AnomalyDetector[] } | undefined)?.anomalyDetectors ?? [];
      for (const d of listed)
        if (d.anomalyDetectorArn && d.anomalyDetectorStatus !== 'DELETED')
          out.push({ arn: d.anomalyDetectorArn, spec: specOf(d) });
    }
  } catch (err) {
    if (!unknownAction(err)) throw err;
  }
  return out;
}

/**
 * AWS lets detector names repeat; the stack's name space does not. The stack's own detector wins over
 * a look-alike of the same name (left alone, as any unowned resource); two of its own, or two
 * look-alikes to adopt, cannot be planned (which one is the file's?), so the plan stops and names them.
 */
function oneByName(resources: readonly LiveResource[]): LiveResource[] {
  const byName = new Map<string, LiveResource[]>();
  for (const r of resources) {
    const name = r.spec.kind === 'logAnomalyDetector' ? r.spec.name : '';
    byName.set(name, [...(byName.get(name) ?? []), r]);
  }
  const out: LiveResource[] = [];
  for (const [name, all] of byName) {
    const owned = all.filter((r) => r.owned);
    const pick = owned.length > 0 ? owned : all;
    if (pick.length > 1)
      throw new MonitorsError(
        'AWS_SERVICE',
        `${pick.length} log anomaly detectors named ${JSON.stringify(name)} are in this stack's scope (${pick.map((r) => r.arn ?? '?').join(', ')}): AWS lets names repeat, monitors does not. Delete or rename all but one (aws logs delete-log-anomaly-detector --anomaly-detector-arn ARN), then run again.`,
      );
    out.push(...pick);
  }
  return out;
}

/**
 * Log anomaly detectors: owned by tag, in scope when owned or when the files declare the name
 * (adopt). Their tags are read per detector with ListTagsForResource: whether the tagging API
 * (GetResources) lists this resource type is not documented, and a detector it missed would never
 * be deleted.
 */
export const logAnomalyDetectorReader: KindReader = {
  kinds: ['logAnomalyDetector'],
  async list(clients) {
    const detectors = await readDetectors(clients);
    return async (ctx) => {
      const resources: LiveResource[] = [];
      const declared = ctx.declared('logAnomalyDetectors');
      await ctx.each(detectors, async (d) => {
        const isDeclared = declared.has(d.spec.name);
        const tags = await tagsOrGone(clients, d.arn);
        if (ctx.inScope(tags, isDeclared))
          resources.push({ spec: { ...d.spec, tags }, arn: d.arn, ...ctx.ownership(tags[OWNER_TAG]) });
      });
      resources.sort((a, b) => (a.arn ?? '').localeCompare(b.arn ?? ''));
      return { resources: oneByName(resources) };
    };
  },
};
