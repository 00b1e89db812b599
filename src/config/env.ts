import { isPair, isScalar, isSeq, visit } from 'yaml';
import type { Diagnostic, SecretValue } from '../model';
import { locationOf, type SourceFile } from './source';

const ENV_REF = /\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}/g;

/**
 * How an unset variable counts: an error where the value is needed (plan, apply), a warning where it
 * is not (validate, iam-policy), so a reviewer without the secret can still check the files.
 */
export type UnresolvedEnv = 'error' | 'warning';

/** The dotted path of a node from its visitor ancestors ("topics.0.subscriptions.1.https"). */
function dottedPath(ancestors: readonly unknown[], node: unknown): string {
  const steps: string[] = [];
  const chain = [...ancestors, node];
  for (const [i, a] of chain.entries()) {
    const next = chain[i + 1];
    if (isPair(a) && isScalar(a.key)) steps.push(String(a.key.value));
    else if (isSeq(a) && next !== undefined) steps.push(String(a.items.indexOf(next as never)));
  }
  return steps.join('.');
}

/**
 * Replaces `${env:NAME}` in every string scalar, in place on the parsed document so positions
 * survive. Each value used is recorded as a secret; an unset variable is a diagnostic at its scalar.
 */
export function resolveEnv(
  src: SourceFile,
  env: NodeJS.ProcessEnv,
  secrets: SecretValue[],
  unresolved: UnresolvedEnv = 'error',
): Diagnostic[] {
  const problems: Diagnostic[] = [];
  visit(src.doc, {
    Scalar(_key, node, ancestors) {
      if (!isScalar(node) || typeof node.value !== 'string' || !node.value.includes('${env:')) return;
      node.value = node.value.replace(ENV_REF, (whole: string, name: string) => {
        const value = env[name];
        if (value === undefined || value === '') {
          const where = dottedPath(ancestors, node);
          problems.push({
            severity: unresolved,
            code: 'UNRESOLVED_ENV',
            message:
              unresolved === 'error'
                ? `environment variable ${name} is not set (used by ${where} as ${whole}); set it, or in GitHub Actions pass it from a secret`
                : `environment variable ${name} is not set (used by ${where} as ${whole}); validation goes on, but plan and apply will need it`,
            location: locationOf(src, node),
          });
          return whole;
        }
        if (!secrets.some((s) => s.envName === name)) secrets.push({ envName: name, value });
        return value;
      });
    },
  });
  return problems;
}
