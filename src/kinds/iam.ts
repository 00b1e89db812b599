import type { DeclaredScope } from './kind';

/** Where a policy is being printed for: the ARNs a kind's statements are scoped to come from this. */
export interface IamScope {
  /** The stack's region, or "*". */
  readonly region: string;
  /** The account the role lives in, or "*". */
  readonly account: string;
  readonly stack: string;
  /** stack.formerNames: what the stack had been called, whose leftovers it may take over. */
  readonly formerNames: readonly string[];
  /** The names the stack's files declare in a scope (see KindInfo.declares), sorted. */
  declared(scope: DeclaredScope): readonly string[];
}

/** A condition block of a policy statement, as IAM reads it. */
export type IamCondition = Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;

/** A statement a kind needs of its own: writes IAM can only scope by ARN (and a condition where one applies). */
export interface ArnScopedStatement {
  readonly sid: string;
  readonly actions: readonly string[];
  /** A condition every request must meet as well (e.g. iam:PassedToService). */
  readonly condition?: IamCondition;
  /** Where; the statement is left out when this is empty. */
  arns(at: IamScope): readonly string[];
}

/**
 * The IAM actions a kind's reader and handler call, by how the policy (iam-policy.ts) may scope them.
 * Which condition keys an action honours comes from the AWS Service Authorization Reference; a kind
 * states it here, beside the calls, so the policy holds no kind's actions.
 */
export interface KindIam {
  /** Every resource of the kind in the account and region: what reads and tag-conditioned writes are scoped to. */
  arns?(at: IamScope): readonly string[];
  /** Plan reads authorised on the kind's ARNs (listings, attributes, tag reads). */
  readonly reads?: readonly string[];
  /** Plan reads IAM only authorises on "*" (no resource type in the Service Authorization Reference). */
  readonly wildcardReads?: readonly string[];
  /** Updates and deletes of an existing resource: allowed only when it carries the stack's tag. */
  readonly ownedWrites?: readonly string[];
  /** Its service's tagging calls, when ownership is a tag: re-tag and untag are tied to the stack's tag. */
  readonly tagging?: { readonly tag: string; readonly untag: string };
  /** Creates (and adoption's first write), allowed only with the stack's tag on the request and none yet on the resource. */
  readonly creates?: readonly string[];
  /** Where creates are allowed: every name, or only the names the stack declares. */
  createArns?(at: IamScope): readonly string[];
  /**
   * Creates and owned writes that are allowed only on a principal carrying this permissions boundary
   * (condition iam:PermissionsBoundary): what stops an inline policy from widening a role the tool makes.
   */
  readonly boundary?: {
    readonly actions: readonly string[];
    /** The condition key naming the principal's boundary (iam:PermissionsBoundary). */
    readonly conditionKey: string;
    arn(at: IamScope): string;
  };
  /** Writes IAM can only scope by ARN. */
  readonly arnScoped?: ArnScopedStatement;
  /**
   * Statements on what the kind keeps beside its AWS resources (metric filters: the SSM record of the
   * ones adopted under their own names), each scoped by ARN: reads for both roles, writes for apply.
   */
  readonly ownReads?: readonly ArnScopedStatement[];
  readonly ownWrites?: readonly ArnScopedStatement[];
  /** What the policy cannot check for this kind, said plainly (printed with the apply policy; the README repeats it). */
  readonly limits?: readonly string[];
}
