/**
 * Adopting a console-made topic must not take over the subscriptions someone made on it by hand:
 * the next plan would delete every one the files do not declare. So those are kept and left
 * unmanaged: the adopt marks them on the topic (see ownership.ts), the plan says so for each, and
 * later plans read them as not this stack's. Declaring one later takes it over (its mark is dropped).
 */
import {
  UNMANAGED_SUBSCRIPTIONS_TAG,
  keyId,
  subscriptionMark,
  unmanagedTags,
  type Change,
  type DesiredResource,
  type LiveResource,
  type PlanNotice,
} from '../../model';
import { keyWith } from '../key-of';
import { subscriptionInfo } from '../subscription/kind';
import type { SubscriptionSpec } from '../specs';

/**
 * An endpoint as a notice may print it: an http(s) URL can carry a token and a phone number is
 * personal, and a console-made endpoint is nobody's declared secret, so neither is printed.
 */
function shownEndpoint(spec: SubscriptionSpec): string {
  if (spec.protocol === 'http' || spec.protocol === 'https') {
    const host = /^https?:\/\/([^/?#@]*@)?([^/?#:]+)/i.exec(spec.endpoint)?.[2];
    return `${spec.protocol}:${host ? `//${host}/…` : '(endpoint not shown)'}`;
  }
  if (spec.protocol === 'sms') return 'sms:(phone number not shown)';
  return `${spec.protocol}:${spec.endpoint}`;
}

/**
 * The desired resources with each declared topic's tags carrying the marks of its kept
 * subscriptions, and a notice for each subscription an adoption keeps.
 */
export function keepUnmanagedSubscriptions(
  desired: readonly DesiredResource[],
  live: readonly LiveResource[],
  region: string,
  adopt: boolean,
): { resources: DesiredResource[]; notices: PlanNotice[] } {
  const subscriptionKey = (spec: SubscriptionSpec): string => keyId(keyWith(subscriptionInfo, spec, region));
  const declared = new Set(desired.flatMap((r) => (r.spec.kind === 'subscription' ? [subscriptionKey(r.spec)] : [])));
  const notices: PlanNotice[] = [];
  const resources = desired.map((r) => {
    if (r.spec.kind !== 'topic') return r;
    const name = r.spec.name;
    const topic = live.find((l) => l.spec.kind === 'topic' && l.spec.name === name);
    if (!topic || topic.ownerStack !== undefined) return r;
    const adopting = !topic.owned;
    if (adopting && !adopt) return r;
    const undeclared = live.filter(
      (l) =>
        l.spec.kind === 'subscription' &&
        l.spec.topicName === name &&
        !declared.has(subscriptionKey(l.spec)) &&
        (adopting || !l.owned),
    );
    const kept = undeclared.filter((l) => !l.pendingConfirmation && l.arn !== undefined);
    if (adopting) {
      for (const l of undeclared) {
        const sub = l.spec as SubscriptionSpec;
        const label = `subscription ${name} → ${shownEndpoint(sub)}`;
        notices.push({
          severity: 'warning',
          message: l.pendingConfirmation
            ? `${label} on adopted topic ${name} is not declared in monitors/ and is pending confirmation, so it cannot be marked as unmanaged: once it is confirmed, a later plan shows it as a delete. Declare it under the topic to keep it.`
            : `${label} on adopted topic ${name} is not declared in monitors/: it is kept and left unmanaged, now and in later plans (marked in the topic's tag ${UNMANAGED_SUBSCRIPTIONS_TAG}). Declare it under the topic to manage it, or remove it by hand.`,
        });
      }
    }
    if (kept.length === 0) return r;
    const marks = kept.map((l) => subscriptionMark(l.arn as string));
    return { ...r, spec: { ...r.spec, tags: { ...r.spec.tags, ...unmanagedTags(marks) } } };
  });
  return { resources, notices };
}

/**
 * The subscriptions a plan's topic deletes take with them that the stack does not own (made by hand
 * on an adopted topic, kept unmanaged): SNS deletes a topic's subscriptions with it, so the plan must
 * name them as deleted too. A pending one has no ARN to delete, but goes all the same.
 */
export function subscriptionsGoingWithTopics(
  deletes: readonly Change[],
  live: readonly LiveResource[],
  region: string,
): { resource: LiveResource; reason: string }[] {
  const topics = new Set(
    deletes.filter((c) => c.key.kind === 'topic' && c.key.region === region).map((c) => c.key.name),
  );
  return live
    .filter(
      (l) => l.spec.kind === 'subscription' && topics.has(l.spec.topicName) && !l.owned && l.ownerStack === undefined,
    )
    .map((resource) => ({
      resource,
      reason: `not declared (made by hand, kept unmanaged), but its topic ${(resource.spec as SubscriptionSpec).topicName} is deleted and SNS deletes a topic's subscriptions with it${resource.pendingConfirmation ? ' (pending confirmation: it goes with the topic)' : ''}`,
    }));
}
