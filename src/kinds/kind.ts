import type { ResourceKey } from '../model/keys';
import type { ResourceKind, SpecOf } from '../model/resources';

/** Where a spec's identity lives: the key's name and parent, and the fields they come from. */
export interface Identity {
  readonly name: string;
  readonly parent?: string;
  readonly nameField: string;
  readonly parentField?: string;
}

/**
 * The name lists the live reader scopes its look-alike reads with (see aws/read-live.ts). A kind
 * with a list of its own adds it by declaration merging from its folder
 * (`declare module '../kind' { interface DeclaredScopes { muteRules: true } }`).
 */
export interface DeclaredScopes {
  logGroups: true;
  alarms: true;
  topics: true;
  filterLogGroups: true;
  filters: true;
  forwarderFunctions: true;
  forwarderRoles: true;
  forwarderQueues: true;
  subscriptionFunctions: true;
  subscriptionRoles: true;
}

/** One of those lists, by name. */
export type DeclaredScope = keyof DeclaredScopes;

/**
 * What the pipeline knows about a kind without calling AWS: identity, wording, display and
 * sensitivity. Pure data and pure functions only, so the model, the planner and the renderers can
 * use it; a kind's AWS calls live in its handler.ts. Imports here are type-only (or from leaf
 * modules): kinds/keys.ts loads the registry of these at start-up.
 */
export interface KindInfo<K extends ResourceKind> {
  readonly kind: K;
  /** The kind as people say it ("metric alarm"). */
  readonly label: string;
  identity(spec: SpecOf<K>): Identity;
  /**
   * The name space its names live in, when kinds share one (metric and composite alarms): names are
   * unique in it and references (`ALARM(x)`, a topic in alarm actions) resolve in it. Default: its own.
   */
  readonly nameSpace?: NameSpace;
  /** The key's name as people read it once masked, when the kind shows it its own way. */
  maskedName?(spec: SpecOf<K>, mask: (value: string) => string): string;
  /** Said on a delete: what deleting it throws away. Absent when nothing is lost. */
  readonly deleteLoses?: string;
  /** Said on a replacement or rename: the resource's history (state changes, metric data) is lost. */
  readonly hasHistory: boolean;
  /** The field that names it; a rename is a delete and a create that differ only there. None: no renames. */
  readonly renameField?: string;
  /**
   * A rename removes the old one before the new one exists (one replace change), because both at once
   * would do the work twice: two metric filters count every matching line twice. Default: create first.
   */
  readonly renameDeletesFirst?: boolean;
  /** Fields people read as several lines (a composite rule one operand per line), diffed line by line. */
  readonly lineFields?: Readonly<Record<string, (value: string) => readonly string[] | undefined>>;
  /** Paths the resource's own data makes sensitive beyond its tags (a web hook's URL). */
  sensitivePaths?(spec: SpecOf<K>, liveOnly: boolean): string[];
  /** The ARN AWS gives a resource of this key, when it is a fixed form of the name. */
  arn?(key: ResourceKey, accountId: string): string | undefined;
  /** The names this spec adds to the reader's scope (unowned look-alikes read for adopt and conflicts). */
  declares?(spec: SpecOf<K>): readonly (readonly [DeclaredScope, string])[];
  /**
   * AWS's default quotas (requests per second, by "Service.Operation") of the calls its handler and
   * reader make: the applier paces itself under them (apply/rate-limiter.ts).
   */
  readonly quotas: Readonly<Record<string, number>>;
  /** The IAM actions of those calls, by how the policy may scope them (kinds/<kind>/iam.ts; iam-policy.ts). */
  readonly iam: KindIam;
  /**
   * The spec with the ARNs its form built for the placeholder account (the files cannot know the
   * account) passed through `fix`, once the account is known (config/load.ts withAccountId).
   */
  withAccount?(spec: SpecOf<K>, fix: (arn: string) => string): SpecOf<K>;
  /** Show its lineFields as their lines on a create too (a dashboard's widgets), not one value. */
  readonly linesOnCreate?: boolean;
  /** The same resource as the current stack would name it, when ownership is in the name (metric filters). */
  renamedForStack?(spec: SpecOf<K>, formerStack: string, stack: string): SpecOf<K>;
}

/** A name space, as references name it and people read it. */
export interface NameSpace {
  readonly id: string;
  readonly label: string;
  /** Added to "not declared in any file" for a reference that may name something else. */
  readonly referenceHint?: string;
}

/** The table from kind to its info; the registry in kinds/registry.ts fills it. */
export type KindTable = { readonly [K in ResourceKind]: KindInfo<K> };

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
  /** A condition every request must meet as well (e.g. iam:PassedToService); a function when it names the stack. */
  readonly condition?: IamCondition | ((at: IamScope) => IamCondition);
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
