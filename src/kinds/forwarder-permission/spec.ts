/** The forwarder's resource policy statement letting SNS invoke it for one topic. */
export interface ForwarderPermissionSpec {
  readonly kind: 'forwarderPermission';
  readonly functionName: string;
  readonly topicName: string;
}

// Adds this kind to ResourceSpec (model/resources.ts) without model/ importing the kind.
declare module '../../model/resources' {
  interface ResourceSpecs {
    readonly forwarderPermission: ForwarderPermissionSpec;
  }
}
