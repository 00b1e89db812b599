import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { IAMClient } from '@aws-sdk/client-iam';
import type { LambdaClient } from '@aws-sdk/client-lambda';
import type { SNSClient } from '@aws-sdk/client-sns';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { SSMClient } from '@aws-sdk/client-ssm';
import type { AlarmDeleteBatcher } from './shared/alarm-deletes';
import type { FieldDiff, ResourceKey, ResourceKind, SpecOf, StackSettings } from '../model';

/** The AWS clients the applier writes through (real SDK v3 clients; tests point them at the emulator). */
export interface WriteClients {
  readonly logs: CloudWatchLogsClient;
  readonly cloudwatch: CloudWatchClient;
  readonly sns: SNSClient;
  /** The chat forwarder's: its function, failure queue and role. */
  readonly lambda: LambdaClient;
  readonly sqs: SQSClient;
  readonly iam: IAMClient;
  /** Records of what the stack owns that cannot be tagged (anomaly detectors). */
  readonly ssm: SSMClient;
}

/** What a handler needs to carry out a change. */
export interface ApplyContext {
  readonly clients: WriteClients;
  readonly stack: StackSettings;
  readonly region: string;
  readonly accountId: string;
  /** Batches alarm deletions into DeleteAlarms calls of up to 100 names; without it, one call each. */
  readonly alarmDeletes?: AlarmDeleteBatcher;
}

/**
 * One handler per resource kind: it owns the field diff, the dependencies, and the AWS calls that
 * carry out each action. Specs passed in are already normalized (see model/resources.ts).
 */
export interface KindHandler<K extends ResourceKind> {
  readonly kind: K;
  /** Field-level differences from live (before) to desired (after); empty when equal. */
  diff(before: SpecOf<K>, after: SpecOf<K>): FieldDiff[];
  /** Keys of the resources this one needs to exist first (same region). */
  dependsOn(spec: SpecOf<K>, region: string): ResourceKey[];
  /** Creates the resource; returns its ARN when AWS's answer carries one (topics, subscriptions). */
  create(ctx: ApplyContext, spec: SpecOf<K>): Promise<string | void>;
  /** In-place update; also used for adopt (which must add the ownership tag). */
  update(
    ctx: ApplyContext,
    before: SpecOf<K>,
    after: SpecOf<K>,
    diffs: readonly FieldDiff[],
    arn?: string,
  ): Promise<void>;
  remove(ctx: ApplyContext, spec: SpecOf<K>, arn?: string): Promise<void>;
  /**
   * Its deletes wait in a queue for one shared call (alarms: DeleteAlarms of up to 100 names), so
   * the executor does not hold a concurrency slot for each.
   */
  readonly batchedDeletes?: boolean;
}

/** The table from kind to handler type; the registry in kinds/index.ts fills it. */
export type HandlerTable = { readonly [K in ResourceKind]: KindHandler<K> };

/**
 * The handler of a kind, for callers holding a change or spec of some kind. TypeScript cannot relate
 * a union spec's kind to the table entry of that same kind (microsoft/TypeScript#30581): the widening
 * is done here, once, and is sound because a HandlerTable maps every kind to that kind's handler.
 */
export function anyHandler(table: HandlerTable, kind: ResourceKind): KindHandler<ResourceKind> {
  return table[kind] as unknown as KindHandler<ResourceKind>;
}
