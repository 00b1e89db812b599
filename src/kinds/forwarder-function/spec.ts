import type { Tags } from '../../model/resources';

/** One chat a forwarder posts to, as its environment holds it (docs/forwarder.md); `url` is a secret. */
export interface ChatDestinationSpec {
  readonly chat: 'slack' | 'discord' | 'teams' | 'googleChat';
  readonly url: string;
  /** Slack/Discord/Google Chat: ids or keywords; Teams: "Display Name <id>". Sorted. */
  readonly mentions: readonly string[];
  /** Slack's channel, Discord's thread id, Google Chat's thread key: whichever the chat has. */
  readonly channel?: string;
  readonly threadId?: string;
  readonly threadKey?: string;
  /** The topic whose alarms it receives. */
  readonly topic: string;
}

/** The stack's chat forwarder (a Lambda function) in one region: its code hash, settings and destinations. */
export interface ForwarderFunctionSpec {
  readonly kind: 'forwarderFunction';
  readonly name: string;
  /** Its execution role's name (kind forwarderRole). */
  readonly role: string;
  readonly runtime: string;
  readonly handler: string;
  /** Base64 sha256 of the deployment zip, as Lambda reports CodeSha256: a code change shows here. */
  readonly codeSha256: string;
  readonly timeoutSeconds: number;
  readonly memoryMb: number;
  /** Keyed "<chat>@<topic>" (then "+2", "+3" for a second one of that chat on that topic). */
  readonly destinations: Readonly<Record<string, ChatDestinationSpec>>;
  /** The on-failure destination's queue name (kind forwarderQueue) and Lambda's retries before it. */
  readonly onFailureQueue: string;
  readonly maximumRetryAttempts: number;
  readonly tags: Tags;
}

// Adds this kind to ResourceSpec (model/resources.ts) without model/ importing the kind.
declare module '../../model/resources' {
  interface ResourceSpecs {
    readonly forwarderFunction: ForwarderFunctionSpec;
  }
}
