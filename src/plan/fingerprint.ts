import { createHash } from 'crypto';
import { keyId, keyOf, type LiveState } from '../model';

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
