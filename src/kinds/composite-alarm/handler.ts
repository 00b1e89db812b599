import { DeleteAlarmsCommand, PutCompositeAlarmCommand } from '@aws-sdk/client-cloudwatch';
import { ruleAlarmNames, type ResourceKey } from '../../model';
import { actionParams, actionTopics, syncAlarmTags } from '../shared/alarm-common';
import { fieldDiffs } from '../shared/field-diff';
import { ALREADY_GONE, unlessAlready } from '../shared/idempotent';
import type { ApplyContext, KindHandler } from '../handler';
import { tagList } from '../shared/tags';
import type { CompositeAlarmSpec } from '../specs';
import { suppressorName } from './suppressor';

const REPLACE = new Set(['name']);

async function put(ctx: ApplyContext, spec: CompositeAlarmSpec, withTags: boolean): Promise<void> {
  await ctx.clients.cloudwatch.send(
    new PutCompositeAlarmCommand({
      AlarmName: spec.name,
      AlarmDescription: spec.description,
      AlarmRule: spec.rule,
      ...actionParams(spec),
      ActionsSuppressor: spec.actionsSuppressor?.alarm,
      ActionsSuppressorWaitPeriod: spec.actionsSuppressor?.waitPeriod,
      ActionsSuppressorExtensionPeriod: spec.actionsSuppressor?.extensionPeriod,
      Tags: withTags ? tagList(spec.tags) : undefined,
    }),
  );
}

/** The spec with its suppressor named as the diff compares it (an ARN and its alarm's name are one alarm). */
function bySuppressorName(spec: CompositeAlarmSpec): CompositeAlarmSpec {
  const s = spec.actionsSuppressor;
  return s ? { ...spec, actionsSuppressor: { ...s, alarm: suppressorName(s.alarm) } } : spec;
}

/** Composite alarms: the rule, actions and description change in place. */
export const compositeAlarmHandler: KindHandler<'compositeAlarm'> = {
  kind: 'compositeAlarm',
  batchedDeletes: true,
  diff: (before, after) => fieldDiffs(bySuppressorName(before), bySuppressorName(after), REPLACE),
  // A referenced alarm may be metric or composite; both keys are listed and the one in the plan counts.
  dependsOn: (spec, region) => [
    ...actionTopics(spec, region),
    ...ruleAlarmNames(spec.rule).flatMap((name): ResourceKey[] => [
      { kind: 'metricAlarm', region, name },
      { kind: 'compositeAlarm', region, name },
    ]),
    // The suppressor first: PutCompositeAlarm takes it from "an existing alarm".
    ...(spec.actionsSuppressor
      ? [
          { kind: 'metricAlarm' as const, region, name: suppressorName(spec.actionsSuppressor.alarm) },
          { kind: 'compositeAlarm' as const, region, name: suppressorName(spec.actionsSuppressor.alarm) },
        ]
      : []),
  ],
  create: (ctx, spec) => put(ctx, spec, true),
  async update(ctx, before, after, diffs) {
    // Tags first: adopting tags the alarm as ours before anything else, which a tag-scoped IAM policy requires.
    await syncAlarmTags(ctx, after.name, before.tags, after.tags);
    if (diffs.some((d) => !d.path.startsWith('tags.'))) await put(ctx, after, false);
  },
  async remove(ctx, spec) {
    if (ctx.alarmDeletes) return ctx.alarmDeletes.delete(spec.name, true);
    await unlessAlready(ALREADY_GONE, () =>
      ctx.clients.cloudwatch.send(new DeleteAlarmsCommand({ AlarmNames: [spec.name] })),
    );
  },
};
