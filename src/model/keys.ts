import type { ResourceKind, ResourceSpec } from './resources';
import { assertNever } from './assert';

/** One resource, one key, everywhere: the identity used to match desired against live. */
export interface ResourceKey {
  readonly kind: ResourceKind;
  readonly region: string;
  /** Alarm, log group, topic name; filter name for a metric filter; "protocol:endpoint" for a subscription. */
  readonly name: string;
  /** Log group of a metric filter; topic name of a subscription. */
  readonly parent?: string;
}

/** The key of a resource spec in a region. */
export function keyOf(spec: ResourceSpec, region: string): ResourceKey {
  switch (spec.kind) {
    case 'logGroup':
    case 'metricAlarm':
    case 'compositeAlarm':
    case 'topic':
      return { kind: spec.kind, region, name: spec.name };
    case 'metricFilter':
      return { kind: spec.kind, region, name: spec.filterName, parent: spec.logGroupName };
    case 'subscription':
      return { kind: spec.kind, region, name: `${spec.protocol}:${spec.endpoint}`, parent: spec.topicName };
    default:
      return assertNever(spec);
  }
}

/** A stable string form of a key, for maps and for messages. */
export function keyId(key: ResourceKey): string {
  return [key.kind, key.region, key.parent ?? '', key.name].join('|');
}

/** A short human form: "metricFilter /teachme/app/monitors.teachme.errors". */
/** Kinds as people say them. */
export const KIND_LABEL: Readonly<Record<ResourceKind, string>> = {
  logGroup: 'log group',
  metricFilter: 'metric filter',
  metricAlarm: 'metric alarm',
  compositeAlarm: 'composite alarm',
  topic: 'topic',
  subscription: 'subscription',
};

export function keyLabel(key: ResourceKey): string {
  const kind = KIND_LABEL[key.kind];
  return key.parent ? `${kind} ${key.parent} → ${key.name}` : `${kind} ${key.name}`;
}
