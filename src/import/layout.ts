/**
 * What `monitors import` writes, as a pure function of what it read: which resources become which
 * entries in which file, what is left out and why, and which secrets the files reference.
 */
import { unwritableText } from '../config/text-checks';
import { PROSE_KEYS } from '../kinds/forms';
import { UNBUILDS } from '../kinds/unbuilds';
import type { Entry, UnbuildContext, Unbuilt } from '../kinds/unbuild';
import { unbuildMonitor } from '../kinds/shared/monitor-unbuild';
import { filterYamlName } from '../kinds/metric-filter/unbuild';
import { kindInfo } from '../kinds/registry';
import { madeByMonitors } from '../kinds/derived';
import { chatEntries } from '../kinds/forwarder-function/chat-unbuild';
import { keyId, keyShownName, type LiveResource, type ResourceSpec } from '../model';
import { keyOf } from '../kinds/keys';
import type { ForwarderFunctionSpec, MetricAlarmSpec, MetricFilterSpec, SubscriptionSpec } from '../kinds/specs';
import type { SubscriptionFilterSpec } from '../kinds/subscription-filter/spec';

/** One block of a file: an entry of a section, and the AWS resource(s) it came from. */
export interface Block {
  readonly section:
    | 'topics'
    | 'logGroups'
    | 'metricFilters'
    | 'subscriptionFilters'
    | 'monitors'
    | 'alarms'
    | 'compositeAlarms'
    | 'savedQueries'
    | 'anomalyDetectors';
  readonly entry: Entry;
  /** Said in the comment above the block. */
  readonly from: string;
  /** Topics: the comment of each subscription entry, in order. */
  readonly subscriptionsFrom?: readonly string[];
}

/** One file to write, by its name in the output directory. */
export interface ImportFile {
  readonly name: string;
  /** Said under the schema line. */
  readonly about: string;
  readonly stack?: { readonly name: string; readonly region: string };
  readonly blocks: readonly Block[];
}

/** A resource left out, and why. */
export interface LeftOut {
  readonly resource: string;
  readonly reason: string;
}

/** A `${env:NAME}` the files reference: the variable to set before plan, and what it is for. */
export interface SecretRef {
  readonly name: string;
  readonly for: string;
}

export interface ImportLayout {
  readonly files: readonly ImportFile[];
  readonly leftOut: readonly LeftOut[];
  readonly secrets: readonly SecretRef[];
  /** The secrets' values by variable name: never written or printed, only used to check the files. */
  readonly secretValues: Readonly<Record<string, string>>;
  /** How many resources the files declare. */
  readonly count: number;
}

export interface LayoutOptions {
  readonly stack: string;
  readonly region: string;
  readonly accountId: string;
}

const CLOUDFORMATION_TAG = 'aws:cloudformation:stack-name';

/** How the comment and messages name a live resource: its kind and its name (never a secret endpoint). */
export function describe(r: LiveResource): string {
  const { label } = kindInfo(r.spec.kind);
  if (r.spec.kind === 'subscription') return `${r.spec.protocol} subscription on topic ${r.spec.topicName}`;
  if (r.spec.kind === 'metricFilter' || r.spec.kind === 'subscriptionFilter')
    return `${label} "${r.spec.filterName}" on ${r.spec.logGroupName}`;
  return `${label} ${keyShownName(keyOf(r.spec, ''))}`;
}

function named(r: LiveResource): string {
  return `${describe(r)}${r.arn ? ` (${r.arn})` : ''}`;
}

function fromComment(...from: readonly LiveResource[]): string {
  return `from AWS: ${from.map(named).join(', and ')}`;
}

