/** An SNS subscription, under its topic. */
export type SubscriptionProtocol = 'email' | 'email-json' | 'sms' | 'https' | 'http' | 'lambda' | 'sqs';

export interface SubscriptionSpec {
  readonly kind: 'subscription';
  readonly topicName: string;
  readonly protocol: SubscriptionProtocol;
  /** Email lower-cased in the domain part; may be a secret (see Secrets). */
  readonly endpoint: string;
  /** Canonical JSON (keys sorted) or undefined. */
  readonly filterPolicy?: string;
  readonly rawMessageDelivery: boolean;
}

// Adds this kind to ResourceSpec (model/resources.ts) without model/ importing the kind.
declare module '../../model/resources' {
  interface ResourceSpecs {
    readonly subscription: SubscriptionSpec;
  }
}
