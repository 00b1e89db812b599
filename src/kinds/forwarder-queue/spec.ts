import type { Tags } from '../../model/resources';

/** The queue that keeps the events the forwarder failed to deliver. */
export interface ForwarderQueueSpec {
  readonly kind: 'forwarderQueue';
  readonly name: string;
  readonly messageRetentionSeconds: number;
  readonly tags: Tags;
}
