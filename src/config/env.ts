import { isScalar, visit } from 'yaml';
import type { Diagnostic, SecretValue } from '../model';
import { locationOf, type SourceFile } from './source';

const ENV_REF = /\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}/g;

/**
 * Replaces `${env:NAME}` in every string scalar, in place on the parsed document so positions
 * survive. Each value used is recorded as a secret; an unset variable is an error at its scalar.
 */
export function resolveEnv(src: SourceFile, env: NodeJS.ProcessEnv, secrets: SecretValue[]): Diagnostic[] {
  const errors: Diagnostic[] = [];
  visit(src.doc, {
    Scalar(_key, node) {
      if (!isScalar(node) || typeof node.value !== 'string' || !node.value.includes('${env:')) return;
      node.value = node.value.replace(ENV_REF, (whole: string, name: string) => {
        const value = env[name];
        if (value === undefined || value === '') {
          errors.push({
            severity: 'error',
            code: 'UNRESOLVED_ENV',
            message: `environment variable ${name} is not set (referenced as ${whole}); set it, or in GitHub Actions pass it from a secret`,
            location: locationOf(src, node),
          });
          return whole;
        }
        if (!secrets.some((s) => s.envName === name)) secrets.push({ envName: name, value });
        return value;
      });
    },
  });
  return errors;
}
