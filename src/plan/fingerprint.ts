import { createHash } from 'crypto';
import { keyId, type LiveResource, type LiveState } from '../model';
import { canonicalJson } from '../model/normalize';
import { keyOf } from '../kinds/keys';

/** sha256 of the live state in canonical form: equal states, equal fingerprints, whatever the read order. */
export function fingerprintLive(live: LiveState): string {
  const resources = [...live.resources].sort((a, b) =>
    keyId(keyOf(a.spec, live.region)).localeCompare(keyId(keyOf(b.spec, live.region))),
  );
  const doc = canonicalJson({ region: live.region, accountId: live.accountId, resources });
  return createHash('sha256').update(doc).digest('hex');
}

/**
 * sha256 of one live resource as a plan saw it: its spec (tags, so the owner, included), its ARN
 * (a subscription deleted and made again has a new one) and who owns it. Apply compares it with a
 * fresh read to tell "still what was reviewed" from "changed since".
 */
export function fingerprintResource(resource: LiveResource): string {
  const doc = canonicalJson({
    spec: resource.spec,
    arn: resource.arn,
    owned: resource.owned,
    ownerStack: resource.ownerStack,
    pending: resource.pendingConfirmation === true,
  });
  return createHash('sha256').update(doc).digest('hex');
}
