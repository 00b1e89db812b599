import type { ServicePack } from '../types';
import { arnResource, fixed, none, recommendations } from './shared';

const count = (key: string, intent: string) =>
  ({
    key,
    stat: 'Sum',
    threshold: fixed(0),
    op: '>',
    period: 60,
    of: [5, 5],
    missing: 'notBreaching',
    intent,
  }) as const;

/** Amazon SNS: per topic. */
export const sns: ServicePack = {
  service: 'sns',
  title: 'Amazon SNS',
  noun: ['topic', 'topics'],
  discovery: { via: 'tagging-api', resourceType: 'sns' },
  dimensions: (arn) => (arn.split(':')[2] === 'sns' ? { TopicName: arnResource(arn) } : undefined),
  name: (arn) => arnResource(arn),
  iam: ['tag:GetResources'],
  recommendations: recommendations('Amazon SNS', 'AWS/SNS', [
    {
      key: 'NumberOfMessagesPublished',
      stat: 'Sum',
      threshold: none('the least traffic the topic should see; learn it from its history'),
      op: '<',
      period: 60,
      of: [5, 5],
      intent: 'Publishing dropped below what the topic normally receives.',
    },
    {
      key: 'NumberOfNotificationsDelivered',
      stat: 'Sum',
      threshold: none('the least number of deliveries the topic should make'),
      op: '<',
      period: 60,
      of: [5, 5],
      intent: 'Deliveries to subscribers dropped.',
    },
    {
      key: 'NumberOfNotificationsFailed',
      stat: 'Sum',
      threshold: none('the number of failed deliveries you tolerate'),
      op: '>',
      period: 60,
      of: [5, 5],
      missing: 'notBreaching',
      intent: 'Deliveries to subscribers failing.',
    },
    count(
      'NumberOfNotificationsFilteredOut-InvalidAttributes',
      'Messages dropped because their attributes are not valid for a filter policy.',
    ),
    count(
      'NumberOfNotificationsFilteredOut-InvalidMessageBody',
      'Messages dropped because their body is not valid for a filter policy.',
    ),
    count('NumberOfNotificationsRedrivenToDlq', 'Messages moved to a dead-letter queue after failing delivery.'),
    count(
      'NumberOfNotificationsFailedToRedriveToDlq',
      'Messages that could not even be moved to the dead-letter queue.',
    ),
  ]),
};
