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
