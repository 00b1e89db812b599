import { createHash } from 'crypto';
import { keyId, keyOf, type LiveResource, type LiveState } from '../model';

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/** sha256 of the live state in canonical form: equal states, equal fingerprints, whatever the read order. */
export function fingerprintLive(live: LiveState): string {
  const resources = [...live.resources].sort((a, b) =>
    keyId(keyOf(a.spec, live.region)).localeCompare(keyId(keyOf(b.spec, live.region))),
  );
  const doc = JSON.stringify(canonical({ region: live.region, accountId: live.accountId, resources }));
  return createHash('sha256').update(doc).digest('hex');
}

/**
 * sha256 of one live resource as a plan saw it: its spec (tags, so the owner, included), its ARN
 * (a subscription deleted and made again has a new one) and who owns it. Apply compares it with a
 * fresh read to tell "still what was reviewed" from "changed since".
 */
export function fingerprintResource(resource: LiveResource): string {
  const doc = JSON.stringify(
    canonical({
      spec: resource.spec,
      arn: resource.arn,
      owned: resource.owned,
      ownerStack: resource.ownerStack,
      pending: resource.pendingConfirmation === true,
    }),
  );
  return createHash('sha256').update(doc).digest('hex');
}
