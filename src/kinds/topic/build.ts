import { excerpt, type SubscriptionProtocol } from '../../model';
import { blankToUndefined, canonicalJson, normalizeEmail } from '../../model/normalize';
import { under } from '../../config/sensitive-fields';
import type { YamlForm } from '../build';
import { SUBSCRIPTION_FIELDS } from '../subscription/fields';
import { TOPIC_FIELDS } from './fields';

const PROTOCOLS: readonly SubscriptionProtocol[] = ['email', 'email-json', 'sms', 'https', 'http', 'lambda', 'sqs'];

/** `topics:`: each topic, and the subscriptions written under it (one protocol key each). */
export const topicsForm: YamlForm = {
  key: 'topics',
  proseKeys: ['filterPolicy'],
  build(ctx, raw) {
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
        const given = PROTOCOLS.filter((p) => s[p] !== undefined);
        if (given.length !== 1) {
          ctx.error(
            'SCHEMA',
            given.length === 0
              ? `subscription needs one of ${PROTOCOLS.join(', ')}`
              : `subscription has ${given.join(' and ')}; give exactly one protocol per subscription`,
            ctx.at(subPath),
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
  },
};
