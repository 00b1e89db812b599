import type { ResourceKind } from '../model/resources';
import { alarmMuteRuleModule } from './alarm-mute-rule/module';
import { anomalyDetectorModule } from './anomaly-detector/module';
import { compositeAlarmModule } from './composite-alarm/module';
import { dashboardModule } from './dashboard/module';
import { dataProtectionPolicyModule } from './data-protection-policy/module';
import { forwarderFunctionModule } from './forwarder-function/module';
import { forwarderPermissionModule } from './forwarder-permission/module';
import { forwarderQueueModule } from './forwarder-queue/module';
import { forwarderRoleModule } from './forwarder-role/module';
import { insightRuleModule } from './insight-rule/module';
import type { DeclaredScope, KindInfo, KindTable, NameSpace } from './kind';
import { logAnomalyDetectorModule } from './log-anomaly-detector/module';
import { logGroupModule } from './log-group/module';
import { metricAlarmModule } from './metric-alarm/module';
import { metricFilterModule } from './metric-filter/module';
import type { KindModule, KindParts, ScopeSelection } from './module';
import { packModule } from './pack/module';
import { queryDefinitionModule } from './query-definition/module';
import { sloModule } from './slo/module';
import { subscriptionFilterModule } from './subscription-filter/module';
import { subscriptionModule } from './subscription/module';
import { topicModule } from './topic/module';

/**
 * Every folder of src/kinds/, one line each, in dependency order: a kind may only depend on kinds
 * above it. This order is also the order sections are built in (and so the order of the schema's
 * sections) and the order kinds are read in. Adding a kind is its folder and one line here.
 */
export const MODULES: readonly KindModule[] = [
  forwarderQueueModule,
  forwarderRoleModule,
  topicModule,
  subscriptionModule,
  logGroupModule,
  metricFilterModule,
  subscriptionFilterModule,
  insightRuleModule,
  metricAlarmModule,
  compositeAlarmModule,
  sloModule,
  forwarderFunctionModule,
  forwarderPermissionModule,
  dashboardModule,
  packModule,
  queryDefinitionModule,
  anomalyDetectorModule,
  logAnomalyDetectorModule,
  alarmMuteRuleModule,
  dataProtectionPolicyModule,
];

/** Every kind's parts, in the modules' order. */
export const KIND_PARTS: readonly KindParts<ResourceKind>[] = MODULES.flatMap(
  (m) => Object.values(m.kinds ?? {}) as unknown as KindParts<ResourceKind>[],
);

/** All kinds, in dependency order: a kind may only depend on kinds before it. */
export const RESOURCE_KINDS: readonly ResourceKind[] = KIND_PARTS.map((p) => p.info.kind);

/**
 * What every kind is, without AWS. Built from MODULES; test/architecture/kind-modules.test.ts checks
 * that every kind with a spec is in it, with a handler, a reader and an unbuild.
 */
export const KINDS: KindTable = Object.fromEntries(
  KIND_PARTS.map((p) => [p.info.kind, p.info]),
) as unknown as KindTable;

/**
 * The info of a kind, for callers holding a spec of some kind. TypeScript cannot relate a union
 * spec's kind to the table entry of that same kind (microsoft/TypeScript#30581), so the widening is
 * done here, once, and is sound because KINDS maps every kind to the info of that kind.
 */
export function kindInfo(kind: ResourceKind): KindInfo<ResourceKind> {
  return KINDS[kind] as unknown as KindInfo<ResourceKind>;
}

/** How import selects each declared scope's names (KindModule.scopes), gathered from the modules. */
export const SCOPE_SELECTION: Readonly<Partial<Record<DeclaredScope, ScopeSelection>>> = Object.assign(
  {},
  ...MODULES.map((m) => m.scopes ?? {}),
) as Partial<Record<DeclaredScope, ScopeSelection>>;

/** The name space a kind's names live in: its own unless it shares one. */
export function nameSpaceOf(kind: ResourceKind): NameSpace {
  const info = KINDS[kind];
  return info.nameSpace ?? { id: kind, label: info.label };
}

/** A name space by its id, as a reference names it. */
export function referenceSpace(id: string): NameSpace {
  const kind = (Object.keys(KINDS) as ResourceKind[]).find((k) => nameSpaceOf(k).id === id);
  return kind ? nameSpaceOf(kind) : { id, label: id };
}
