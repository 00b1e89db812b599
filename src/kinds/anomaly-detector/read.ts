import {
  paginateDescribeAnomalyDetectors,
  type AnomalyDetector,
  type CloudWatchClient,
} from '@aws-sdk/client-cloudwatch';
import { paginateGetParametersByPath, type SSMClient } from '@aws-sdk/client-ssm';
import { AwsCallError } from '../../aws/call-error';
import { paged } from '../../aws/paging';
import type { LiveResource } from '../../model';
import type { KindReader, Ownership, ReadContext } from '../reader';
import { dimensionsOf, metricQueriesOf } from '../shared/metric-query-read';
import { DETECTOR_RECORD_ROOT, detectorMark, parseRecordName } from './names';
import type { AnomalyDetectorSpec } from './spec';
import { isoSeconds, normalTimezone } from './time';

/**
 * An endpoint that does not know the call at all: an emulator (ministack answers "Unknown action",
 * moto an HTML 500 page), never AWS. It holds no detectors, so every other kind still plans there.
 */
function unknownAction(err: unknown): boolean {
  if (err instanceof AwsCallError && err.answer === 'html') return true;
  const e = err as { name?: string; message?: string };
  // ministack 1.5: InvalidAction "Unknown action: DescribeAnomalyDetectors".
  return (
    ['InvalidAction', 'InvalidOperationException', 'UnknownOperationException'].includes(e.name ?? '') &&
    /unknown (action|operation)/i.test(e.message ?? '')
  );
}

function timeOf(t: Date | string | number | undefined): string {
  return isoSeconds(t instanceof Date ? t.getTime() : typeof t === 'number' ? t * 1000 : Date.parse(t ?? ''));
}

const dims = dimensionsOf;

function configurationOf(d: AnomalyDetector): Pick<AnomalyDetectorSpec, 'excludedTimeRanges' | 'metricTimezone'> {
  const metricTimezone = normalTimezone(d.Configuration?.MetricTimezone);
  return {
    excludedTimeRanges: (d.Configuration?.ExcludedTimeRanges ?? [])
      .map((r) => ({ start: timeOf(r.StartTime), end: timeOf(r.EndTime) }))
      .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.end < b.end ? -1 : 1)),
    ...(metricTimezone !== undefined ? { metricTimezone } : {}),
  };
}

/** A detector as AWS describes it, normalized; undefined for one this tool cannot read. */
export function detectorSpec(d: AnomalyDetector): AnomalyDetectorSpec | undefined {
  const math = d.MetricMathAnomalyDetector?.MetricDataQueries;
  if (math)
    return math.length > 0
      ? { kind: 'anomalyDetector', metrics: metricQueriesOf(math), ...configurationOf(d) }
      : undefined;
  const single = d.SingleMetricAnomalyDetector;
  const namespace = single?.Namespace ?? d.Namespace;
  const metricName = single?.MetricName ?? d.MetricName;
  const stat = single?.Stat ?? d.Stat;
  if (!namespace || !metricName || !stat) return undefined;
  return {
    kind: 'anomalyDetector',
    namespace,
    metricName,
    dimensions: dims(single?.Dimensions ?? d.Dimensions),
    stat,
    ...configurationOf(d),
  };
}

/** Every detector in the region (both types), 100 per page; none where the endpoint lacks the call. */
export async function readDetectors(cloudwatch: CloudWatchClient): Promise<AnomalyDetectorSpec[]> {
  const out: AnomalyDetectorSpec[] = [];
  try {
    for await (const page of paginateDescribeAnomalyDetectors(paged(cloudwatch, 100), {
      // Without a type AWS lists single-metric detectors only.
      AnomalyDetectorTypes: ['SINGLE_METRIC', 'METRIC_MATH'],
    }))
      // A mocked client (tests of other kinds) may answer nothing at all: read as none.
      for (const d of page?.AnomalyDetectors ?? []) {
        const spec = detectorSpec(d);
        if (spec) out.push(spec);
      }
  } catch (err) {
    if (!unknownAction(err)) throw err;
  }
  return out;
}

/** The stacks each detector's mark is claimed by, from every stack's records (one paged read). */
export async function readDetectorRecords(ssm: SSMClient): Promise<Map<string, string[]>> {
  const claims = new Map<string, string[]>();
  for await (const page of paginateGetParametersByPath(paged(ssm, 10), {
    Path: DETECTOR_RECORD_ROOT,
    Recursive: true,
  }))
    for (const p of page?.Parameters ?? []) {
      const rec = parseRecordName(p.Name ?? '');
      if (!rec) continue;
      claims.set(rec.mark, [...(claims.get(rec.mark) ?? []), rec.stack]);
    }
  return claims;
}

/**
 * Whose a claimed detector is. Two stacks' claims (two applies racing to adopt it) leave it to the
 * other: this stack neither changes nor deletes it.
 */
function recordOwnership(ctx: ReadContext, claimants: readonly string[]): Ownership {
  const all = claimants.map((s) => ctx.ownership(s));
  const other = all.find((o) => !o.owned);
  if (other) return other;
  return all.find((o) => o.formerOwner === undefined) ?? all[0] ?? { owned: false };
}

/**
 * Anomaly detectors: owned by the stacks' SSM records (names.ts), read once for all; an unowned one
 * the files declare is kept for adoption, every other one is never looked at again.
 */
export const anomalyDetectorReader: KindReader = {
  kinds: ['anomalyDetector'],
  async list(clients) {
    const detectors = await readDetectors(clients.cloudwatch);
    const claims = detectors.length > 0 ? await readDetectorRecords(clients.ssm) : new Map<string, string[]>();
    return (ctx) => {
      const declared = ctx.declared('anomalyDetectors');
      const resources: LiveResource[] = [];
      for (const spec of detectors) {
        const mark = detectorMark(spec);
        const own = recordOwnership(ctx, claims.get(mark) ?? []);
        if (own.owned || declared.has(mark)) resources.push({ spec, ...own });
      }
      return Promise.resolve({ resources });
    };
  },
};
