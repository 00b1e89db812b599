import type { SecretValue } from '../model';

/** Replaces every `${env:}` value in text with `(sensitive: env:NAME)`; longest values first so none is half-masked. */
export function maskSecrets(text: string, secrets: readonly SecretValue[]): string {
  const ordered = [...secrets].filter((s) => s.value.length > 0).sort((a, b) => b.value.length - a.value.length);
  let out = text;
  for (const secret of ordered) out = out.split(secret.value).join(`(sensitive: env:${secret.envName})`);
  return out;
}
