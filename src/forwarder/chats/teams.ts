/**
 * Microsoft Teams, through a Workflows webhook ("When a Teams webhook request is received", the
 * replacement of the retired Office 365 connectors, which accepts Adaptive Cards only): a `message`
 * whose one attachment is an Adaptive Card. Shape: https://learn.microsoft.com/microsoftteams/platform/webhooks-and-connectors/how-to/connectors-using
 * (`type: message`, `attachments[].contentType: application/vnd.microsoft.card.adaptive`, `content`).
 * Card: https://adaptivecards.io/explorer/ (TextBlock, FactSet, Container `style`, Action.OpenUrl);
 * version 1.4 is what Teams renders everywhere. Mentions: `<at>Name</at>` in a TextBlock plus an
 * entity in `msteams.entities` (https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/cards-format#user-mention-in-incoming-webhook-with-adaptive-cards,
 * by UPN or Entra object id);
 * text without its entity does not mention anyone.
 * TextBlock and FactSet values render a markdown subset, so markdown characters in the alarm's text
 * are backslash-escaped (CommonMark escapes; Teams documents no other way) and `<at>` is broken.
 */
import { headline, type AlarmNotification } from '../alarm';
import type { Destination } from '../config';
import { clip, facts } from '../text';
import type { ChatRequest } from './types';

/**
 * Markdown in untrusted text made literal: emphasis, code and link brackets anywhere, block markers
 * (`#`, `>`, `-`, `+`, `1.`) at a line's start; `<at>` cannot open a mention.
 */
export function teamsEscape(s: string): string {
  return s
    .replace(/[\\*_~`[\]]/g, (c) => `\\${c}`)
    .replace(/^(\s*)([#>+-]|\d+\.)/gm, (_, sp: string, m: string) => `${sp}\\${m}`)
    .replace(/<(\/?)at>/gi, '‹$1at›');
}

const STYLE = { ALARM: 'attention', OK: 'good', INSUFFICIENT_DATA: 'emphasis' } as const;
const COLOR = { ALARM: 'Attention', OK: 'Good', INSUFFICIENT_DATA: 'Default' } as const;

/** The webhook body for one notification. */
export function teamsMessage(n: AlarmNotification, d: Destination & { chat: 'teams' }): ChatRequest {
  const mentions = n.state === 'ALARM' ? d.mentions : [];
  const safeName = (s: string) => s.replace(/[<>]/g, '');
  const body: unknown[] = [
    {
      type: 'Container',
      style: STYLE[n.state],
      bleed: true,
      items: [
        {
          type: 'TextBlock',
          text: clip(teamsEscape(headline(n)), 300),
          weight: 'Bolder',
          size: 'Large',
          color: COLOR[n.state],
          wrap: true,
        },
      ],
    },
  ];
  if (mentions.length > 0)
    body.push({ type: 'TextBlock', text: mentions.map((m) => `<at>${safeName(m.name)}</at>`).join(' '), wrap: true });
  if (n.description) body.push({ type: 'TextBlock', text: clip(teamsEscape(n.description), 2000), wrap: true });
  body.push({
    type: 'FactSet',
    facts: facts(n).map((f) => ({ title: f.label, value: clip(teamsEscape(f.value), 1000) })),
  });
  body.push({
    type: 'TextBlock',
    text: clip(teamsEscape(`CloudWatch says: ${n.rawReason || 'no reason given'}`), 1000),
    isSubtle: true,
    size: 'Small',
    wrap: true,
  });
  const actions: unknown[] = [];
  if (n.consoleUrl) actions.push({ type: 'Action.OpenUrl', title: 'Open in console', url: n.consoleUrl });
  if (n.runbook) actions.push({ type: 'Action.OpenUrl', title: 'Runbook', url: n.runbook });
  const card = {
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: '1.4',
    body,
    ...(actions.length > 0 ? { actions } : {}),
    msteams: {
      width: 'Full',
      ...(mentions.length > 0
        ? {
            entities: mentions.map((m) => ({
              type: 'mention',
              text: `<at>${safeName(m.name)}</at>`,
              mentioned: { id: m.id, name: safeName(m.name) },
            })),
          }
        : {}),
    },
  };
  return {
    body: {
      type: 'message',
      attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', contentUrl: null, content: card }],
    },
    query: {},
  };
}
