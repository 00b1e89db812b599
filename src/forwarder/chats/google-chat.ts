/**
 * Google Chat, through a space's incoming webhook: `text` (the notification line, with the mentions)
 * and one card in `cardsV2`. Webhook and threading (`thread.threadKey` in the body with
 * `messageReplyOption=REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD` in the query):
 * https://developers.google.com/workspace/chat/quickstart/webhooks ; card message:
 * https://developers.google.com/workspace/chat/api/reference/rest/v1/cards (header, sections, widgets:
 * decoratedText, textParagraph, buttonList with onClick.openLink); mentions in `text` as `<users/ID>`
 * and `<users/all>`: https://developers.google.com/workspace/chat/format-messages .
 * Card text renders a small HTML subset (`<b>`, `<font color>`, `<a href>`), so untrusted text is
 * HTML-escaped there; in `text`, `<` and `>` from the alarm are replaced so nothing can open a mention.
 */
import { headline, STATE_LOOK, type AlarmNotification } from '../alarm';
import type { Destination } from '../config';
import { clip, facts } from '../text';
import type { ChatRequest } from './types';

/** HTML-escapes untrusted text for card widgets. */
export function googleCardEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** In the message's `text`, `<users/all>` would ping everyone: angle brackets become look-alikes. */
export function googleTextEscape(s: string): string {
  return s.replace(/</g, '‹').replace(/>/g, '›');
}

/** The webhook body and query for one notification. */
export function googleChatMessage(n: AlarmNotification, d: Destination & { chat: 'googleChat' }): ChatRequest {
  const mentions = n.state === 'ALARM' ? d.mentions.map((m) => `<users/${m}>`) : [];
  const look = STATE_LOOK[n.state];
  const widgets: unknown[] = [
    {
      decoratedText: {
        topLabel: 'State',
        text: `<font color="${look.color}"><b>${look.emoji} ${googleCardEscape(look.label)}</b></font>`,
      },
    },
  ];
  if (n.description) widgets.push({ textParagraph: { text: clip(googleCardEscape(n.description), 2000) } });
  for (const f of facts(n))
    widgets.push({ decoratedText: { topLabel: f.label, text: clip(googleCardEscape(f.value), 1000), wrapText: true } });
  widgets.push({
    textParagraph: {
      text: `<i>CloudWatch says: ${clip(googleCardEscape(n.rawReason || 'no reason given'), 1000)}</i>`,
    },
  });
  const buttons: unknown[] = [];
  if (n.consoleUrl) buttons.push({ text: 'Open in console', onClick: { openLink: { url: n.consoleUrl } } });
  if (n.runbook) buttons.push({ text: 'Runbook', onClick: { openLink: { url: n.runbook } } });
  if (buttons.length > 0) widgets.push({ buttonList: { buttons } });
  const threadKey = d.threadKey === 'alarm' ? `alarm-${n.name}`.slice(0, 64) : d.threadKey;
  return {
    body: {
      text: [...mentions, googleTextEscape(headline(n))].join(' '),
      cardsV2: [
        {
          cardId: 'alarm',
          card: {
            header: {
              title: clip(googleTextEscape(headline(n)), 200),
              subtitle: clip(`CloudWatch alarm · ${n.region} · ${n.account}`, 200),
            },
            sections: [{ widgets }],
          },
        },
      ],
      ...(threadKey ? { thread: { threadKey } } : {}),
    },
    query: threadKey ? { messageReplyOption: 'REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD' } : {},
  };
}
