import {
  DeleteAnomalyDetectorCommand,
  PutAnomalyDetectorCommand,
  type MetricMathAnomalyDetector,
  type SingleMetricAnomalyDetector,
  type StandardUnit,
} from '@aws-sdk/client-cloudwatch';
import { DeleteParameterCommand, PutParameterCommand } from '@aws-sdk/client-ssm';
import { fieldDiffs } from '../shared/field-diff';
import { ALREADY_GONE, unlessAlready } from '../shared/idempotent';
import type { ApplyContext, KindHandler } from '../handler';
import { detectorName, detectorRecordName } from './names';
import type { AnomalyDetectorSpec } from './spec';

/** What identifies a detector: another metric, statistic or metric math is another detector. */
const REPLACE = new Set(['namespace', 'metricName', 'dimensions', 'stat', 'metrics']);

const dimensionList = (dims: Readonly<Record<string, string>>) =>
  Object.entries(dims).map(([Name, Value]) => ({ Name, Value }));

/** The detector as AWS's calls name it: one metric and statistic, or the queries of its metric math. */
function detectorOf(
  d: AnomalyDetectorSpec,
):
  | { SingleMetricAnomalyDetector: SingleMetricAnomalyDetector }
  | { MetricMathAnomalyDetector: MetricMathAnomalyDetector } {
  if (d.metrics === undefined)
    return {
      SingleMetricAnomalyDetector: {
        Namespace: d.namespace,
        MetricName: d.metricName,
        Dimensions: dimensionList(d.dimensions),
        Stat: d.stat,
      },
    };
  return {
    MetricMathAnomalyDetector: {
      MetricDataQueries: d.metrics.map((q) => ({
        Id: q.id,
        // ReturnData always sent: AWS's default (true) is not the files' for a metric.
        ReturnData: q.returnData,
        ...(q.expression !== undefined ? { Expression: q.expression } : {}),
        ...(q.label !== undefined ? { Label: q.label } : {}),
        ...(q.period !== undefined ? { Period: q.period } : {}),
        ...(q.accountId !== undefined ? { AccountId: q.accountId } : {}),
        ...(q.metricStat
          ? {
              MetricStat: {
                Metric: {
                  Namespace: q.metricStat.namespace,
                  MetricName: q.metricStat.metricName,
                  Dimensions: dimensionList(q.metricStat.dimensions),
                },
                Period: q.metricStat.period,
                Stat: q.metricStat.stat,
                ...(q.metricStat.unit !== undefined ? { Unit: q.metricStat.unit as StandardUnit } : {}),
              },
            }
          : {}),
      })),
    },
  };
}

/**
 * Put makes the detector or replaces its whole configuration: the time zone is always sent (UTC when
 * the files give none) so that removing one from the files resets it.
 */
async function put(ctx: ApplyContext, spec: AnomalyDetectorSpec): Promise<void> {
  await ctx.clients.cloudwatch.send(
    new PutAnomalyDetectorCommand({
      ...detectorOf(spec),
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
      ctx.clients.cloudwatch.send(new DeleteAnomalyDetectorCommand(detectorOf(spec))),
    );
  },
};
