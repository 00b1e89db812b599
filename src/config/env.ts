import type { Node } from 'yaml';
import { isMap, isPair, isScalar, isSeq } from './yaml-lib';
import type { Diagnostic, SecretValue } from '../model';
import { locationOf, type PathSegment, type SourceFile } from './source';
import { ENV_FIELDS_HINT, envAllowedAt } from './env-fields';
import type { EnvUse } from '../shared/env-use';

// Moved to shared/env-use (kinds name it and import no config/); re-exported for the loader.
export type { EnvUse } from '../shared/env-use';

const ENV_REF = /\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}/g;

function* scalars(node: unknown, path: PathSegment[]): Generator<{ node: Node; path: PathSegment[]; isKey?: boolean }> {
  if (isScalar(node)) yield { node, path };
  else if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair) || !isScalar(pair.key)) continue;
      yield { node: pair.key, path, isKey: true };
      yield* scalars(pair.value, [...path, String(pair.key.value)]);
    }
  } else if (isSeq(node)) {
    for (const [i, item] of node.items.entries()) yield* scalars(item, [...path, i]);
  }
}

/**
 * How an unset variable counts: an error where the value is needed (plan, apply), a warning where it
 * is not (validate, iam-policy), so a reviewer without the secret can still check the files.
 */
export type UnresolvedEnv = 'error' | 'warning';

/**
 * Replaces `${env:NAME}` in every string value, in place on the parsed document so positions
 * survive. Each value used is recorded as a secret and `onSecret` hears it at once (the action
 * registers it with the runner before anything can be printed); each scalar it landed in is
 * recorded as an EnvUse, from which the loader marks the fields it feeds as sensitive. An unset
 * variable is a diagnostic at its scalar, naming the key that uses it. Keys are never resolved: a key is a name, not a value.
 */
export function resolveEnv(
  src: SourceFile,
  env: NodeJS.ProcessEnv,
  secrets: SecretValue[],
  uses: EnvUse[] = [],
  onSecret?: (value: string) => void,
  unresolved: UnresolvedEnv = 'error',
): Diagnostic[] {
  const errors: Diagnostic[] = [];
  for (const { node, path, isKey } of scalars(src.doc.contents, [])) {
    if (!isScalar(node) || typeof node.value !== 'string' || !node.value.includes('${env:')) continue;
    if (isKey) {
      errors.push({
        severity: 'error',
        code: 'SCHEMA',
        message:
          'a key cannot come from ${env:}: keys (tag keys, dimension names) are shown in every plan; use it in a value',
        location: locationOf(src, node),
      });
      continue;
    }
    if (!envAllowedAt(path)) {
      // Refused before the variable is read: its value never enters the run.
      errors.push({
        severity: 'error',
        code: 'SCHEMA',
        message: `${path.join('.')} cannot come from \${env:}: names, ARNs, namespaces, dimensions and patterns are shown in plans, ARNs, notes and comments, so they are never secret. \${env:} is for ${ENV_FIELDS_HINT}; write this value in the file`,
        location: locationOf(src, node),
      });
      continue;
    }
    const names: string[] = [];
    let unset = false;
    node.value = node.value.replace(ENV_REF, (whole: string, name: string) => {
      const value = env[name];
      if (value === undefined || value === '') {
        const where = path.join('.');
        errors.push({
          severity: unresolved,
          code: 'UNRESOLVED_ENV',
          message:
            unresolved === 'error'
              ? `environment variable ${name} is not set (used by ${where} as ${whole}); set it, or in GitHub Actions pass it from a secret`
              : `environment variable ${name} is not set (used by ${where} as ${whole}); validation goes on, but plan and apply will need it`,
          location: locationOf(src, node),
        });
        unset = true;
        names.push(name);
        return whole;
      }
      names.push(name);
      if (!secrets.some((s) => s.envName === name)) {
        secrets.push({ envName: name, value });
        onSecret?.(value);
      }
      return value;
    });
    const range = node.range ?? [0, 0];
    // An unset reference is still a secret's place: the field it feeds is sensitive all the same.
    if (names.length > 0)
      uses.push({
        path,
        envNames: [...new Set(names)],
        range: [range[0], range[1]],
        ...(unset && unresolved === 'warning' ? { unresolved: true as const } : {}),
      });
  }
  return errors;
}
