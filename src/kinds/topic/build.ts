import { excerpt } from '../../model';
import { blankToUndefined, canonicalJson, normalizeEmail } from '../../model/normalize';
import { under } from '../../shared/sensitive-fields';
import type { YamlForm } from '../build';
import {
  CHAT_KEYS,
  chatDestination,
  chatOfEntry,
  pushForwarder,
  type DeclaredDestination,
} from '../forwarder-function/build';
import { SUBSCRIPTION_FIELDS } from '../subscription/fields';
import { TOPIC_FIELDS } from './fields';
import type { SubscriptionProtocol } from '../specs';

const PROTOCOLS: readonly SubscriptionProtocol[] = ['email', 'email-json', 'sms', 'https', 'http', 'lambda', 'sqs'];
/** Keys only a chat destination has. */
const CHAT_OPTIONS = ['mentions', 'channel', 'threadId', 'threadKey'] as const;

/** `topics:`: each topic, and the subscriptions written under it (one protocol key each). */
export const topicsForm: YamlForm = {
  key: 'topics',
  proseKeys: ['filterPolicy'],
  build(ctx, raw) {
    const chats: DeclaredDestination[] = [];
    raw.topics?.forEach((t, i) => {
      const path = ['topics', i];
      const fifo = t.fifo ?? t.name.endsWith('.fifo');
      if (fifo !== t.name.endsWith('.fifo')) {
        ctx.error(
          'SCHEMA',
          fifo
            ? `FIFO topic ${excerpt(t.name)} must have a name ending in .fifo`
            : `topic ${excerpt(t.name)} ends in .fifo but fifo is false`,
          ctx.at([...path, 'name']),
        );
      }
      ctx.push(
        {
          spec: {
            kind: 'topic',
            name: t.name,
            displayName: blankToUndefined(t.displayName),
            kmsMasterKeyId: blankToUndefined(t.kmsKey),
            fifo,
            tags: ctx.tagsFor(t.tags, path),
          },
          source: ctx.locateKey(path),
        },
        TOPIC_FIELDS,
        path,
      );
      const topicNameSecret = ctx.envUses.some((u) => under(u.path, [...path, 'name'])) ? ['topicName'] : [];
      t.subscriptions?.forEach((s, j) => {
        const subPath = [...path, 'subscriptions', j];
        const chat = chatOfEntry(s);
        const given = [...PROTOCOLS.filter((p) => s[p] !== undefined), ...chat];
        if (given.length !== 1) {
          ctx.error(
            'SCHEMA',
            given.length === 0
              ? `subscription needs one of ${[...PROTOCOLS, ...CHAT_KEYS].join(', ')}`
              : `subscription has ${given.join(' and ')}; give exactly one protocol or chat per subscription`,
            ctx.at(subPath),
          );
          return;
        }
        if (chat[0] !== undefined) {
          // Chats go through the stack's forwarder (a Lambda function), which SNS FIFO topics cannot invoke.
          if (fifo) {
            ctx.error(
              'SCHEMA',
              `a FIFO topic delivers only to SQS queues, so it cannot send alarms to ${chat[0]}: put the chat on a standard topic`,
              ctx.at([...subPath, chat[0]]),
            );
            return;
          }
          const d = chatDestination(ctx, s, chat[0], subPath, t.name);
          if (d) chats.push(d);
          return;
        }
        const misplaced = CHAT_OPTIONS.find((k) => s[k] !== undefined);
        if (misplaced !== undefined) {
          ctx.error(
            'SCHEMA',
            `${misplaced} applies to chat destinations (${CHAT_KEYS.join(', ')}), not to ${given[0]} subscriptions`,
            ctx.at([...subPath, misplaced]),
          );
          return;
        }
        const protocol = given[0] as SubscriptionProtocol;
        const endpoint = s[protocol] as string;
        ctx.push(
          {
            spec: {
              kind: 'subscription',
              topicName: t.name,
              protocol,
              endpoint: protocol === 'email' || protocol === 'email-json' ? normalizeEmail(endpoint) : endpoint,
              filterPolicy: s.filterPolicy ? canonicalJson(s.filterPolicy) : undefined,
              rawMessageDelivery: s.rawMessageDelivery ?? false,
            },
            source: ctx.at(subPath),
          },
          SUBSCRIPTION_FIELDS,
          subPath,
          topicNameSecret,
        );
      });
    });
    pushForwarder(ctx, chats);
  },
};
