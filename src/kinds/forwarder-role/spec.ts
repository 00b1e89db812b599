import type { Tags } from '../../model/resources';

/** The forwarder's execution role: trusted by Lambda, allowed only what the function does. */
export interface ForwarderRoleSpec {
  readonly kind: 'forwarderRole';
  readonly name: string;
  /** The service principal that may assume it. */
  readonly trustedService: string;
  /** Its permissions boundary's path and name (e.g. /monitors/monitors-forwarder-boundary), or "" for none. */
  readonly boundary: string;
  /** The inline policy, as sorted "action resource" lines (the resource by name: log group, queue). */
  readonly permissions: readonly string[];
  readonly tags: Tags;
}

// Adds this kind to ResourceSpec (model/resources.ts) without model/ importing the kind.
declare module '../../model/resources' {
  interface ResourceSpecs {
    readonly forwarderRole: ForwarderRoleSpec;
  }
}
