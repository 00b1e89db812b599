/** What a metric filter's pattern allows, from the engine's parser (src/patterns). */
import { parseFilterPattern } from '../../patterns';

/** A problem in a pattern, at a character offset (0-based). */
export interface PatternProblem {
  readonly offset: number;
  readonly message: string;
}

/** The first problem with a filter pattern, or undefined when AWS would accept it. */
export function checkFilterPattern(pattern: string): PatternProblem | undefined {
  const parsed = parseFilterPattern(pattern);
  return parsed.ok ? undefined : parsed.error;
}

/** AWS's limit on dimensions per metric filter. */
export const MAX_FILTER_DIMENSIONS = 3;

/** A mismatch between a filter's pattern and the fields its metric value or dimensions read. */
export interface ReferenceProblem {
  readonly severity: 'error' | 'warning';
  readonly message: string;
  /** Which reference: the metric value, or the dimension with this name. */
  readonly where: { readonly kind: 'value' } | { readonly kind: 'dimension'; readonly name: string };
}

/**
 * Checks that `$.field` and `$name` references can be filled by the pattern: `$.` needs a JSON
 * pattern, `$name` a space-delimited pattern that names that field (`$1`.. by position always
 * resolve). Problems with the pattern itself are reported by checkFilterPattern, not here.
 */
export function referenceProblems(
  pattern: string,
  metricValue: string,
  dimensions: Readonly<Record<string, string>>,
): ReferenceProblem[] {
  const parsed = parseFilterPattern(pattern);
  if (!parsed.ok) return [];
  const tree = parsed.pattern;
  const named =
    tree.form === 'delimited'
      ? tree.fields.flatMap((f) => (f.kind === 'field' && f.name !== undefined ? [f.name] : []))
      : [];
  const refs: [ReferenceProblem['where'], string][] = [
    [{ kind: 'value' }, metricValue],
    ...Object.entries(dimensions).map(([name, ref]): [ReferenceProblem['where'], string] => [
      { kind: 'dimension', name },
      ref,
    ]),
  ];
  const out: ReferenceProblem[] = [];
  for (const [where, raw] of refs) {
    const ref = raw.trim();
    const what = where.kind === 'value' ? 'the metric value' : `dimension ${where.name}`;
    if (ref.startsWith('$.')) {
      if (tree.form !== 'json')
        out.push({
          severity: 'warning',
          where,
          message: `${what} reads ${ref} from JSON, but the pattern is not a JSON pattern ({ ... }): it will emit nothing`,
        });
    } else if (ref.startsWith('$')) {
      const name = ref.slice(1);
      if (tree.form !== 'delimited')
        out.push({
          severity: 'warning',
          where,
          message: `${what} reads ${ref}, a space-delimited field, but the pattern is not space-delimited ([ ... ]): it will emit nothing`,
        });
      else if (!/^[0-9]+$/.test(name) && !named.includes(name))
        out.push({
          severity: 'error',
          where,
          message: `${what} reads ${ref}, but the pattern names no field "${name}" (its fields: ${named.length > 0 ? named.join(', ') : 'none named'}; $1, $2, ... by position)`,
        });
    }
  }
  return out;
}
