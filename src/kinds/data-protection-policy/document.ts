/** The policy document AWS takes (PutDataProtectionPolicy's policyDocument), built and compared. */

/** The policy language's version ("Version": the only one AWS documents). */
export const POLICY_VERSION = '2021-06-01';
/**
 * The document's Name carries the owning stack, `monitors.<stack>` (as a metric filter's name does):
 * the policy has no tag, and its log group's tag cannot tell a policy the stack put from one made by
 * hand later on the same log group, which must never be deleted.
 */
export const policyMark = (stack: string): string => `monitors.${stack}`;

/** The stack a document's Name marks, or undefined for a Name monitors did not write. */
export function markedOwner(document: string): string | undefined {
  try {
    const name = (JSON.parse(document) as { Name?: unknown }).Name;
    return typeof name === 'string' && name.startsWith('monitors.') ? name.slice('monitors.'.length) : undefined;
  } catch {
    return undefined;
  }
}
export const AUDIT_SID = 'audit-policy';
export const REDACT_SID = 'redact-policy';

/** Where audit findings go (FindingsDestination), as AWS spells it. */
export interface FindingsDestination {
  readonly CloudWatchLogs?: { readonly LogGroup: string };
  readonly S3?: { readonly Bucket: string };
  readonly Firehose?: { readonly DeliveryStream: string };
}

/** What the files say of a policy, before it is a document. */
export interface PolicyParts {
  readonly name: string;
  readonly description?: string;
  readonly identifierArns: readonly string[];
  readonly findings: FindingsDestination;
}

type Json = null | boolean | number | string | readonly Json[] | { readonly [k: string]: Json };

function sorted(value: Json): Json {
  if (Array.isArray(value)) return (value as readonly Json[]).map(sorted);
  if (value !== null && typeof value === 'object') {
    const obj = value as { readonly [k: string]: Json };
    return Object.fromEntries(
      Object.keys(obj)
        .sort()
        .map((k) => [k, sorted(obj[k] as Json)]),
    );
  }
  return value;
}

/**
 * A document as JSON with its keys sorted, two spaces a level: what is compared and shown line by
 * line. A text that is not JSON is kept as it is (a diff shows it whole).
 */
export function canonicalDocument(text: string): string {
  try {
    return JSON.stringify(sorted(JSON.parse(text) as Json), null, 2);
  } catch {
    return text;
  }
}

/** The two statements AWS's console writes: audit (findings) and redact (mask), over the same identifiers. */
export function buildDocument(p: PolicyParts): string {
  const ids = [...new Set(p.identifierArns)].sort();
  const doc = {
    Name: p.name,
    ...(p.description !== undefined ? { Description: p.description } : {}),
    Version: POLICY_VERSION,
    Statement: [
      { Sid: AUDIT_SID, DataIdentifier: ids, Operation: { Audit: { FindingsDestination: p.findings } } },
      { Sid: REDACT_SID, DataIdentifier: ids, Operation: { Deidentify: { MaskConfig: {} } } },
    ],
  };
  return canonicalDocument(JSON.stringify(doc));
}

/** The parts of a document in the shape buildDocument writes, or undefined for any other. */
export function partsOf(document: string): PolicyParts | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(document);
  } catch {
    return undefined;
  }
  const d = doc as {
    Name?: unknown;
    Description?: unknown;
    Statement?: { Sid?: unknown; DataIdentifier?: unknown; Operation?: Record<string, unknown> }[];
  };
  if (typeof d.Name !== 'string' || !Array.isArray(d.Statement) || d.Statement.length !== 2) return undefined;
  const audit = d.Statement.find((s) => s.Operation?.Audit !== undefined);
  const redact = d.Statement.find((s) => s.Operation?.Deidentify !== undefined);
  if (!audit || !redact || !Array.isArray(audit.DataIdentifier)) return undefined;
  const findings = (audit.Operation?.Audit as { FindingsDestination?: FindingsDestination }).FindingsDestination ?? {};
  const parts: PolicyParts = {
    name: d.Name,
    ...(typeof d.Description === 'string' ? { description: d.Description } : {}),
    identifierArns: audit.DataIdentifier as string[],
    findings,
  };
  // Only a document this shape rebuilds exactly is one the files can write.
  return buildDocument(parts) === canonicalDocument(document) ? parts : undefined;
}
