/**
 * A Contributor Insights rule's definition: the JSON AWS stores as a string (PutInsightRule's
 * RuleDefinition). One canonical text for both sides of the diff, so that re-planning what was
 * applied is empty whatever spacing or key order AWS answers with.
 */

/** What every rule on log groups says it is (AWS's rule syntax: "must always be"). */
export const RULE_SCHEMA = { Name: 'CloudWatchLogRule', Version: 1 } as const;

/** AWS's limit on RuleDefinition (botocore: InsightRuleDefinition, max 8192, pattern [\x00-\x7F]+). */
export const MAX_DEFINITION = 8192;

type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };

function sortKeys(value: Json): Json {
  if (Array.isArray(value)) return (value as readonly Json[]).map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const obj = value as { readonly [key: string]: Json };
    return Object.fromEntries(
      Object.keys(obj)
        .sort()
        .map((k) => [k, sortKeys(obj[k] as Json)]),
    );
  }
  return value;
}

/**
 * The canonical text of a rule given as an object: Schema filled in when left out, LogGroupNames
 * sorted and without repeats (AWS gives their order no meaning), every object's keys sorted, and
 * nothing past ASCII (escaped). Keys,
 * Filters and the strings of an In list keep their order: that is how AWS shows them back.
 */
export function canonicalDefinition(rule: Readonly<Record<string, unknown>>): string {
  const filled: Record<string, unknown> = { Schema: RULE_SCHEMA, ...rule };
  if (Array.isArray(filled.LogGroupNames)) filled.LogGroupNames = [...new Set(filled.LogGroupNames as string[])].sort();
  // AWS takes only ASCII (RuleDefinition's pattern): anything past it is written as a JSON escape.
  return JSON.stringify(sortKeys(filled as Json)).replace(
    /[\u0080-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** A live definition as canonical text; one that is not a JSON object stays as AWS answered it. */
export function normalizeDefinition(text: string): string {
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return text;
    return canonicalDefinition(parsed as Record<string, unknown>);
  } catch {
    return text;
  }
}

/** The definition as the lines a person reads in a plan: indented JSON, one member a line. */
export function definitionLines(text: string): readonly string[] | undefined {
  try {
    return JSON.stringify(JSON.parse(text), null, 2).split('\n');
  } catch {
    return undefined;
  }
}

/** The definition as the object the files write (import), or undefined when it is not a JSON object. */
export function definitionObject(text: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
