/**
 * A log group's data-protection policy: AWS allows one per log group and keys it by the log group,
 * so the log group's name is its identity. The document is held as canonical JSON (keys sorted, two
 * spaces) so a live document and a built one compare equal whatever order AWS answers in.
 */
export interface DataProtectionPolicySpec {
  readonly kind: 'dataProtectionPolicy';
  readonly logGroupName: string;
  /** The policy document, canonical (document.ts canonicalDocument). */
  readonly document: string;
}

// Adds the kind to ResourceSpec (model/resources.ts) without model/ importing a kind.
declare module '../../model/resources' {
  interface ResourceSpecs {
    readonly dataProtectionPolicy: DataProtectionPolicySpec;
  }
}
