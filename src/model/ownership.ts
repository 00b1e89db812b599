import type * as Crypto from 'crypto';

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

/**
 * Whether a filter's AWS name is one the tool gives (`monitors.…`), whose owner the name says. Any
 * other name is a filter adopted under its own name (`awsName:`), owned through the SSM record
 * (kinds/metric-filter/ownership-record.ts); `awsName:` may not start with the prefix.
 */
export function isStackFilterName(filterName: string): boolean {
  return filterName.startsWith(FILTER_PREFIX);
}

/** The prefix `awsName:` may not start with: the names the tool gives its own filters. */
export const RESERVED_FILTER_PREFIX = FILTER_PREFIX;

/** A declared filter as the reader's scope holds it: its log group and AWS name. */
export function declaredFilterId(logGroupName: string, filterName: string): string {
  return `${logGroupName}\u0000${filterName}`;
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

/**
 * Subscriptions cannot be tagged and are owned through their topic. When a console-made topic is
 * adopted, the subscriptions on it that the files do not declare are kept unmanaged; their marks
 * (a short hash of each one's ARN, which says nothing about the endpoint) are recorded on the topic
 * under these tag keys, 23 marks per tag value (AWS allows 256 characters).
 */
export const UNMANAGED_SUBSCRIPTIONS_TAG = 'monitors:unmanaged-subscriptions';
const MARKS_PER_TAG = 23;

/** The mark of a subscription, from its ARN. */
export function subscriptionMark(arn: string): string {
  // Loaded here, not at the top: node:crypto (and the streams it pulls in) is ~20 ms of every start,
  // and only a plan that reads subscriptions needs it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createHash } = require('crypto') as typeof Crypto;
  return createHash('sha256').update(arn).digest('hex').slice(0, 10);
}

/** The marks recorded on a topic's tags. */
export function unmanagedMarks(tags: Readonly<Record<string, string>>): Set<string> {
  const out = new Set<string>();
  for (const [k, v] of Object.entries(tags))
    if (k === UNMANAGED_SUBSCRIPTIONS_TAG || k.startsWith(`${UNMANAGED_SUBSCRIPTIONS_TAG}-`))
      for (const m of v.split(' ')) if (m) out.add(m);
  return out;
}

/** Tags recording these marks (none when empty): the first key plain, further ones numbered. */
export function unmanagedTags(marks: readonly string[]): Record<string, string> {
  const sorted = [...marks].sort();
  const out: Record<string, string> = {};
  for (let i = 0; i * MARKS_PER_TAG < sorted.length; i++) {
    const key = i === 0 ? UNMANAGED_SUBSCRIPTIONS_TAG : `${UNMANAGED_SUBSCRIPTIONS_TAG}-${i + 1}`;
    out[key] = sorted.slice(i * MARKS_PER_TAG, (i + 1) * MARKS_PER_TAG).join(' ');
  }
  return out;
}
