/**
 * Slack, through an incoming webhook: a top-level `text` (the notification line, carrying the mentions)
 * and one attachment holding Block Kit blocks, because only an attachment has the coloured bar.
 * Payload: https://docs.slack.dev/messaging/sending-messages-using-incoming-webhooks (blocks, text),
 * attachments with `color` and `blocks`: https://docs.slack.dev/legacy/legacy-messaging/legacy-secondary-message-attachments,
 * limits (header 150, section text 3000, field 2000, 10 fields): https://docs.slack.dev/reference/block-kit/blocks.
 * Escaping: Slack treats `&`, `<` and `>` as control characters and those three only must be
 * written `&amp;` `&lt;` `&gt;` (https://docs.slack.dev/messaging/formatting-message-text#escaping).
 * Mentions only work as `<!here>`, `<@U…>`, `<!subteam^S…>`, so escaping `<` neutralises any mention or
 * link in an alarm's name or description. `channel` is honoured by legacy webhooks only.
 */
import { headline, STATE_LOOK, type AlarmNotification } from '../alarm';
import type { Destination } from '../config';
import { clip, facts } from '../text';
import type { ChatRequest } from './types';

/** The three characters Slack reserves. */
export function slackEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Escapes, then cuts to `max` without leaving half an entity (`&am…`) at the end. */
function fit(s: string, max: number): string {
  const cut = clip(slackEscape(s), max);
  return cut.endsWith('…') ? cut.replace(/&[a-z]{0,3}…$/, '…') : cut;
}

/** A configured mention in Slack's syntax. */
export function slackMention(m: string): string {
  if (m === 'here' || m === 'channel' || m === 'everyone') return `<!${m}>`;
  return m.startsWith('S') ? `<!subteam^${m}>` : `<@${m}>`;
}

/** The webhook body for one notification. Mentions ping on ALARM only; a recovery is news, not a page. */
export function slackMessage(n: AlarmNotification, d: Destination & { chat: 'slack' }): ChatRequest {
  const mentions = n.state === 'ALARM' ? d.mentions.map(slackMention) : [];
  const title = headline(n);
  const blocks: unknown[] = [{ type: 'header', text: { type: 'plain_text', text: fit(title, 150) } }];
  if (n.description) blocks.push({ type: 'section', text: { type: 'plain_text', text: fit(n.description, 3000) } });
  blocks.push({
    type: 'section',
    fields: facts(n)
      .slice(0, 10)
      .map((f) => ({ type: 'mrkdwn', text: `*${f.label}*\n${fit(f.value, 1900)}` })),
  });
  const buttons: unknown[] = [];
  if (n.consoleUrl)
    buttons.push({ type: 'button', text: { type: 'plain_text', text: 'Open in console' }, url: n.consoleUrl });
  if (n.runbook) buttons.push({ type: 'button', text: { type: 'plain_text', text: 'Runbook' }, url: n.runbook });
  if (buttons.length > 0) blocks.push({ type: 'actions', elements: buttons });
  blocks.push({
    type: 'context',
    elements: [{ type: 'mrkdwn', text: fit(`CloudWatch says: ${n.rawReason || 'no reason given'}`, 2000) }],
  });
  return {
    body: {
      text: [...mentions, slackEscape(title)].join(' '),
      ...(d.channel ? { channel: d.channel } : {}),
      attachments: [{ color: STATE_LOOK[n.state].color, fallback: slackEscape(title), blocks }],
    },
    query: {},
  };
}
