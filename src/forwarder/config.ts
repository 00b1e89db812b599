/**
 * The forwarder's configuration, read from its environment: one variable, MONITORS_FORWARDER_DESTINATIONS,
 * holding a JSON array of destinations. Lambda encrypts environment variables at rest (with the AWS
 * managed key, or the function's KMS key), which is where the webhook URLs (credentials) belong; they
 * are never logged: a destination is named in logs by its chat, index and host only.
 *
 * Lambda caps all of a function's variables at 4 KB together, so per-alarm settings (the runbook) do
 * not live here: they travel in the alarm's description (see splitRunbook).
 */

/** The environment variable the kind fills. */
export const DESTINATIONS_VAR = 'MONITORS_FORWARDER_DESTINATIONS';

/** A Slack user (`U…`/`W…`), user group (`S…`), or `here` / `channel` / `everyone`. */
export const SLACK_MENTION = /^(here|channel|everyone|[UW][A-Z0-9]{2,30}|S[A-Z0-9]{2,30})$/;
/** A Discord user id, a role id written `&id`, or `here` / `everyone`. */
export const DISCORD_MENTION = /^(here|everyone|&?\d{5,25})$/;
/** A Google Chat user id (`users/123`), or `all`. */
export const GOOGLE_MENTION = /^(all|\d{5,30})$/;
/** A Teams user: the UPN or Entra object id, shown under a display name. */
export const TEAMS_ID = /^[A-Za-z0-9._%+@-]{3,200}$/;

/** What every destination has besides its chat's own fields. */
interface Routed {
  /**
   * The topics (names) whose alarms go to this chat; absent: every topic. One forwarder serves a
   * stack's topics, and each topic declares its own chats.
   */
  readonly topics?: readonly string[];
}

/** One chat to post to. `url` is a secret. */
export type Destination = Routed &
  (
    | {
        readonly chat: 'slack';
        readonly url: string;
        readonly mentions: readonly string[];
        /** Legacy incoming webhooks honour it; app webhooks post to their own channel regardless. */
        readonly channel: string | undefined;
      }
    | {
        readonly chat: 'discord';
        readonly url: string;
        readonly mentions: readonly string[];
        /** Posts into this thread of the webhook's channel (`?thread_id=`). */
        readonly threadId: string | undefined;
      }
    | {
        readonly chat: 'teams';
        readonly url: string;
        readonly mentions: readonly { readonly id: string; readonly name: string }[];
      }
    | {
        readonly chat: 'googleChat';
        readonly url: string;
        readonly mentions: readonly string[];
        /** Groups messages into one thread per key; `alarm` means one thread per alarm. */
        readonly threadKey: string | undefined;
      }
  );

export type Chat = Destination['chat'];

/** The destinations are not usable: the function fails loudly at once (the message is retried, then kept). */
export class ForwarderConfigError extends Error {
  constructor(message: string) {
    super(`${DESTINATIONS_VAR}: ${message}`);
    this.name = 'ForwarderConfigError';
  }
}

/** The loopback hosts plain http may go to, as written: never a numeric disguise such as 0x7f000001. */
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Where a webhook may live: https anywhere; plain http only on loopback and only when `loopback` is
 * allowed (a run against an emulator endpoint). On real Lambda, localhost:9001 is the Runtime API.
 */
export function checkWebhookUrl(raw: string, where: string, loopback = true): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ForwarderConfigError(`${where}: the webhook URL is not a URL`);
  }
  // The host as written, not as URL normalised it (it turns 0x7f000001 and 2130706433 into 127.0.0.1).
  const written = (/^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]*)/i.exec(raw)?.[1] ?? '').toLowerCase();
  const onLoopback = loopback && LOOPBACK.has(written) && LOOPBACK.has(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && onLoopback))
    throw new ForwarderConfigError(`${where}: the webhook URL must be https (${url.protocol} given)`);
  if (url.username || url.password) throw new ForwarderConfigError(`${where}: the webhook URL must not carry a user`);
  return url;
}

