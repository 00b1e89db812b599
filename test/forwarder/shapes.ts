/**
 * Each chat's documented webhook payload shape, as checks that list what is wrong (empty: valid).
 * Written from the chats' own references, cited per function; the limits are theirs.
 */
type J = Record<string, unknown>;
const isObj = (v: unknown): v is J => v !== null && typeof v === 'object' && !Array.isArray(v);
const len = (v: unknown) => [...String(v)].length;
const httpsUrl = (v: unknown) => typeof v === 'string' && /^https:\/\//.test(v);

/** Slack Block Kit in an attachment (docs.slack.dev/reference/block-kit/blocks; secondary attachments). */
export function slackProblems(body: unknown): string[] {
  const p: string[] = [];
  if (!isObj(body)) return ['body is not an object'];
  if (typeof body.text !== 'string' || body.text === '') p.push('text is missing (notifications need it)');
  const atts = body.attachments;
  if (!Array.isArray(atts) || atts.length !== 1) return [...p, 'expected one attachment'];
  const a = atts[0] as J;
  if (typeof a.color !== 'string' || !/^#[0-9A-Fa-f]{6}$/.test(a.color)) p.push('attachment color is not #RRGGBB');
  const blocks = a.blocks;
  if (!Array.isArray(blocks) || blocks.length === 0 || blocks.length > 50) return [...p, 'blocks: 1 to 50'];
  for (const b of blocks as J[]) {
    const text = b.text as J | undefined;
    switch (b.type) {
      case 'header':
        if (text?.type !== 'plain_text' || len(text.text) > 150) p.push('header: plain_text up to 150');
        break;
      case 'section': {
        if (text && (!['plain_text', 'mrkdwn'].includes(String(text.type)) || len(text.text) > 3000))
          p.push('section text: up to 3000');
        const fields = b.fields as J[] | undefined;
        if (!text && !fields) p.push('section needs text or fields');
        if (fields && (fields.length > 10 || fields.some((f) => len(f.text) > 2000))) p.push('fields: 10 of 2000');
        break;
      }
      case 'actions':
        for (const e of b.elements as J[]) {
          if (e.type !== 'button' || !httpsUrl(e.url) || len(e.url) > 3000) p.push('button: https url up to 3000');
          if ((e.text as J).type !== 'plain_text' || len((e.text as J).text) > 75) p.push('button text: plain_text 75');
        }
        break;
      case 'context':
        if (!Array.isArray(b.elements) || b.elements.length > 10) p.push('context: up to 10 elements');
        break;
      default:
        p.push(`unexpected block type ${String(b.type)}`);
    }
  }
  return p;
}

/** Discord Execute Webhook with one embed (discord.com/developers/docs/resources/webhook#execute-webhook). */
export function discordProblems(body: unknown, query: Readonly<Record<string, string>>): string[] {
  const p: string[] = [];
  if (!isObj(body)) return ['body is not an object'];
  if (query.wait !== 'true') p.push('wait=true is needed to hear about failures');
  if (body.content !== undefined && (typeof body.content !== 'string' || len(body.content) > 2000))
    p.push('content: up to 2000');
  const embeds = body.embeds as J[];
  if (!Array.isArray(embeds) || embeds.length < 1 || embeds.length > 10) return [...p, 'embeds: 1 to 10'];
  let total = 0;
  for (const e of embeds) {
    if (len(e.title) > 256) p.push('title: 256');
    if (e.description !== undefined && len(e.description) > 4096) p.push('description: 4096');
    if (!Number.isInteger(e.color) || (e.color as number) < 0 || (e.color as number) > 0xffffff)
      p.push('color: integer RGB');
    if (e.url !== undefined && !httpsUrl(e.url)) p.push('url: https');
    const fields = (e.fields as J[]) ?? [];
    if (fields.length > 25) p.push('fields: 25');
    for (const f of fields) {
      if (len(f.name) > 256 || len(f.name) === 0) p.push('field name: 1 to 256');
      if (len(f.value) > 1024 || len(f.value) === 0) p.push('field value: 1 to 1024');
      total += len(f.name) + len(f.value);
    }
    const footer = e.footer as J | undefined;
    if (footer && len(footer.text) > 2048) p.push('footer: 2048');
    if (e.timestamp !== undefined && Number.isNaN(Date.parse(String(e.timestamp)))) p.push('timestamp: ISO8601');
    total += len(e.title ?? '') + len(e.description ?? '') + len(footer?.text ?? '');
  }
  if (total > 6000) p.push('embeds: 6000 characters in all');
  const am = body.allowed_mentions as J | undefined;
  if (!isObj(am)) p.push('allowed_mentions must be set (never let text decide who is pinged)');
  else {
    const parse = am.parse as string[];
    if (!Array.isArray(parse) || parse.some((t) => !['users', 'roles', 'everyone'].includes(t))) p.push('parse types');
    if (parse.includes('users') && Array.isArray(am.users) && am.users.length > 0)
      p.push('parse users excludes users[]');
    if (parse.includes('roles') && Array.isArray(am.roles) && am.roles.length > 0)
      p.push('parse roles excludes roles[]');
  }
  return p;
}

function allTextBlocks(items: unknown): J[] {
  if (!Array.isArray(items)) return [];
  return (items as J[]).flatMap((i) => (i.type === 'TextBlock' ? [i] : allTextBlocks(i.items)));
}

/** Teams Workflows: a message with one Adaptive Card (learn.microsoft.com … connectors-using; cards-format mentions). */
export function teamsProblems(body: unknown): string[] {
  const p: string[] = [];
  if (!isObj(body) || body.type !== 'message') return ['type must be message'];
  const atts = body.attachments as J[];
  if (!Array.isArray(atts) || atts.length !== 1) return ['one attachment'];
  const a = atts[0] as J;
  if (a.contentType !== 'application/vnd.microsoft.card.adaptive') p.push('contentType');
  const c = a.content as J;
  if (c.type !== 'AdaptiveCard' || typeof c.version !== 'string') p.push('content: AdaptiveCard with version');
  if (!Array.isArray(c.body)) return [...p, 'card body'];
  const known = ['Container', 'TextBlock', 'FactSet'];
  for (const el of c.body as J[]) if (!known.includes(String(el.type))) p.push(`element ${String(el.type)}`);
  for (const f of (c.body as J[]).filter((e) => e.type === 'FactSet').flatMap((e) => e.facts as J[]))
    if (typeof f.title !== 'string' || typeof f.value !== 'string') p.push('fact: title and value');
  for (const act of (c.actions as J[]) ?? [])
    if (act.type !== 'Action.OpenUrl' || !httpsUrl(act.url)) p.push('action: OpenUrl with https url');
  const entities = ((c.msteams as J | undefined)?.entities as J[]) ?? [];
  const ats = allTextBlocks(c.body).flatMap((t) => String(t.text).match(/<at>[^<]*<\/at>/g) ?? []);
  for (const at of ats) if (!entities.some((e) => e.text === at)) p.push(`mention ${at} has no entity`);
  for (const e of entities) {
    const m = e.mentioned as J;
    if (e.type !== 'mention' || typeof m?.id !== 'string' || typeof m?.name !== 'string') p.push('entity shape');
    if (!ats.includes(String(e.text))) p.push(`entity ${String(e.text)} not in the text`);
  }
  return p;
}

/** Google Chat webhook message with cardsV2 (developers.google.com/workspace/chat/api/reference/rest/v1/cards). */
export function googleChatProblems(body: unknown, query: Readonly<Record<string, string>>): string[] {
  const p: string[] = [];
  if (!isObj(body)) return ['body is not an object'];
  if (typeof body.text !== 'string') p.push('text');
  const cards = body.cardsV2 as J[];
  if (!Array.isArray(cards) || cards.length !== 1) return [...p, 'one card'];
  const card = (cards[0] as J).card as J;
  if (typeof (cards[0] as J).cardId !== 'string') p.push('cardId');
  if (typeof (card.header as J)?.title !== 'string') p.push('header title');
  for (const s of card.sections as J[])
    for (const w of s.widgets as J[]) {
      const keys = Object.keys(w);
      if (keys.length !== 1 || !['decoratedText', 'textParagraph', 'buttonList'].includes(keys[0] as string))
        p.push(`widget ${keys.join(',')}`);
      if (w.buttonList)
        for (const b of (w.buttonList as J).buttons as J[])
          if (!httpsUrl(((b.onClick as J)?.openLink as J)?.url)) p.push('button: https openLink');
    }
  const thread = body.thread as J | undefined;
  if (thread && query.messageReplyOption !== 'REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD')
    p.push('a thread key needs messageReplyOption');
  return p;
}

/** Every string in a JSON value. */
export function strings(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.flatMap(strings);
  if (isObj(v)) return Object.values(v).flatMap(strings);
  return [];
}
