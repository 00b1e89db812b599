import {
  CreateLogAnomalyDetectorCommand,
  DeleteLogAnomalyDetectorCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateLogAnomalyDetectorCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { MonitorsError } from '../../model';
import { fieldDiffs } from '../shared/field-diff';
import { ALREADY_GONE, unlessAlready } from '../shared/idempotent';
import { tagChanges } from '../shared/tags';
import type { ApplyContext, KindHandler } from '../handler';
import { ownDetector } from './lookup-read';
import { logGroupNameOf } from './names';
import type { LogAnomalyDetectorSpec } from './spec';

/**
 * What UpdateLogAnomalyDetector cannot change (its members are the frequency, the pattern, the
 * visibility and enabled): a new name, log group or KMS key is a new detector, and its learned
 * baseline starts over.
 */
const REPLACE = new Set(['name', 'logGroupArns', 'kmsKeyId']);

/** The fields UpdateLogAnomalyDetector sets; it takes `enabled` on every call. */
const UPDATABLE: readonly (keyof LogAnomalyDetectorSpec)[] = [
  'evaluationFrequency',
  'filterPattern',
  'anomalyVisibilityDays',
  'enabled',
];

async function setFields(ctx: ApplyContext, arn: string, spec: LogAnomalyDetectorSpec): Promise<void> {
  await ctx.clients.logs.send(
    new UpdateLogAnomalyDetectorCommand({
      anomalyDetectorArn: arn,
      evaluationFrequency: spec.evaluationFrequency,
      filterPattern: spec.filterPattern,
      anomalyVisibilityTime: spec.anomalyVisibilityDays,
      enabled: spec.enabled,
    }),
  );
}

async function setTags(ctx: ApplyContext, arn: string, before: LogAnomalyDetectorSpec, after: LogAnomalyDetectorSpec) {
  // Tags first: adopting marks the detector as the stack's before changing it, which the tag-scoped policy requires.
  const { set, remove } = tagChanges(before.tags, after.tags);
  if (Object.keys(set).length > 0) await ctx.clients.logs.send(new TagResourceCommand({ resourceArn: arn, tags: set }));
  if (remove.length > 0) await ctx.clients.logs.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: remove }));
}

async function bringInLine(
  ctx: ApplyContext,
  arn: string,
  before: LogAnomalyDetectorSpec,
  after: LogAnomalyDetectorSpec,
): Promise<void> {
  await setTags(ctx, arn, before, after);
  if (UPDATABLE.some((f) => before[f] !== after[f])) await setFields(ctx, arn, after);
}

/** Log anomaly detectors: Create with the stack's tag; Update for what it takes; Delete by ARN. */
export const logAnomalyDetectorHandler: KindHandler<'logAnomalyDetector'> = {
  kind: 'logAnomalyDetector',
  diff: (before, after) => fieldDiffs(before, after, REPLACE),
  // A log group of the stack is made first: AWS refuses a detector on a log group that does not exist.
  dependsOn: (spec, region) =>
    spec.logGroupArns.flatMap((arn) => {
      const name = logGroupNameOf(arn);
      return name !== undefined && arn.split(':')[3] === region ? [{ kind: 'logGroup' as const, region, name }] : [];
    }),
  async create(ctx, spec) {
    // An earlier attempt whose answer was lost may have made it: bring that one in line instead of a twin.
    const earlier = await ownDetector(ctx.clients.logs, ctx.stack.name, spec.name);
    if (earlier) {
      await bringInLine(ctx, earlier.arn, earlier.spec, spec);
      return earlier.arn;
    }
    const out = await ctx.clients.logs.send(
      new CreateLogAnomalyDetectorCommand({
        detectorName: spec.name,
        logGroupArnList: [...spec.logGroupArns],
        evaluationFrequency: spec.evaluationFrequency,
        ...(spec.filterPattern !== '' ? { filterPattern: spec.filterPattern } : {}),
        anomalyVisibilityTime: spec.anomalyVisibilityDays,
        ...(spec.kmsKeyId !== undefined ? { kmsKeyId: spec.kmsKeyId } : {}),
        tags: { ...spec.tags },
      }),
    );
    const arn = out.anomalyDetectorArn;
    if (!arn)
      throw new MonitorsError('AWS_SERVICE', `CreateLogAnomalyDetector for ${spec.name} answered without an ARN`);
    // A detector starts running; one the files pause is paused at once.
    if (!spec.enabled) await setFields(ctx, arn, spec);
    return arn;
  },
  async update(ctx, before, after, diffs, arn) {
    if (diffs.length === 0) return;
    const where = arn ?? (await ownDetector(ctx.clients.logs, ctx.stack.name, before.name))?.arn;
    if (where === undefined) throw new MonitorsError('AWS_SERVICE', `log anomaly detector ${before.name} is gone`);
    await bringInLine(ctx, where, before, after);
  },
  async remove(ctx, spec, arn) {
    const where = arn ?? (await ownDetector(ctx.clients.logs, ctx.stack.name, spec.name))?.arn;
    if (where === undefined) return;
    await unlessAlready(ALREADY_GONE, () =>
      ctx.clients.logs.send(new DeleteLogAnomalyDetectorCommand({ anomalyDetectorArn: where })),
    );
  },
};
