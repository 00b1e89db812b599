import type { Tags } from '../../model/resources';

/** An SNS topic. */
export interface TopicSpec {
  readonly kind: 'topic';
  /** For FIFO topics this ends in ".fifo". */
  readonly name: string;
  readonly displayName?: string;
  readonly kmsMasterKeyId?: string;
  readonly fifo: boolean;
  readonly tags: Tags;
}

// Adds this kind to ResourceSpec (model/resources.ts) without model/ importing the kind.
declare module '../../model/resources' {
  interface ResourceSpecs {
    readonly topic: TopicSpec;
  }
}
