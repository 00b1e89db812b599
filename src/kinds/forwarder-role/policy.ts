/**
 * The role's two documents in both directions: the spec's readable form ("action resource" lines,
 * the resource named inside this account and region) and the IAM JSON. Reading turns anything the
 * tool would not have written (another action, a condition, a Deny) into a line of its own, so drift
 * shows in the plan instead of being ignored.
 */

import { FORWARDER_PREFIX } from '../forwarder-function/names';

const POLICY_VERSION = '2012-10-17';

/** The inline policy's name on the role. */
export const INLINE_POLICY = 'monitors-forwarder';

/**
 * The forwarder roles' permissions boundary (the managed policy the setup template makes): what any
 * forwarder may ever do, whatever its inline policy says. Exactly what forwarderRolePermissions grants,
 * for every forwarder of the account: write its own log streams, and send to its own failure queue.
 */
export function boundaryDocument(account: string): Record<string, unknown> {
  return {
    Version: POLICY_VERSION,
    Statement: [
      {
        Sid: 'ForwarderLogs',
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: `arn:aws:logs:*:${account}:log-group:/aws/lambda/${FORWARDER_PREFIX}*:*`,
      },
      {
        Sid: 'ForwarderFailureQueue',
        Effect: 'Allow',
        Action: ['sqs:SendMessage'],
        Resource: `arn:aws:sqs:*:${account}:${FORWARDER_PREFIX}*`,
      },
    ],
  };
}

/** The trust policy letting one service assume the role. */
export function trustDocument(service: string): string {
  return JSON.stringify({
    Version: POLICY_VERSION,
    Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }],
  });
}

/** The service a trust document lets assume the role, or a description of what else it says. */
export function trustedServiceOf(document: string | undefined): string {
  const doc = parse(document);
  const statements = list(doc?.Statement);
  const only = statements[0] as Record<string, unknown> | undefined;
  const principal = (only?.Principal ?? {}) as Record<string, unknown>;
  if (statements.length === 1 && only?.Effect === 'Allow' && only.Condition === undefined) {
    const services = list(principal.Service);
    if (services.length === 1 && Object.keys(principal).length === 1 && typeof services[0] === 'string')
      return services[0];
  }
  return '(a trust policy monitors did not write)';
}

/** The inline policy's JSON for the spec's lines, in this account and region. */
export function policyDocument(lines: readonly string[], region: string, account: string): string {
  return JSON.stringify({
    Version: POLICY_VERSION,
    Statement: lines.map((line) => {
      const [action = '', resource = ''] = line.split(' ');
      const service = action.split(':')[0] ?? '';
      return { Effect: 'Allow', Action: action, Resource: `arn:aws:${service}:${region}:${account}:${resource}` };
    }),
  });
}

/** The spec's lines for an inline policy's JSON read from IAM. */
export function policyLines(document: string | undefined, region: string, account: string): string[] {
  const doc = parse(document);
  const out: string[] = [];
  for (const st of list(doc?.Statement) as Record<string, unknown>[]) {
    const actions = list(st.Action).map(String);
    const resources = list(st.Resource).map(String);
    if (st.NotAction !== undefined || st.NotResource !== undefined || actions.length === 0)
      out.push('(a statement monitors did not write)');
    for (const action of actions)
      for (const resource of resources) {
        const service = action.split(':')[0] ?? '';
        const local = `arn:aws:${service}:${region}:${account}:`;
        const named = resource.startsWith(local) ? resource.slice(local.length) : resource;
        const deny = st.Effect === 'Allow' ? '' : 'deny ';
        const cond = st.Condition === undefined ? '' : ' (with a condition)';
        out.push(`${deny}${action} ${named}${cond}`);
      }
  }
  return [...new Set(out)].sort();
}

function parse(document: string | undefined): Record<string, unknown> | undefined {
  if (document === undefined) return undefined;
  try {
    // IAM answers with the document URL-encoded.
    return JSON.parse(decodeURIComponent(document)) as Record<string, unknown>;
  } catch {
    try {
      return JSON.parse(document) as Record<string, unknown>;
    } catch {
      return undefined;
    }
  }
}

function list(v: unknown): unknown[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}
