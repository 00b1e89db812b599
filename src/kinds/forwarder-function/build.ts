/**
 * The chat destinations form: under a topic's `subscriptions:`, an entry `slack: <webhook URL>`
 * (or `discord:`, `teams:`, `googleChat:`) with optional `mentions:` and the chat's own thread or
 * channel option. Chats cannot be SNS endpoints (they never confirm a subscription), so the stack
 * gets one forwarder per region serving every destination, derived here: the function, its role,
 * its failure queue, its log group, and per topic the invoke permission and the `lambda`
 * subscription. The webhook URL is a credential: sensitive wherever it goes, whether or not it
 * came from `${env:}`.
 */
import { SENSITIVE_TAG, encodeSensitiveTag, type DesiredResource, type SourceLocation } from '../../model';
import type { RawSubscription } from '../../shared/raw';
import type { PathSegment } from '../../shared/source-types';
import { under } from '../../shared/sensitive-fields';
import {
  DISCORD_MENTION,
  ForwarderConfigError,
  GOOGLE_MENTION,
  SLACK_MENTION,
  TEAMS_ID,
  checkWebhookUrl,
} from '../../forwarder/config';
import { PLACEHOLDER_ACCOUNT } from '../shared/alarm-actions-build';
import type { BuildContext } from '../build';
import { forwarderCode } from './code';
import { FORWARDER_FIELDS } from './fields';
import { FORWARDER_BOUNDARY_NAME, FORWARDER_BOUNDARY_PATH, forwarderNames } from './names';
import type { ChatDestinationSpec, ForwarderFunctionSpec } from '../specs';

type Chat = ChatDestinationSpec['chat'];

/** The chat keys of a subscription entry, as people write them. */
export const CHAT_KEYS: readonly Chat[] = ['slack', 'discord', 'teams', 'googleChat'];

/** Each chat's name as people know it. */
export const CHAT_LABEL: Readonly<Record<Chat, string>> = {
  slack: 'Slack',
  discord: 'Discord',
  teams: 'Microsoft Teams',
  googleChat: 'Google Chat',
};

/** The option each chat has for where in it a message goes, if any. */
const PLACE_OPTION: Readonly<Record<Chat, 'channel' | 'threadId' | 'threadKey' | undefined>> = {
  slack: 'channel',
  discord: 'threadId',
  teams: undefined,
  googleChat: 'threadKey',
};
const PLACE_OPTIONS = ['channel', 'threadId', 'threadKey'] as const;

const MENTION_HELP: Readonly<Record<Chat, string>> = {
  slack: 'here, channel, everyone, or a Slack user (U…/W…) or user-group (S…) id',
  discord: 'here, everyone, a user id, or a role id written &id',
  teams: '{ id: <UPN or Entra object id>, name: <display name> }',
  googleChat: 'all, or a Google Chat user id (digits)',
};

const LAMBDA_TIMEOUT_SECONDS = 60;
const LAMBDA_MEMORY_MB = 128;
const RETRY_ATTEMPTS = 2;
/** SQS's longest: a failed alarm waits two weeks for a person. */
const QUEUE_RETENTION_SECONDS = 1_209_600;
const LOG_RETENTION_DAYS = 30;

/** A chat destination read from one subscription entry, before it gets its key. */
export interface DeclaredDestination {
  readonly spec: ChatDestinationSpec;
  readonly location: SourceLocation;
  /** Whether a `${env:}` value fed its mentions or place option (the URL is always sensitive). */
  readonly secretOptions: boolean;
}

/** The chat of an entry, when it has a chat key. */
export function chatOfEntry(s: RawSubscription): Chat[] {
  return CHAT_KEYS.filter((k) => s[k] !== undefined);
}

/**
 * One chat entry as a destination, every mistake reported at its file:line:column. The URL's value is
 * never quoted: a message located in a `${env:}` value is withheld by the loader anyway.
 */
