import { entry, type KindUnbuild } from '../unbuild';
import type { SubscriptionSpec } from '../specs';

/** The protocols the YAML form has a key for, and the endpoints each must look like. */
const FORMS: Readonly<Record<string, RegExp>> = {
  email: /@/,
  'email-json': /@/,
  sms: /^\+[0-9]{6,15}$/,
  https: /^https:\/\//i,
  http: /^http:\/\//i,
  lambda: /^arn:aws[a-z-]*:lambda:/,
  sqs: /^arn:aws[a-z-]*:sqs:/,
};

/**
 * A subscription as written under its topic: `<protocol>: endpoint`. A web endpoint's URL can carry
 * a token, so it is never written: a `${env:NAME}` reference stands in its place.
 */
export const subscriptionUnbuild: KindUnbuild<'subscription'> = {
  section: 'subscriptions',
  unbuild(spec: SubscriptionSpec, ctx) {
    const form = FORMS[spec.protocol];
    if (!form) return { unsupported: `its protocol "${spec.protocol}" has no form in monitors files` };
    if (!form.test(spec.endpoint)) return { unsupported: `its endpoint is not a valid ${spec.protocol} endpoint` };
    const secret = spec.protocol === 'https' || spec.protocol === 'http';
    return {
      entry: entry({
        [spec.protocol]: secret
          ? ctx.secret(
              spec.endpoint,
              `${spec.topicName} ${spec.protocol}`,
              `the ${spec.protocol} endpoint subscribed to topic ${spec.topicName}`,
            )
          : spec.endpoint,
        filterPolicy: spec.filterPolicy === undefined ? undefined : JSON.parse(spec.filterPolicy),
        rawMessageDelivery: spec.rawMessageDelivery ? true : undefined,
      }),
    };
  },
};
