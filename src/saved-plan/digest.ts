/**
 * The digests a saved plan holds instead of values. Files are in the repository, so a plain sha256
 * of each says nothing new. `${env:}` values and live resources can hold secrets, some guessable (an
 * e-mail address, a short token): their digests are slow or keyed, so the file cannot be used to
 * test guesses offline without the values themselves.
 */
import { createHmac, randomBytes, scrypt } from 'crypto';
import { canonicalJson } from '../model/normalize';
import type { SecretValue } from '../model';

/** scrypt's cost: about 16 MiB and tens of milliseconds per digest, paid once per `${env:}` variable. */
const SCRYPT = { N: 1 << 14, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;

function slowHash(secret: string, salt: string): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(secret, salt, 32, SCRYPT, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

/** A fresh random salt (hex) for one saved plan. */
export function newSalt(): string {
  return randomBytes(16).toString('hex');
}

/** The slow digest of one `${env:}` value, under the plan's salt and the variable's name. */
export async function envDigest(salt: string, secret: SecretValue): Promise<string> {
  return (await slowHash(secret.value, `${salt}:env:${secret.envName}`)).toString('hex');
}

/** Every resolved `${env:}` variable's digest, sorted by name. */
export async function envDigests(
  salt: string,
  secrets: readonly SecretValue[],
): Promise<{ readonly name: string; readonly digest: string }[]> {
  const sorted = [...secrets].sort((a, b) => a.envName.localeCompare(b.envName));
  return Promise.all(sorted.map(async (s) => ({ name: s.envName, digest: await envDigest(salt, s) })));
}

/**
 * The key every other digest of a saved plan is an HMAC under: derived (slowly) from the salt and
 * all the `${env:}` values, so a digest over a live secret cannot be checked against guesses by
 * someone holding the file but not the values. With no `${env:}` value it is only salted.
 */
export async function digestKey(salt: string, secrets: readonly SecretValue[]): Promise<Buffer> {
  const values = [...secrets].sort((a, b) => a.envName.localeCompare(b.envName)).map((s) => [s.envName, s.value]);
  return slowHash(canonicalJson(values), `${salt}:key`);
}

/** HMAC-SHA256 (hex) of a value's canonical JSON under the plan's key. */
export function keyedDigest(key: Buffer, value: unknown): string {
  return createHmac('sha256', key).update(canonicalJson(value)).digest('hex');
}
