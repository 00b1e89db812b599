import type { FieldTable } from '../../shared/sensitive-fields';

/** Which spec fields each key of a topic's `subscriptions:` entry feeds (for `${env:}` values). */
export const SUBSCRIPTION_FIELDS: FieldTable = {
  email: ['endpoint'],
  'email-json': ['endpoint'],
  sms: ['endpoint'],
  http: ['endpoint'],
  https: ['endpoint'],
  lambda: ['endpoint'],
  sqs: ['endpoint'],
  filterPolicy: ['filterPolicy'],
  rawMessageDelivery: ['rawMessageDelivery'],
};
