import type { Tags } from '../../model/resources';

/** A CloudWatch Logs log group. */
export interface LogGroupSpec {
  readonly kind: 'logGroup';
  readonly name: string;
  /** Days; undefined means "never expire". */
  readonly retentionInDays?: number;
  readonly kmsKeyId?: string;
  readonly tags: Tags;
}

// Adds this kind to ResourceSpec (model/resources.ts) without model/ importing the kind.
declare module '../../model/resources' {
  interface ResourceSpecs {
    readonly logGroup: LogGroupSpec;
  }
}
