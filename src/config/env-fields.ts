import type { PathSegment } from './source';

/**
 * Where `${env:}` may be used: the values that can hold a secret and that nothing derives a name
 * from. A secret anywhere else would travel into strings the model cannot mark (an ARN, a backtest
 * note, a warning about a namespace, a comment on a merged pull request), so every identifying
 * field (names, ARNs, namespaces, metric names, dimensions, patterns, the stack's own block) is
 * refused instead: names are never secret.
 */
const SECRET_ENDPOINTS: ReadonlySet<string> = new Set([
  'email',
  'email-json',
  'sms',
  'http',
  'https',
  'slack',
  'discord',
  'teams',
  'googleChat',
]);

/** Whether a string value at `path` (a path in a file) may come from `${env:}`. */
export function envAllowedAt(path: readonly PathSegment[]): boolean {
  const [block, index, key, ...rest] = path;
  if (block === 'stack') return index === 'tags' && key !== undefined && rest.length === 0;
  if (typeof index !== 'number') return false;
  if (key === 'description') return rest.length === 0;
  if (key === 'tags') return rest.length === 1;
  // A topic's subscription endpoint or chat webhook: `topics[i].subscriptions[j].<protocol>`.
  return (
    block === 'topics' &&
    key === 'subscriptions' &&
    rest.length === 2 &&
    typeof rest[0] === 'number' &&
    SECRET_ENDPOINTS.has(String(rest[1]))
  );
}

/** The fields that accept `${env:}`, for messages. */
export const ENV_FIELDS_HINT =
  'descriptions, tag values, subscription endpoints (email, email-json, sms, http, https) and chat webhooks';
