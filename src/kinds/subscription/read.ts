import { GetSubscriptionAttributesCommand, paginateListSubscriptions } from '@aws-sdk/client-sns';
import type { AwsClients } from '../../aws/clients';
import { paged } from '../../aws/paging';
import { subscriptionMark, unmanagedMarks, type LiveResource } from '../../model';
import { blankToUndefined, canonicalJson, normalizeEmail } from '../../model/normalize';
import type { KindReader, Ownership } from '../reader';
import type { SubscriptionProtocol, SubscriptionSpec } from '../specs';

/** A subscription as listed, before its attributes are read. */
export interface ListedSubscription {
  readonly arn: string;
  readonly topicArn: string;
  readonly protocol: string;
  readonly endpoint: string;
  /** SNS lists an unconfirmed subscription with "PendingConfirmation" in place of its ARN. */
  readonly pending: boolean;
}

/** Every subscription in the region, in one paged listing rather than one per topic. */
export async function listSubscriptions(clients: AwsClients): Promise<ListedSubscription[]> {
  const out: ListedSubscription[] = [];
  for await (const page of paginateListSubscriptions(paged(clients.sns), {})) {
    for (const s of page.Subscriptions ?? []) {
      const arn = s.SubscriptionArn ?? '';
      out.push({
        arn,
        topicArn: s.TopicArn ?? '',
        protocol: s.Protocol ?? '',
        endpoint: s.Endpoint ?? '',
        pending: !arn.startsWith('arn:'),
      });
    }
  }
  return out;
}

/** A listed subscription as a spec; confirmed ones have their filter policy and delivery read. */
export async function readSubscription(clients: AwsClients, s: ListedSubscription): Promise<SubscriptionSpec> {
  const protocol = s.protocol as SubscriptionProtocol;
  const base = {
    kind: 'subscription' as const,
    topicName: s.topicArn.slice(s.topicArn.lastIndexOf(':') + 1),
    protocol,
    endpoint: protocol === 'email' || protocol === 'email-json' ? normalizeEmail(s.endpoint) : s.endpoint,
  };
  if (s.pending) return { ...base, rawMessageDelivery: false };
  const { Attributes: a = {} } = await clients.sns.send(
    new GetSubscriptionAttributesCommand({ SubscriptionArn: s.arn }),
  );
  const policy = blankToUndefined(a.FilterPolicy);
  return {
    ...base,
    filterPolicy: policy ? canonicalJson(JSON.parse(policy)) : undefined,
    rawMessageDelivery: a.RawMessageDelivery === 'true',
  };
}

/** Subscriptions: owned through their topic (parent strategy); read only under topics in scope. */
export const subscriptionReader: KindReader = {
  kinds: ['subscription'],
  parent: 'topic',
  async list(clients) {
    const listed = await listSubscriptions(clients);
    return async (ctx, topics) => {
      const byArn = new Map<string, { own: Ownership; unmanaged: Set<string> }>();
      for (const t of topics) {
        if (!t.arn || !('tags' in t.spec)) continue;
        const own: Ownership = {
          owned: t.owned,
          ...(t.ownerStack !== undefined ? { ownerStack: t.ownerStack } : {}),
          ...(t.formerOwner !== undefined ? { formerOwner: t.formerOwner } : {}),
        };
        byArn.set(t.arn, { own, unmanaged: unmanagedMarks(t.spec.tags) });
      }
      const resources: LiveResource[] = [];
      await ctx.each(
        listed.filter((s) => byArn.has(s.topicArn)),
        async (s) => {
          const topic = byArn.get(s.topicArn) as { own: Ownership; unmanaged: Set<string> };
          // Kept unmanaged when its topic was adopted (see ownership.ts): never this stack's to delete.
          const own = !s.pending && topic.unmanaged.has(subscriptionMark(s.arn)) ? { owned: false } : topic.own;
          resources.push({
            spec: await readSubscription(ctx.clients, s),
            arn: s.pending ? undefined : s.arn,
            ...own,
            pendingConfirmation: s.pending,
          });
        },
      );
      return { resources };
    };
  },
};