export function chatDestination(
  ctx: BuildContext,
  s: RawSubscription,
  chat: Chat,
  path: PathSegment[],
  topic: string,
): DeclaredDestination | undefined {
  let ok = true;
  const url = s[chat] as string;
  try {
    if (!ctx.pending([...path, chat])) checkWebhookUrl(url, chat, ctx.loopbackWebhooks);
  } catch (e) {
    if (!(e instanceof ForwarderConfigError)) throw e;
    ok = false;
    ctx.error(
      'SCHEMA',
      `${CHAT_LABEL[chat]} webhook must be an https URL with no user in it (plain http only to 127.0.0.1, localhost or [::1], and only in a run against an emulator: --endpoint-url)`,
      ctx.at([...path, chat]),
    );
  }
  for (const key of ['filterPolicy', 'rawMessageDelivery'] as const) {
    if (s[key] === undefined) continue;
    ok = false;
    ctx.error(
      'SCHEMA',
      `${key} applies to SNS subscriptions; a ${chat} destination receives every alarm of its topic`,
      ctx.at([...path, key]),
    );
  }
  const place = PLACE_OPTION[chat];
  for (const key of PLACE_OPTIONS) {
    if (s[key] === undefined || key === place) continue;
    ok = false;
    ctx.error(
      'SCHEMA',
      place
        ? `${CHAT_LABEL[chat]} destinations take ${place}, not ${key}`
        : `${CHAT_LABEL[chat]} webhooks post to their own channel: ${key} does not apply`,
      ctx.at([...path, key]),
    );
  }
  const mentions: string[] = [];
  (s.mentions ?? []).forEach((m, i) => {
    const at = ctx.at([...path, 'mentions', i]);
    const bad = () => {
      ok = false;
      ctx.error('SCHEMA', `${CHAT_LABEL[chat]} cannot mention this: a mention is ${MENTION_HELP[chat]}`, at);
    };
    if (chat === 'teams') {
      if (typeof m !== 'object' || !TEAMS_ID.test(m.id) || m.name.length === 0 || m.name.length > 100) return bad();
      mentions.push(`${m.name} <${m.id}>`);
      return;
    }
    const pattern = chat === 'slack' ? SLACK_MENTION : chat === 'discord' ? DISCORD_MENTION : GOOGLE_MENTION;
    if (typeof m !== 'string' || !pattern.test(m)) return bad();
    mentions.push(m);
  });
  if (!ok) return undefined;
  const secretOptions = ctx.envUses.some((u) => {
    const rel = under(u.path, path);
    return rel !== undefined && rel[0] !== chat;
  });
  return {
    spec: {
      chat,
      url,
      mentions: [...new Set(mentions)].sort(),
      ...(place && s[place] !== undefined ? { [place]: s[place] } : {}),
      topic,
    },
    location: ctx.at(path),
    secretOptions,
  };
}

/** The destinations keyed "<chat>@<topic>", then "+2", "+3" for more of one chat on one topic. */
export function keyed(destinations: readonly DeclaredDestination[]): Map<string, DeclaredDestination> {
  const out = new Map<string, DeclaredDestination>();
  for (const d of destinations) {
    const base = `${d.spec.chat}@${d.spec.topic}`;
    let key = base;
    for (let n = 2; out.has(key); n++) key = `${base}+${n}`;
    out.set(key, d);
  }
  return out;
}

/** The spec paths of a function's destinations that are secrets: every URL, and options from `${env:}`. */
function sensitivePaths(destinations: ReadonlyMap<string, DeclaredDestination>): string[] {
  return [...destinations].map(([key, d]) => (d.secretOptions ? `destinations.${key}` : `destinations.${key}.url`));
}

/**
 * Pushes the forwarder and everything around it for one file's chat destinations. Several files may
 * each declare some: mergeForwarders joins them into the stack's one forwarder.
 */