/** Why a resource is not this import's to write, before its form is looked at. */
function ownedElsewhere(r: LiveResource, stack: string): string | undefined {
  if (r.ownerStack !== undefined && r.ownerStack !== stack)
    return `it is owned by the monitors stack "${r.ownerStack}": import it there, or remove it from that stack first`;
  const tags = 'tags' in r.spec ? r.spec.tags : {};
  const cfn = tags[CLOUDFORMATION_TAG];
  if (cfn !== undefined) return `it belongs to the CloudFormation stack "${cfn}": change it there`;
  if (Object.keys(tags).some((k) => k.startsWith('aws:')))
    return 'it carries tags AWS reserves (aws:*), which no file can declare';
  return undefined;
}

/** A file name from a resource name: lower-case words joined by dashes. */
function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'x'
  );
}

/** An environment variable's name from a hint: upper-case, underscores. */
function envName(hint: string): string {
  const base = hint
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return /^[A-Z_]/.test(base) ? base : `X_${base}`;
}

/** A string no file may carry as is: it would read as a `${env:}` reference. */
function hasEnvSyntax(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('${');
  if (Array.isArray(value)) return value.some(hasEnvSyntax);
  if (value && typeof value === 'object') return Object.values(value).some(hasEnvSyntax);
  return false;
}

/** Why an entry cannot be written (a character the loader refuses), looking at every key and value. */
function unwritable(value: unknown, key: string | undefined = undefined, prose = false): string | undefined {
  if (typeof value === 'string') return unwritableText(value, key, prose);
  const isProse = prose || (key !== undefined && PROSE_KEYS.has(key));
  if (Array.isArray(value)) {
    for (const v of value) {
      const why = unwritable(v, key, isProse);
      if (why) return why;
    }
  } else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) {
      const why = unwritableText(k, 'key', false) ?? unwritable(v, k, isProse);
      if (why) return why;
    }
  return undefined;
}

/** The metric a filter emits and an alarm watches, as one key. */
const metricKey = (namespace: string, name: string) => `${namespace}\u0000${name}`;

/** The metrics an alarm reads: its one metric, or each metric of its math. */
function alarmMetrics(a: MetricAlarmSpec): string[] {
  if (a.metric) return [metricKey(a.metric.namespace, a.metric.metricName)];
  return (a.metrics ?? []).flatMap((q) =>
    q.metricStat ? [metricKey(q.metricStat.namespace, q.metricStat.metricName)] : [],
  );
}

/** The namespace an alarm's file is named after. */
function alarmNamespace(a: MetricAlarmSpec): string | undefined {
  return a.metric?.namespace ?? a.metrics?.find((q) => q.metricStat)?.metricStat?.namespace;
}

