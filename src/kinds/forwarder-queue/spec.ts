import type { Tags } from '../../model/resources';

/** The queue that keeps the events the forwarder failed to deliver. */
export interface ForwarderQueueSpec {
  readonly kind: 'forwarderQueue';
  readonly name: string;
  readonly messageRetentionSeconds: number;
  readonly tags: Tags;
}

// Adds this kind to ResourceSpec (model/resources.ts) without model/ importing the kind.
declare module '../../model/resources' {
  interface ResourceSpecs {
    readonly forwarderQueue: ForwarderQueueSpec;
  }
}
