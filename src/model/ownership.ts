/**
 * How a stack proves it owns a resource. Taggable kinds carry OWNER_TAG = stack name. Metric filters
 * cannot be tagged, so their AWS name is `monitors.<stack>.<name>`: a prefix no other stack can
 * produce, because stack names cannot contain dots. Subscriptions are owned through their topic.
 */
export const OWNER_TAG = 'monitors:stack';

const FILTER_PREFIX = 'monitors.';

/** The AWS name of a declared metric filter. */
export function filterAwsName(stack: string, name: string): string {
  return `${FILTER_PREFIX}${stack}.${name}`;
}

/** The stack that owns a metric filter by its AWS name, or undefined when no stack does. */
export function filterOwner(filterName: string): string | undefined {
  if (!filterName.startsWith(FILTER_PREFIX)) return undefined;
  const rest = filterName.slice(FILTER_PREFIX.length);
  const dot = rest.indexOf('.');
  return dot > 0 ? rest.slice(0, dot) : undefined;
}

/** The stack named by a tag set's ownership tag, if any. */
export function tagOwner(tags: Readonly<Record<string, string>>): string | undefined {
  return tags[OWNER_TAG];
}