const strings = (v: unknown, where: string, pattern: RegExp, what: string): string[] => {
  if (v === undefined) return [];
  if (!Array.isArray(v)) throw new ForwarderConfigError(`${where}.mentions must be a list`);
  return v.map((m, i) => {
    if (typeof m !== 'string' || !pattern.test(m))
      throw new ForwarderConfigError(`${where}.mentions[${i}] is not ${what}`);
    return m;
  });
};

const optional = (v: unknown, where: string, pattern: RegExp): string | undefined => {
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || !pattern.test(v)) throw new ForwarderConfigError(`${where} is not valid`);
  return v;
};

/** Parses the variable's value. Messages name the destination's index and field, never its URL. */
export function parseDestinations(raw: string | undefined): Destination[] {
  if (raw === undefined || raw.trim() === '') throw new ForwarderConfigError('not set');
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new ForwarderConfigError('not valid JSON');
  }
  if (!Array.isArray(value) || value.length === 0)
    throw new ForwarderConfigError('must be a non-empty JSON array of destinations');
  return value.map((d: unknown, i): Destination => {
    const where = `destination ${i}`;
    if (d === null || typeof d !== 'object') throw new ForwarderConfigError(`${where} is not an object`);
    const o = d as Record<string, unknown>;
    if (typeof o.url !== 'string') throw new ForwarderConfigError(`${where} has no url`);
    checkWebhookUrl(o.url, where);
    const chat = chatOf({ ...o, url: o.url }, where);
    if (o.topics === undefined) return chat;
    if (!Array.isArray(o.topics) || !o.topics.every((t) => typeof t === 'string' && /^[A-Za-z0-9_.-]{1,256}$/.test(t)))
      throw new ForwarderConfigError(`${where}.topics must be a list of topic names`);
    return { ...chat, topics: o.topics as string[] };
  });
}

/** The chat-specific part of one destination. */
function chatOf(o: Record<string, unknown> & { url: string }, where: string): Destination {
  switch (o.chat) {
    case 'slack':
      return {
        chat: 'slack',
        url: o.url,
        mentions: strings(o.mentions, where, SLACK_MENTION, 'here, channel, everyone or a Slack user/group id'),
        channel: optional(o.channel, `${where}.channel`, /^[#@]?[A-Za-z0-9._-]{1,80}$/),
      };
    case 'discord':
      return {
        chat: 'discord',
        url: o.url,
        mentions: strings(o.mentions, where, DISCORD_MENTION, 'here, everyone, a user id or &role id'),
        threadId: optional(o.threadId, `${where}.threadId`, /^\d{5,25}$/),
      };
    case 'teams': {
      const list = o.mentions === undefined ? [] : o.mentions;
      if (!Array.isArray(list)) throw new ForwarderConfigError(`${where}.mentions must be a list`);
      return {
        chat: 'teams',
        url: o.url,
        mentions: list.map((m: unknown, j) => {
          const r = (m ?? {}) as Record<string, unknown>;
          if (typeof r.id !== 'string' || !TEAMS_ID.test(r.id) || typeof r.name !== 'string' || r.name.length > 100)
            throw new ForwarderConfigError(`${where}.mentions[${j}] needs an id (UPN or object id) and a name`);
          return { id: r.id, name: r.name };
        }),
      };
    }
    case 'googleChat':
      return {
        chat: 'googleChat',
        url: o.url,
        mentions: strings(o.mentions, where, GOOGLE_MENTION, 'all or a Google Chat user id'),
        threadKey: optional(o.threadKey, `${where}.threadKey`, /^[A-Za-z0-9._-]{1,64}$/),
      };
    default:
      throw new ForwarderConfigError(`${where}.chat must be slack, discord, teams or googleChat`);
  }
}

/** Whether a destination takes the alarms of the topic with this ARN (or of any, when the ARN is unknown). */
export function servesTopic(d: Destination, topicArn: string | undefined): boolean {
  if (d.topics === undefined || topicArn === undefined) return true;
  return d.topics.includes(topicArn.slice(topicArn.lastIndexOf(':') + 1));
}
