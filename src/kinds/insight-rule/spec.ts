import type { Tags } from '../../model/resources';

/** A CloudWatch Contributor Insights rule on log groups. */
export interface InsightRuleSpec {
  readonly kind: 'insightRule';
  /** The rule's name in AWS, as written (region-wide, like an alarm's). */
  readonly name: string;
  /** RuleState: ENABLED (true) or DISABLED. */
  readonly enabled: boolean;
  /**
   * The rule's JSON as canonical text (definition.ts canonicalDefinition): keys sorted, Schema
   * filled in, log groups sorted. AWS keeps it as a string; both sides are canonicalised so that
   * spacing and key order never read as a change. A live definition that is not JSON stays as AWS
   * answered it.
   */
  readonly definition: string;
  /** ApplyOnTransformedLogs: evaluate log events after a log group's transformer, where it has one. */
  readonly onTransformedLogs: boolean;
  readonly tags: Tags;
}

// Adds this kind to ResourceSpec (model/resources.ts) without model/ importing the kind.
declare module '../../model/resources' {
  interface ResourceSpecs {
    readonly insightRule: InsightRuleSpec;
  }
}