export function pushForwarder(ctx: BuildContext, destinations: readonly DeclaredDestination[]): void {
  if (destinations.length === 0) return;
  const first = destinations[0] as DeclaredDestination;
  const names = forwarderNames(ctx.stack.name, ctx.stack.region);
  const code = forwarderCode();
  const byKey = keyed(destinations);
  // Derived resources take the stack's tags; their own tags have no place in YAML.
  const tags = ctx.tagsFor(undefined, []);
  const source = first.location;
  const nowhere = ['(forwarder)'];
  const fn: ForwarderFunctionSpec = {
    kind: 'forwarderFunction',
    name: names.function,
    role: names.role,
    runtime: code.runtime,
    handler: code.handler,
    codeSha256: code.codeSha256,
    timeoutSeconds: LAMBDA_TIMEOUT_SECONDS,
    memoryMb: LAMBDA_MEMORY_MB,
    destinations: Object.fromEntries([...byKey].map(([k, d]) => [k, d.spec])),
    onFailureQueue: names.queue,
    maximumRetryAttempts: RETRY_ATTEMPTS,
    tags,
  };
  ctx.push({ spec: fn, source }, FORWARDER_FIELDS, nowhere, sensitivePaths(byKey));
  ctx.push(
    {
      spec: {
        kind: 'forwarderRole',
        name: names.role,
        trustedService: 'lambda.amazonaws.com',
        boundary: `${FORWARDER_BOUNDARY_PATH}${FORWARDER_BOUNDARY_NAME}`,
        permissions: forwarderRolePermissions(names.logGroup, names.queue),
        tags,
      },
      source,
    },
    FORWARDER_FIELDS,
    nowhere,
  );
  ctx.push(
    {
      spec: { kind: 'forwarderQueue', name: names.queue, messageRetentionSeconds: QUEUE_RETENTION_SECONDS, tags },
      source,
    },
    FORWARDER_FIELDS,
    nowhere,
  );
  ctx.push(
    { spec: { kind: 'logGroup', name: names.logGroup, retentionInDays: LOG_RETENTION_DAYS, tags }, source },
    FORWARDER_FIELDS,
    nowhere,
  );
  const functionArn = `arn:aws:lambda:${ctx.stack.region}:${PLACEHOLDER_ACCOUNT}:function:${names.function}`;
  const topics = new Map<string, SourceLocation>();
  for (const d of destinations) if (!topics.has(d.spec.topic)) topics.set(d.spec.topic, d.location);
  for (const [topic, at] of topics) {
    ctx.push(
      { spec: { kind: 'forwarderPermission', functionName: names.function, topicName: topic }, source: at },
      FORWARDER_FIELDS,
      nowhere,
    );
    ctx.push(
      {
        spec: {
          kind: 'subscription',
          topicName: topic,
          protocol: 'lambda',
          endpoint: functionArn,
          rawMessageDelivery: false,
        },
        source: at,
      },
      FORWARDER_FIELDS,
      nowhere,
    );
  }
}

/** The role's inline policy as the spec holds it: "action resource" lines, the resource by name. */
export function forwarderRolePermissions(logGroup: string, queue: string): string[] {
  return [
    `logs:CreateLogStream log-group:${logGroup}:*`,
    `logs:PutLogEvents log-group:${logGroup}:*`,
    `sqs:SendMessage ${queue}`,
  ].sort();
}

/**
 * The stack's one forwarder from each file's: functions of the same name become one with every
 * file's destinations (their keys name the topic, and a topic lives in one file, so none clash);
 * the role, queue and log group each file derived are the same resource and kept once.
 */
