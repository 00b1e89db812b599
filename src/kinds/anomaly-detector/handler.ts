import {
  DeleteAnomalyDetectorCommand,
  PutAnomalyDetectorCommand,
  type SingleMetricAnomalyDetector,
} from '@aws-sdk/client-cloudwatch';
import { DeleteParameterCommand, PutParameterCommand } from '@aws-sdk/client-ssm';
import { fieldDiffs } from '../shared/field-diff';
import { ALREADY_GONE, unlessAlready } from '../shared/idempotent';
import type { ApplyContext, KindHandler } from '../handler';
import { detectorName, detectorRecordName, type DetectorIdentity } from './names';
import type { AnomalyDetectorSpec } from './spec';

/** What identifies a detector: another metric or statistic is another detector. */
const REPLACE = new Set(['namespace', 'metricName', 'dimensions', 'stat']);

function single(d: DetectorIdentity): SingleMetricAnomalyDetector {
  return {
    Namespace: d.namespace,
    MetricName: d.metricName,
    Dimensions: Object.entries(d.dimensions).map(([Name, Value]) => ({ Name, Value })),
    Stat: d.stat,
  };
}

/**
 * Put makes the detector or replaces its whole configuration: the time zone is always sent (UTC when
 * the files give none) so that removing one from the files resets it.
 */
async function put(ctx: ApplyContext, spec: AnomalyDetectorSpec): Promise<void> {
  await ctx.clients.cloudwatch.send(
    new PutAnomalyDetectorCommand({
      SingleMetricAnomalyDetector: single(spec),
      Configuration: {
        ExcludedTimeRanges: spec.excludedTimeRanges.map((r) => ({
          StartTime: new Date(r.start),
          EndTime: new Date(r.end),
        })),
        MetricTimezone: spec.metricTimezone ?? 'UTC',
      },
    }),
  );
}

/**
 * The stack's claim on the detector, written after the detector (a crash in between leaves it
 * unclaimed: the next plan adopts it again, harmlessly); claims under former stack names are dropped.
 */
async function claim(ctx: ApplyContext, spec: AnomalyDetectorSpec): Promise<void> {
  await ctx.clients.ssm.send(
    new PutParameterCommand({
      Name: detectorRecordName(ctx.stack.name, spec),
      Value: `v1 ${detectorName(spec)}`.slice(0, 4096),
      Type: 'String',
      Overwrite: true,
      Description: `monitors: anomaly detector of stack ${ctx.stack.name} (see the monitors docs)`,
    }),
  );
  for (const former of ctx.stack.formerNames ?? [])
    await unlessAlready(['ParameterNotFound'], () =>
      ctx.clients.ssm.send(new DeleteParameterCommand({ Name: detectorRecordName(former, spec) })),
    );
}

/** Anomaly detectors: Put creates or updates in place; the metric and statistic are the identity. */
export const anomalyDetectorHandler: KindHandler<'anomalyDetector'> = {
  kind: 'anomalyDetector',
  diff: (before, after) => fieldDiffs(before, after, REPLACE),
  dependsOn: () => [],
  async create(ctx, spec) {
    await put(ctx, spec);
    await claim(ctx, spec);
  },
  // Also adoption: the same Put, then the claim that makes it the stack's.
  async update(ctx, before, after, diffs) {
    if (diffs.length > 0) await put(ctx, after);
    await claim(ctx, after);
  },
  /**
   * The claim goes first: a delete that then fails leaves a detector no stack claims, which no plan
   * touches again (a leak), never a claim on a detector someone may make by hand later.
   */
  async remove(ctx, spec) {
    for (const stack of [ctx.stack.name, ...(ctx.stack.formerNames ?? [])])
      await unlessAlready(['ParameterNotFound'], () =>
        ctx.clients.ssm.send(new DeleteParameterCommand({ Name: detectorRecordName(stack, spec) })),
      );
    await unlessAlready(ALREADY_GONE, () =>
      ctx.clients.cloudwatch.send(new DeleteAnomalyDetectorCommand({ SingleMetricAnomalyDetector: single(spec) })),
    );
  },
};
