import type { KindInfo } from '../kind';
import { subscriptionIam } from './iam';

const WEB = new Set(['http', 'https']);
/** Protocols whose endpoint is an ARN the account already shows to anyone who can read it. */
const PUBLIC_ENDPOINT = new Set(['sqs', 'lambda']);

/**
 * SNS subscriptions: keyed by "protocol:endpoint" under their topic, owned through it. Their ARN is
 * random (only AWS's answer has it), and an endpoint may be a secret.
 */
export const subscriptionInfo: KindInfo<'subscription'> = {
  kind: 'subscription',
  label: 'subscription',
  identity: (spec) => ({
    name: `${spec.protocol}:${spec.endpoint}`,
    parent: spec.topicName,
    nameField: 'endpoint',
    parentField: 'topicName',
  }),
  // A masked URL already starts with its scheme, which is the protocol: no need to say it twice.
  maskedName(spec, mask) {
    const masked = mask(spec.endpoint);
    return masked.startsWith(`${spec.protocol}://`) ? masked : `${spec.protocol}:${masked}`;
  },
  hasHistory: false,
  lineFields: {
    filterPolicy(value) {
      try {
        return JSON.stringify(JSON.parse(value), null, 2).split('\n');
      } catch {
        return undefined;
      }
    },
  },
  // A web hook's URL carries its credential in the path. A subscription no file declares any more
  // (liveOnly) says nowhere where its address came from: treated as a possible old secret.
  sensitivePaths(spec, liveOnly) {
    if (WEB.has(spec.protocol)) return ['endpoint'];
    return liveOnly && !PUBLIC_ENDPOINT.has(spec.protocol) ? ['endpoint'] : [];
  },
  iam: subscriptionIam,
  quotas: {
    'SNS.Subscribe': 10,
    'SNS.Unsubscribe': 10,
    'SNS.SetSubscriptionAttributes': 10,
  },
};
