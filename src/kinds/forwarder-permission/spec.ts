/** The forwarder's resource policy statement letting SNS invoke it for one topic. */
export interface ForwarderPermissionSpec {
  readonly kind: 'forwarderPermission';
  readonly functionName: string;
  readonly topicName: string;
}