/** Lays out what was read as files. */
export function layoutImport(read: readonly LiveResource[], o: LayoutOptions): ImportLayout {
  const leftOut: LeftOut[] = [];
  const leave = (r: LiveResource, reason: string) => leftOut.push({ resource: describe(r), reason });
  const candidates: LiveResource[] = [];
  // The readers finish in any order: sorted, the same account always gives the same files.
  const sorted = read
    .map((r) => ({ r, id: keyId(keyOf(r.spec, o.region)) }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map(({ r }) => r);
  // The stack's own chat forwarder (function, its log group, the topics' lambda subscriptions to it)
  // is made from the topics' chat lines: those lines are written instead, never the resources.
  const forwarders: ForwarderFunctionSpec[] = [];
  for (const r of sorted) {
    if (madeByMonitors(r.spec, [o.stack]) && r.ownerStack === undefined) {
      if (r.spec.kind === 'forwarderFunction') forwarders.push(r.spec);
      continue;
    }
    const why = ownedElsewhere(r, o.stack);
    if (why) leave(r, why);
    else candidates.push(r);
  }
  const ofKind = <K extends ResourceSpec['kind']>(kind: K) =>
    candidates.filter((r) => r.spec.kind === kind) as (LiveResource & { spec: Extract<ResourceSpec, { kind: K }> })[];

  const secrets: SecretRef[] = [];
  const secretValues: Record<string, string> = {};
  const topicNames = new Set(ofKind('topic').map((t) => t.spec.name));
  const alarmNames = new Set([...ofKind('metricAlarm'), ...ofKind('compositeAlarm')].map((a) => a.spec.name));
  const topicArnPrefix = `arn:aws:sns:${o.region}:${o.accountId}:`;
  const ctx: UnbuildContext = {
    stack: o.stack,
    actionRef: (arn) =>
      arn.startsWith(topicArnPrefix) && topicNames.has(arn.slice(topicArnPrefix.length))
        ? arn.slice(topicArnPrefix.length)
        : arn,
    alarmWritten: (name) => alarmNames.has(name),
    secret(value, hint, what) {
      const base = envName(`${hint}_url`);
      let name = base;
      for (let i = 2; name in secretValues && secretValues[name] !== value; i++) name = `${base}_${i}`;
      if (!(name in secretValues)) secrets.push({ name, for: what });
      secretValues[name] = value;
      return `\${env:${name}}`;
    },
  };
  const tryUnbuild = (r: LiveResource): Unbuilt => {
    const out = (UNBUILDS[r.spec.kind].unbuild as (s: ResourceSpec, c: UnbuildContext) => Unbuilt)(r.spec, ctx);
    if (!('entry' in out)) return out;
    if (hasEnvSyntax({ ...out.entry, https: undefined, http: undefined }))
      return { unsupported: 'a value in it contains "${", which monitors files read as an ${env:} reference' };
    const why = unwritable(out.entry);
    return why ? { unsupported: why } : out;
  };
  const unbuild = (r: LiveResource): Entry | undefined => {
    const out = tryUnbuild(r);
    if ('unsupported' in out) return void leave(r, out.unsupported);
    return out.entry;
  };

  const metricEntries = new Map<LiveResource, Entry>();
  for (const a of ofKind('metricAlarm')) {
    const e = unbuild(a);
    if (e) metricEntries.set(a, e);
    else alarmNames.delete(a.spec.name);
  }
  // A composite may only name alarms written, and those may be composites left out themselves:
  // the written set shrinks until it holds.
  const compositeEntries = new Map<LiveResource, Entry>();
  for (let settled = false; !settled;) {
    settled = true;
    compositeEntries.clear();
    for (const c of ofKind('compositeAlarm')) {
      if (!alarmNames.has(c.spec.name)) continue;
      const out = tryUnbuild(c);
      if ('entry' in out) compositeEntries.set(c, out.entry);
      else {
        alarmNames.delete(c.spec.name);
        settled = false;
      }
    }
  }
  for (const c of ofKind('compositeAlarm')) if (!compositeEntries.has(c)) unbuild(c);

  // A kind this layout has no file for (a new kind) is said, not dropped.
  const laidOut = new Set([
    'topic',
    'subscription',
    'logGroup',
    'metricFilter',
    'subscriptionFilter',
    'metricAlarm',
    'compositeAlarm',
    'queryDefinition',
    'anomalyDetector',
  ]);
  for (const r of candidates)
    if (!laidOut.has(r.spec.kind) && unbuild(r)) leave(r, 'import has no file for this kind yet');

  const files: ImportFile[] = [];
  let count = 0;
  const fileNames = new Set(['stack.yaml', 'topics.yaml', 'composite-alarms.yaml']);
  const uniqueFile = (base: string) => {
    let name = `${base}.yaml`;
    for (let i = 2; fileNames.has(name); i++) name = `${base}-${i}.yaml`;
    fileNames.add(name);
    return name;
  };

  // Topics and their subscriptions: one file.
  const topicBlocks: Block[] = [];
  const subsByTopic = new Map<string, LiveResource[]>();
  for (const s of ofKind('subscription')) {
    const topic = (s.spec as SubscriptionSpec).topicName;
    if (!topicNames.has(topic)) {
      leave(s, `its topic ${topic} is not imported`);
      continue;
    }
    subsByTopic.set(topic, [...(subsByTopic.get(topic) ?? []), s]);
  }
  for (const t of ofKind('topic')) {
    const e = unbuild(t);
    if (!e) {
      for (const s of subsByTopic.get(t.spec.name) ?? []) leave(s, `its topic ${t.spec.name} is left out`);
      continue;
    }
    const subs: { entry: Entry; from: string }[] = [];
    for (const s of subsByTopic.get(t.spec.name) ?? []) {
      const se = unbuild(s);
      if (se) subs.push({ entry: se, from: fromComment(s) });
    }
    for (const fn of forwarders)
      for (const chat of chatEntries(fn, t.spec.name, ctx))
        subs.push({ entry: chat, from: "from AWS: a destination of the stack's chat forwarder" });
    count += 1 + subs.length;
    topicBlocks.push({
      section: 'topics',
      entry: subs.length > 0 ? { ...e, subscriptions: subs.map((s) => s.entry) } : e,
      from: fromComment(t),
      subscriptionsFrom: subs.map((s) => s.from),
    });
  }

  // Log groups, each with its filters, and the alarms on their metrics (as monitors: blocks where they fit).
  const alarmsPlaced = new Set<LiveResource>();
  const filterNames = new Set<string>();
  const groupFiles: ImportFile[] = [];
  const filtersByGroup = new Map<string, LiveResource[]>();
  const groupNames = new Set(ofKind('logGroup').map((g) => g.spec.name));
  for (const f of ofKind('metricFilter')) {
    const group = (f.spec as MetricFilterSpec).logGroupName;
    if (!groupNames.has(group)) {
      leave(f, `its log group ${group} is not imported`);
      continue;
    }
    filtersByGroup.set(group, [...(filtersByGroup.get(group) ?? []), f]);
  }
  // Subscription filters go in their log group's file too, named apart from metric filters (AWS does).
  const subscriptionsByGroup = new Map<string, LiveResource[]>();
  const subscriptionNames = new Set<string>();
  for (const f of ofKind('subscriptionFilter')) {
    const group = (f.spec as SubscriptionFilterSpec).logGroupName;
    if (!groupNames.has(group)) leave(f, `its log group ${group} is not imported`);
    else subscriptionsByGroup.set(group, [...(subscriptionsByGroup.get(group) ?? []), f]);
  }
  const uniqueFilterName = (name: string) => {
    let out = name;
    for (let i = 2; filterNames.has(out); i++) out = `${name.slice(0, 195)}-${i}`;
    filterNames.add(out);
    return out;
  };
  for (const g of ofKind('logGroup')) {
    const e = unbuild(g);
    if (!e) {
      for (const f of filtersByGroup.get(g.spec.name) ?? []) leave(f, `its log group ${g.spec.name} is left out`);
      for (const f of subscriptionsByGroup.get(g.spec.name) ?? []) leave(f, `its log group ${g.spec.name} is left out`);
      continue;
    }
    const blocks: Block[] = [{ section: 'logGroups', entry: e, from: fromComment(g) }];
    count += 1;
    const alarmBlocks: Block[] = [];
    for (const f of filtersByGroup.get(g.spec.name) ?? []) {
      const spec = f.spec as MetricFilterSpec;
      const metric = metricKey(spec.transformation.metricNamespace, spec.transformation.metricName);
      const onIt = [...metricEntries.keys()].filter(
        (a) => !alarmsPlaced.has(a) && alarmMetrics(a.spec as MetricAlarmSpec).includes(metric),
      );
      const pairWith = onIt.find((a) => !filterNames.has((a.spec as MetricAlarmSpec).name));
      const monitor = pairWith && unbuildMonitor(spec, pairWith.spec as MetricAlarmSpec, ctx);
      if (monitor && pairWith && !hasEnvSyntax(monitor) && !unwritable(monitor)) {
        filterNames.add(String(monitor.name));
        alarmsPlaced.add(pairWith);
        count += 2;
        blocks.push({ section: 'monitors', entry: monitor, from: fromComment(f, pairWith) });
      } else {
        const fe = unbuild(f);
        if (fe) {
          count += 1;
          blocks.push({
            section: 'metricFilters',
            entry: { ...fe, name: uniqueFilterName(String(fe.name)) },
            from: fromComment(f),
          });
        }
      }
      for (const a of onIt.filter((x) => !alarmsPlaced.has(x))) {
        alarmsPlaced.add(a);
        count += 1;
        alarmBlocks.push({ section: 'alarms', entry: metricEntries.get(a) as Entry, from: fromComment(a) });
      }
    }
    for (const f of subscriptionsByGroup.get(g.spec.name) ?? []) {
      const fe = unbuild(f);
      if (!fe) continue;
      let name = String(fe.name);
      for (let i = 2; subscriptionNames.has(name); i++) name = `${String(fe.name).slice(0, 195)}-${i}`;
      subscriptionNames.add(name);
      count += 1;
      blocks.push({ section: 'subscriptionFilters', entry: { ...fe, name }, from: fromComment(f) });
    }
    groupFiles.push({
      name: uniqueFile(slug(g.spec.name)),
      about: `The log group ${g.spec.name}, its metric filters, and the alarms on their metrics.`,
      blocks: [...blocks, ...alarmBlocks],
    });
  }

  // Other alarms, by the namespace of their metric.
  const byNamespace = new Map<string, Block[]>();
  for (const [a, e] of metricEntries) {
    if (alarmsPlaced.has(a)) continue;
    const ns = alarmNamespace(a.spec as MetricAlarmSpec) ?? 'metric math';
    count += 1;
    byNamespace.set(ns, [...(byNamespace.get(ns) ?? []), { section: 'alarms', entry: e, from: fromComment(a) }]);
  }
  const alarmFiles = [...byNamespace.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([ns, blocks]) => ({
      name: uniqueFile(`alarms-${slug(ns)}`),
      about: `Alarms on ${ns === 'metric math' ? 'metric math' : `metrics of the namespace ${ns}`}.`,
      blocks,
    }));

  files.push({
    name: 'stack.yaml',
    about: `The stack: its name marks every resource it manages (tag monitors:stack=${o.stack}). Imported from ${o.region} by monitors import.`,
    stack: { name: o.stack, region: o.region },
    blocks: [],
  });
  if (topicBlocks.length > 0)
    files.push({ name: 'topics.yaml', about: 'SNS topics and their subscriptions.', blocks: topicBlocks });
  files.push(...groupFiles, ...alarmFiles);
  if (compositeEntries.size > 0) {
    count += compositeEntries.size;
    files.push({
      name: 'composite-alarms.yaml',
      about: 'Composite alarms: rules over the alarms above.',
      blocks: [...compositeEntries].map(([c, e]) => ({ section: 'compositeAlarms', entry: e, from: fromComment(c) })),
    });
  }
  const queryBlocks: Block[] = [];
  for (const q of ofKind('queryDefinition')) {
    const e = unbuild(q);
    if (e) queryBlocks.push({ section: 'savedQueries', entry: e, from: fromComment(q) });
  }
  if (queryBlocks.length > 0) {
    count += queryBlocks.length;
    files.push({ name: uniqueFile('saved-queries'), about: 'Logs Insights saved queries.', blocks: queryBlocks });
  }
  const detectorBlocks: Block[] = [];
  for (const d of ofKind('anomalyDetector')) {
    const e = unbuild(d);
    if (e) detectorBlocks.push({ section: 'anomalyDetectors', entry: e, from: fromComment(d) });
  }
  if (detectorBlocks.length > 0) {
    count += detectorBlocks.length;
    files.push({
      name: uniqueFile('anomaly-detectors'),
      about: 'Anomaly detection models: the metric and statistic each models, what it leaves out of training.',
      blocks: detectorBlocks,
    });
  }
  return { files, leftOut, secrets, secretValues, count };
}

export { filterYamlName };
