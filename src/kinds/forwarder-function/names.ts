/**
 * The names of a stack's chat forwarder in one region. One forwarder per stack and region serves
 * every chat destination, so its names come from the stack and the region alone; AWS's length limits
 * (function and role 64, queue 80) are kept by cutting and adding a short hash of the full name,
 * so two long stack names never meet. IAM roles are global: the role's name carries the region.
 */
import { createHash } from 'crypto';

/** Roles of forwarders live under this IAM path, which their reader lists (ListRoles PathPrefix). */
export const FORWARDER_ROLE_PATH = '/monitors/';
/**
 * The permissions boundary every forwarder role is created with: a managed policy the setup template
 * (`monitors roles-template`) makes once per account. The apply role may create a role or put its
 * inline policy only with this boundary on it, so no inline policy can give the role more than the
 * boundary allows (forwarder-role/policy.ts boundaryDocument).
 */
export const FORWARDER_BOUNDARY_PATH = '/monitors/';
export const FORWARDER_BOUNDARY_NAME = 'monitors-forwarder-boundary';
/** The boundary policy's ARN in an account (the path and name as IAM shows them after ":policy"). */
export const forwarderBoundaryArn = (account: string): string =>
  `arn:aws:iam::${account}:policy${FORWARDER_BOUNDARY_PATH}${FORWARDER_BOUNDARY_NAME}`;

/** Every forwarder name starts with this: readers list only names with it. */
export const FORWARDER_PREFIX = 'monitors-';

function fit(name: string, max: number): string {
  if (name.length <= max) return name;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 8);
  return `${name.slice(0, max - 9)}-${hash}`;
}

export interface ForwarderNames {
  readonly function: string;
  readonly role: string;
  readonly queue: string;
  readonly logGroup: string;
}

/** The log group Lambda writes a function's logs to. */
export function logGroupOf(functionName: string): string {
  return `/aws/lambda/${functionName}`;
}

/** The forwarder's names for a stack in a region. */
export function forwarderNames(stack: string, region: string): ForwarderNames {
  const fn = fit(`${FORWARDER_PREFIX}${stack}-chat`, 64);
  return {
    function: fn,
    role: fit(`${FORWARDER_PREFIX}${stack}-chat-${region || 'region'}`, 64),
    queue: fit(`${FORWARDER_PREFIX}${stack}-chat-failed`, 80),
    logGroup: logGroupOf(fn),
  };
}

/** The statement id of the permission letting a topic invoke the forwarder (at most 100 characters). */
export function permissionStatementId(topicName: string): string {
  return fit(`sns-${topicName}`, 100);
}
