import {
  GetSubscriptionAttributesCommand,
  GetTopicAttributesCommand,
  ListSubscriptionsCommand,
  ListTopicsCommand,
} from '@aws-sdk/client-sns';
import type { SubscriptionProtocol, SubscriptionSpec, TopicSpec } from '../model';
import type { AwsClients } from './clients';
import { blankToUndefined, canonicalJson, normalizeEmail } from '../model/normalize';

/** The ARN of every topic in the region. */
export async function listTopicArns(clients: AwsClients): Promise<string[]> {
  const out: string[] = [];
  let NextToken: string | undefined;
  do {
    const page = await clients.sns.send(new ListTopicsCommand({ NextToken }));
    for (const t of page.Topics ?? []) if (t.TopicArn) out.push(t.TopicArn);
    NextToken = page.NextToken;
  } while (NextToken);
  return out;
}

/** A topic's attributes as a spec (tags are read elsewhere). */
export async function readTopic(clients: AwsClients, arn: string): Promise<Omit<TopicSpec, 'tags'>> {
  const { Attributes: a = {} } = await clients.sns.send(new GetTopicAttributesCommand({ TopicArn: arn }));
  const name = arn.slice(arn.lastIndexOf(':') + 1);
  return {
    kind: 'topic',
    name,
    displayName: blankToUndefined(a.DisplayName),
    kmsMasterKeyId: blankToUndefined(a.KmsMasterKeyId),
    fifo: a.FifoTopic === 'true' || name.endsWith('.fifo'),
  };
}

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
  let NextToken: string | undefined;
  do {
    const page = await clients.sns.send(new ListSubscriptionsCommand({ NextToken }));
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
    NextToken = page.NextToken;
  } while (NextToken);
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
