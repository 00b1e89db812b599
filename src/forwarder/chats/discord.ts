/**
 * Discord, through a channel webhook ("Execute Webhook"): `content` carries only the configured
 * mentions, one embed carries the message, with the state's colour as an integer.
 * Payload and query (`wait=true` makes Discord answer with an error instead of dropping a message it
 * did not save; `thread_id` posts into a thread): https://discord.com/developers/docs/resources/webhook#execute-webhook
 * Embed limits (title 256, description 4096, 25 fields, field value 1024, 6000 in all):
 * https://discord.com/developers/docs/resources/message#embed-object-embed-limits
 * Mentions: `allowed_mentions` with an empty `parse` pings nobody but the users and roles listed,
 * whatever the text says: https://discord.com/developers/docs/resources/message#allowed-mentions-object
 * Text from the alarm is also escaped (markdown with a backslash, `@everyone`/`@here` broken with a
 * zero-width space) so it cannot look like a mention or a link either.
 */
import { headline, STATE_LOOK, type AlarmNotification } from '../alarm';
import type { Destination } from '../config';
import { clip, facts } from '../text';
import type { ChatRequest } from './types';

/** Markdown and mention syntax in untrusted text made literal (block markers only at a line's start). */
export function discordEscape(s: string): string {
  return s
    .replace(/[\\*_~`|[\]<]/g, (c) => `\\${c}`)
    .replace(/^(\s*)([#>+-]|\d+\.)/gm, (_, sp: string, m: string) => `${sp}\\${m}`)
    .replace(/@(everyone|here)/gi, '@\u200b$1');
}

/** The footer renders no markdown: only mentions need breaking there. */
function plain(s: string): string {
  return s.replace(/@(everyone|here)/gi, '@\u200b$1');
}

function mentionText(m: string): string {
  if (m === 'here' || m === 'everyone') return `@${m}`;
  return `<@${m}>`; // a role is configured as `&id`, which makes `<@&id>`
}

/** The webhook body and query for one notification. */
export function discordMessage(n: AlarmNotification, d: Destination & { chat: 'discord' }): ChatRequest {
  const mentions = n.state === 'ALARM' ? d.mentions : [];
  const fields = facts(n).map((f) => ({
    name: f.label,
    value: clip(discordEscape(f.value), 1024),
    inline: ['When', 'Region', 'Account'].includes(f.label),
  }));
  if (n.runbook) fields.push({ name: 'Runbook', value: `[Open the runbook](${n.runbook})`, inline: false });
  const embed = {
    title: clip(discordEscape(headline(n)), 256),
    ...(n.consoleUrl ? { url: n.consoleUrl } : {}),
    ...(n.description ? { description: clip(discordEscape(n.description), 2000) } : {}),
    color: parseInt(STATE_LOOK[n.state].color.slice(1), 16),
    fields,
    footer: { text: clip(plain(`CloudWatch says: ${n.rawReason || 'no reason given'}`), 1024) },
    ...(Number.isNaN(Date.parse(n.time)) ? {} : { timestamp: n.time }),
  };
  return {
    body: {
      ...(mentions.length > 0 ? { content: mentions.map(mentionText).join(' ') } : {}),
      embeds: [embed],
      allowed_mentions: {
        parse: mentions.some((m) => m === 'here' || m === 'everyone') ? ['everyone'] : [],
        users: mentions.filter((m) => /^\d/.test(m)),
        roles: mentions.filter((m) => m.startsWith('&')).map((m) => m.slice(1)),
      },
    },
    query: { wait: 'true', ...(d.threadId ? { thread_id: d.threadId } : {}) },
  };
}
