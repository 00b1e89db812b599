/** The shape of a monitors file after schema validation (see schema/monitors.schema.json). */

type Refs = string | string[];

export interface RawActions {
  notify?: Refs;
  onAlarm?: Refs;
  onOk?: Refs;
  onInsufficientData?: Refs;
  actionsEnabled?: boolean;
  description?: string;
  tags?: Record<string, string>;
}

export interface RawMetric {
  namespace: string;
  name: string;
  stat?: string;
  period?: number | string;
  unit?: string;
  dimensions?: Record<string, string>;
}

export interface RawQuery {
  id: string;
  expression?: string;
  metric?: RawMetric;
  label?: string;
  returnData?: boolean;
  period?: number | string;
  accountId?: string;
}

export interface RawAlarm extends RawActions {
  name: string;
  metric?: RawMetric;
  metrics?: RawQuery[];
  /** A Metrics Insights query (SELECT …), evaluated every `period`. */
  query?: string;
  period?: number | string;
  threshold?: number | string;
  comparison?: string;
  thresholdMetricId?: string;
  evaluationPeriods?: number;
  datapointsToAlarm?: number;
  treatMissingData?: string;
  evaluateLowSampleCountPercentile?: string;
}

export interface RawComposite extends RawActions {
  name: string;
  rule: string;
  /** A name, or `{ alarm, waitPeriod, extensionPeriod }` (kinds/composite-alarm/suppressor.ts). */
  suppressedBy?: unknown;
}

export interface RawSubscription {
  email?: string;
  'email-json'?: string;
  sms?: string;
  https?: string;
  http?: string;
  lambda?: string;
  sqs?: string;
  filterPolicy?: Record<string, unknown>;
  rawMessageDelivery?: boolean;
  /** Chat destinations, delivered through the stack's chat forwarder (kinds/forwarder-function). */
  slack?: string;
  discord?: string;
  teams?: string;
  googleChat?: string;
  mentions?: (string | { id: string; name: string })[];
  channel?: string;
  threadId?: string;
  threadKey?: string;
}

export interface RawTopic {
  name: string;
  displayName?: string;
  kmsKey?: string;
  fifo?: boolean;
  tags?: Record<string, string>;
  subscriptions?: RawSubscription[];
}

export interface RawLogGroup {
  name: string;
  retention?: number | string;
  kmsKey?: string;
  tags?: Record<string, string>;
}

export interface RawFilter {
  name: string;
  /** The filter's name in AWS, verbatim: a filter adopted under the name it has. */
  awsName?: string;
  logGroup: string;
  pattern: string;
  metric: {
    namespace: string;
    name: string;
    value?: number | string;
    default?: number;
    unit?: string;
    dimensions?: Record<string, string>;
  };
}

export interface RawMonitor extends RawActions {
  name: string;
  /** Its metric filter's name in AWS, verbatim (see RawFilter.awsName). */
  awsName?: string;
  logGroup: string;
  pattern: string;
  metric: string;
  alarm: string;
  treatMissingData?: string;
}

/**
 * The `stack:` block. Keys a kind reads itself (a StackForm, kinds/forms.ts) are typed in that kind's
 * folder: the schema has validated them, the index signature lets them through.
 */
export interface RawStack {
  readonly [key: string]: unknown;
  name: string;
  formerNames?: string[];
  /** Optional: without it, --region or the SDK's default chain decides per run. */
  region?: string;
  tags?: Record<string, string>;
}

/** A whole file. A kind's own section (a YamlForm's key) may be typed in its folder instead of here. */
export interface RawFile {
  readonly [section: string]: unknown;
  stack?: RawStack;
  topics?: RawTopic[];
  logGroups?: RawLogGroup[];
  metricFilters?: RawFilter[];
  alarms?: RawAlarm[];
  compositeAlarms?: RawComposite[];
  monitors?: RawMonitor[];
}
