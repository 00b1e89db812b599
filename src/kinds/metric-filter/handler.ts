import { DeleteMetricFilterCommand, PutMetricFilterCommand } from '@aws-sdk/client-cloudwatch-logs';
import { fieldDiffs } from '../shared/field-diff';
import { ALREADY_GONE, unlessAlready } from '../shared/idempotent';
import type { ApplyContext, KindHandler } from '../handler';
import type { MetricFilterSpec } from '../specs';

const REPLACE = new Set(['logGroupName', 'filterName']);

async function put(ctx: ApplyContext, spec: MetricFilterSpec): Promise<void> {
  const t = spec.transformation;
  await ctx.clients.logs.send(
    new PutMetricFilterCommand({
      logGroupName: spec.logGroupName,
      filterName: spec.filterName,
      filterPattern: spec.filterPattern,
      metricTransformations: [
        {
          metricName: t.metricName,
          metricNamespace: t.metricNamespace,
          metricValue: t.metricValue,
          defaultValue: t.defaultValue,
          unit: t.unit as never,
          dimensions: Object.keys(t.dimensions).length > 0 ? { ...t.dimensions } : undefined,
        },
      ],
    }),
  );
}

/** Metric filters: PutMetricFilter creates and updates alike (keyed by log group + name). */
export const metricFilterHandler: KindHandler<'metricFilter'> = {
  kind: 'metricFilter',
  diff: (before, after) => fieldDiffs(before, after, REPLACE),
  dependsOn: (spec, region) => [{ kind: 'logGroup', region, name: spec.logGroupName }],
  create: put,
  // Adopting a filter whose fields already agree changes nothing in AWS: only its record (apply-step.ts).
  update: (ctx, _before, after, diffs) => (diffs.length === 0 ? Promise.resolve() : put(ctx, after)),
  async remove(ctx, spec) {
    await unlessAlready(ALREADY_GONE, () =>
      ctx.clients.logs.send(
        new DeleteMetricFilterCommand({ logGroupName: spec.logGroupName, filterName: spec.filterName }),
      ),
    );
  },
};
