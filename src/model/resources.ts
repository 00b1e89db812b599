/**
 * The normalized shape of every resource kind. Desired (from YAML) and Live (from AWS) use the same
 * types, so a diff is a field-by-field comparison and never a translation. Normalization rules that
 * both sides must follow: optional scalars absent (undefined) rather than empty; lists sorted where
 * AWS does not give them meaning by order; `[]` and absent are the same (always `[]` here); tags and
 * dimensions are plain records; durations in seconds.
 */

/** Every kind of resource the reconciler manages: the union of the kinds' specs. */
export type ResourceKind = ResourceSpec['kind'];

/** All kinds, in dependency order: a kind may only depend on kinds before it. */
export const RESOURCE_KINDS: readonly ResourceKind[] = [
  'forwarderQueue',
  'forwarderRole',
  'topic',
  'subscription',
  'logGroup',
  'metricFilter',
  'subscriptionFilter',
  'metricAlarm',
  'compositeAlarm',
  'forwarderFunction',
  'forwarderPermission',
  'dashboard',
  'queryDefinition',
  'anomalyDetector',
];

/** Where in a YAML file a resource (or a value) was declared. */
export interface SourceLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

export type Tags = Readonly<Record<string, string>>;

/**
 * Every kind's spec, by kind. Each kind's spec lives in its folder (src/kinds/<kind>/spec.ts) and adds
 * its own entry here by declaration merging, so model/ names no kind and a new kind touches no file
 * of model/. The kinds' spec types are exported by src/kinds/specs.ts.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by the kinds (declare module)
export interface ResourceSpecs {}

/** Any resource, discriminated on `kind`. */
export type ResourceSpec = ResourceSpecs[keyof ResourceSpecs];

/** Narrows ResourceSpec to one kind. */
export type SpecOf<K extends ResourceKind> = Extract<ResourceSpec, { kind: K }>;

/** A metric filter's spec, for model/stack.ts and model/emitted-metric.ts (kinds/metric-filter/spec.ts defines it). */
export type FilterSpec = SpecOf<'metricFilter'>;
