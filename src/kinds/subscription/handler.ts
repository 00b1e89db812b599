import {
  paginateListSubscriptionsByTopic,
  SetSubscriptionAttributesCommand,
  SubscribeCommand,
  UnsubscribeCommand,
} from '@aws-sdk/client-sns';
import { paged } from '../../aws/paging';
import { AwsCallError } from '../../aws/call-error';
import { MonitorsError } from '../../model';
import { fieldDiffs } from '../shared/field-diff';
import { ALREADY_GONE, unlessAlready } from '../shared/idempotent';
import type { ApplyContext, KindHandler } from '../handler';
import { topicArn } from '../topic/handler';
import type { SubscriptionSpec } from '../specs';

const REPLACE = new Set(['topicName', 'protocol', 'endpoint']);

/** The subscription's ARN: the one from the plan, or looked up on its topic by protocol and endpoint. */
async function subscriptionArn(ctx: ApplyContext, spec: SubscriptionSpec, known?: string): Promise<string> {
  if (known?.startsWith('arn:')) return known;
  const pages = paginateListSubscriptionsByTopic(paged(ctx.clients.sns), {
    TopicArn: topicArn(ctx, spec.topicName),
  });
  for await (const page of pages) {
    const hit = page.Subscriptions?.find(
      (s) => s.Protocol === spec.protocol && s.Endpoint === spec.endpoint && s.SubscriptionArn?.startsWith('arn:'),
    );
    if (hit?.SubscriptionArn) return hit.SubscriptionArn;
  }
  throw new MonitorsError(
    'AWS_SERVICE',
    `no confirmed ${spec.protocol} subscription on topic ${spec.topicName} to change`,
    'internal',
  );
}

async function setAttribute(ctx: ApplyContext, arn: string, name: string, value: string): Promise<void> {
  await ctx.clients.sns.send(
    new SetSubscriptionAttributesCommand({ SubscriptionArn: arn, AttributeName: name, AttributeValue: value }),
  );
}

/** Subscriptions: identified by topic, protocol and endpoint; filter policy and raw delivery change in place. */
export const subscriptionHandler: KindHandler<'subscription'> = {
  kind: 'subscription',
  diff: (before, after) => fieldDiffs(before, after, REPLACE),
  dependsOn: (spec, region) => {
    const topic = { kind: 'topic' as const, region, name: spec.topicName };
    // A `lambda` subscription to the stack's chat forwarder comes after the function and its permission
    // for the topic (and goes before them): SNS would otherwise deliver to a function it may not invoke.
    const fn = /^arn:aws[a-z-]*:lambda:([^:]+):\d*:function:([^:]+)$/.exec(spec.endpoint);
    if (spec.protocol !== 'lambda' || !fn || fn[1] !== region) return [topic];
    const name = fn[2] as string;
    return [
      topic,
      { kind: 'forwarderFunction', region, name },
      { kind: 'forwarderPermission', region, parent: name, name: spec.topicName },
    ];
  },
  async create(ctx, spec) {
    const Attributes: Record<string, string> = {};
    if (spec.filterPolicy !== undefined) Attributes.FilterPolicy = spec.filterPolicy;
    if (spec.rawMessageDelivery) Attributes.RawMessageDelivery = 'true';
    const made = await ctx.clients.sns.send(
      new SubscribeCommand({
        TopicArn: topicArn(ctx, spec.topicName),
        Protocol: spec.protocol,
        Endpoint: spec.endpoint,
        Attributes,
        ReturnSubscriptionArn: true,
      }),
    );
    // "pending confirmation" until an e-mail or https endpoint confirms: no ARN yet.
    return made.SubscriptionArn?.startsWith('arn:') ? made.SubscriptionArn : undefined;
  },
  async update(ctx, before, after, _diffs, arn) {
    if (before.filterPolicy === after.filterPolicy && before.rawMessageDelivery === after.rawMessageDelivery) return;
    const subArn = await subscriptionArn(ctx, after, arn);
    // An empty FilterPolicy is how SNS removes one.
    if (before.filterPolicy !== after.filterPolicy)
      await setAttribute(ctx, subArn, 'FilterPolicy', after.filterPolicy ?? '');
    if (before.rawMessageDelivery !== after.rawMessageDelivery)
      await setAttribute(ctx, subArn, 'RawMessageDelivery', String(after.rawMessageDelivery));
  },
  async remove(ctx, spec, arn) {
    const subArn = await subscriptionArn(ctx, spec, arn).catch((err: unknown) => {
      // Only our own "no such subscription": an AWS failure (AwsCallError) of the listing is reported.
      if (err instanceof MonitorsError && !(err instanceof AwsCallError)) return undefined;
      throw err;
    });
    // Not on its topic any more: an earlier attempt already unsubscribed it.
    if (subArn === undefined) return;
    await unlessAlready(ALREADY_GONE, () => ctx.clients.sns.send(new UnsubscribeCommand({ SubscriptionArn: subArn })));
  },
};
