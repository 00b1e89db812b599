/**
 * An `https:` subscription whose endpoint is a chat's incoming webhook cannot work: SNS first POSTs a
 * SubscriptionConfirmation that the chat neither understands nor confirms, so the subscription stays
 * pending and no alarm ever arrives (and a confirmed one would post raw SNS JSON). Such a subscription
 * gets a warning pointing at the chat forwarder, the form that works.
 */
import type { Diagnostic, DesiredResource } from '../../model';

/** Known chat webhook hosts (and, where the host is shared, the path), with the chat's name. */
const CHAT_WEBHOOKS: readonly { readonly chat: string; readonly key: string; readonly test: (u: URL) => boolean }[] = [
  {
    chat: 'Slack',
    key: 'slack',
    test: (u) => u.hostname === 'hooks.slack.com' || u.hostname === 'hooks.slack-gov.com',
  },
  {
    chat: 'Discord',
    key: 'discord',
    test: (u) =>
      /^((canary|ptb)\.)?discord(app)?\.com$/.test(u.hostname) && /^\/api\/(v\d+\/)?webhooks\//.test(u.pathname),
  },
  {
    chat: 'Microsoft Teams',
    key: 'teams',
    test: (u) =>
      /\.webhook\.office\.com$/.test(u.hostname) ||
      /\.logic\.azure\.com$/.test(u.hostname) ||
      /\.environment\.api\.powerplatform\.com$/.test(u.hostname),
  },
  { chat: 'Google Chat', key: 'googleChat', test: (u) => u.hostname === 'chat.googleapis.com' },
];

/** The chat a URL is a webhook of, if it is one we know. */
export function chatWebhookOf(endpoint: string): { chat: string; key: string; host: string } | undefined {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return undefined;
  }
  const hit = CHAT_WEBHOOKS.find((c) => c.test(url));
  return hit ? { chat: hit.chat, key: hit.key, host: url.hostname } : undefined;
}

/** One warning per https/http subscription to a chat webhook. Names the host, never the URL (a credential). */
export function chatWebhookWarnings(resources: readonly DesiredResource[]): Diagnostic[] {
  return resources.flatMap((r): Diagnostic[] => {
    const s = r.spec;
    if (s.kind !== 'subscription' || (s.protocol !== 'https' && s.protocol !== 'http')) return [];
    const hit = chatWebhookOf(s.endpoint);
    if (!hit) return [];
    return [
      {
        severity: 'warning',
        code: 'CHAT_WEBHOOK',
        message: `this ${s.protocol} subscription points at a ${hit.chat} webhook (${hit.host}): it would never confirm (SNS first sends a SubscriptionConfirmation that ${hit.chat} cannot answer, so it stays pending and no alarm arrives; a confirmed one would post raw SNS JSON). Send alarms to ${hit.chat} through the stack's chat forwarder instead: a \`${hit.key}:\` destination under the topic's subscriptions (see README "Notifications")`,
        location: r.source,
      },
    ];
  });
}