export function mergeForwarders(resources: readonly DesiredResource[]): DesiredResource[] {
  const functions = resources.filter((r) => r.spec.kind === 'forwarderFunction');
  if (functions.length <= 1) return [...resources];
  const derived = new Set(['forwarderFunction', 'forwarderRole', 'forwarderQueue']);
  const seen = new Set<string>();
  const out: DesiredResource[] = [];
  for (const r of resources) {
    const s = r.spec;
    if (s.kind === 'forwarderFunction') {
      if (seen.has(`fn:${s.name}`)) continue;
      seen.add(`fn:${s.name}`);
      const same = functions.filter((f) => f.spec.kind === 'forwarderFunction' && f.spec.name === s.name);
      const destinations = Object.assign(
        {},
        ...same.map((f) => (f.spec as ForwarderFunctionSpec).destinations),
      ) as ForwarderFunctionSpec['destinations'];
      const sensitive = [...new Set(same.flatMap((f) => f.sensitive ?? []))].sort();
      // The sensitive-paths tag is each file's own: the merged function records the union.
      const tags = {
        ...s.tags,
        ...(sensitive.length > 0 ? { [SENSITIVE_TAG]: encodeSensitiveTag(sensitive) } : {}),
      };
      out.push({ ...r, spec: { ...s, destinations, tags }, sensitive });
      continue;
    }
    const isDerivedLogGroup =
      s.kind === 'logGroup' &&
      functions.some((f) => `/aws/lambda/${(f.spec as ForwarderFunctionSpec).name}` === s.name);
    if (derived.has(s.kind) || isDerivedLogGroup) {
      const id = `${s.kind}:${'name' in s ? s.name : ''}`;
      if (seen.has(id)) continue;
      seen.add(id);
    }
    out.push(r);
  }
  return out;
}

/** The destinations of a function as its environment variable holds them (docs/forwarder.md). */
export function destinationsJson(destinations: ForwarderFunctionSpec['destinations']): string {
  const list = Object.keys(destinations)
    .sort()
    .map((key) => {
      const d = destinations[key] as ChatDestinationSpec;
      const mentions =
        d.chat === 'teams'
          ? d.mentions.map((m) => {
              const hit = /^(.*) <([^<>]+)>$/.exec(m);
              return { id: hit?.[2] ?? m, name: hit?.[1] ?? m };
            })
          : d.mentions;
      return {
        key,
        chat: d.chat,
        url: d.url,
        ...(mentions.length > 0 ? { mentions } : {}),
        ...(d.channel !== undefined ? { channel: d.channel } : {}),
        ...(d.threadId !== undefined ? { threadId: d.threadId } : {}),
        ...(d.threadKey !== undefined ? { threadKey: d.threadKey } : {}),
        topics: [d.topic],
      };
    });
  return JSON.stringify(list);
}

/** The destinations record from the environment variable's value; undefined when it is not ours. */
export function destinationsFromJson(raw: string | undefined): ForwarderFunctionSpec['destinations'] | undefined {
  if (raw === undefined) return undefined;
  let list: unknown;
  try {
    list = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (!Array.isArray(list)) return undefined;
  const out: Record<string, ChatDestinationSpec> = {};
  for (const item of list as Record<string, unknown>[]) {
    if (typeof item !== 'object' || item === null || typeof item.key !== 'string') return undefined;
    const chat = item.chat as Chat;
    if (!CHAT_KEYS.includes(chat) || typeof item.url !== 'string') return undefined;
    const raw = Array.isArray(item.mentions) ? (item.mentions as unknown[]) : [];
    const mentions = raw
      .map((m) =>
        typeof m === 'string' ? m : `${String((m as { name?: unknown }).name)} <${String((m as { id?: unknown }).id)}>`,
      )
      .sort();
    const topics = Array.isArray(item.topics) ? (item.topics as unknown[]) : [];
    out[item.key] = {
      chat,
      url: item.url,
      mentions,
      ...(typeof item.channel === 'string' ? { channel: item.channel } : {}),
      ...(typeof item.threadId === 'string' ? { threadId: item.threadId } : {}),
      ...(typeof item.threadKey === 'string' ? { threadKey: item.threadKey } : {}),
      topic: typeof topics[0] === 'string' ? topics[0] : '',
    };
  }
  return out;
}
