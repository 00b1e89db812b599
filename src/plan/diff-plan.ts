import { HANDLERS } from '../kinds';
import { anyHandler } from '../kinds/handler';
import { PLAN_STEPS } from '../kinds/plan-steps';
import { kindInfo } from '../kinds/registry';
import {
  keyId,
  keyShownName,
  unionPaths,
  type Change,
  type DesiredResource,
  type DesiredStack,
  type FieldDiff,
  type LiveResource,
  type LiveState,
  type Plan,
  type PlanNotice,
  type ResourceKind,
  type ResourceSpec,
} from '../model';
import { fingerprintResource } from './fingerprint';
import { evaluateGuards } from './guards';
import { madeByMonitors } from '../kinds/derived';
import { orderChanges } from './order';
import { signatureWithout } from './signature';
import { keyLabel, keyOf, kindSensitivePaths } from '../kinds/keys';

/** Choices the user makes about a plan. */
export interface PlanOptions {
  /** Take over declared resources that exist without any ownership tag. */
  readonly adopt: boolean;
  readonly allowMassDelete: boolean;
  readonly maxDeleteShare: number;
  readonly liveFingerprint: string;
  /** The stack directory as the user gave it, for messages ("no longer declared in ..."); default monitors/. */
  readonly directory?: string;
}

/** A directory as messages name it: as given, with one trailing slash. */
export function shownDirectory(directory: string | undefined): string {
  return `${(directory ?? 'monitors').replace(/\/+$/, '') || '.'}/`;
}

function diffOf(before: ResourceSpec, after: ResourceSpec): FieldDiff[] {
  return anyHandler(HANDLERS, after.kind).diff(before, after);
}

// Some kinds carry history (state changes, metric data) that a delete throws away: say so.
const historyNote = (kind: ResourceKind) => (kindInfo(kind).hasHistory ? ' (its history is lost)' : '');

function replaceReason(kind: ResourceKind, diffs: readonly FieldDiff[]): string {
  const fields = [...new Set(diffs.filter((d) => d.forcesReplacement).map((d) => d.path.split('.')[0]))];
  return `${fields.join(', ')} cannot change in place: the ${kind} is deleted and created again${historyNote(kind)}`;
}

function deleteReason(kind: ResourceKind, dir: string): string {
  const loses = kindInfo(kind).deleteLoses;
  return loses ? `no longer declared in ${dir} (${loses})` : `no longer declared in ${dir}`;
}

/**
 * AWS cannot rename anything: a renamed resource is created under its new name and the old one is
 * deleted (creates first, deletes last, so composite rules can move over). Say so on the delete,
 * since that is where history is lost.
 */
function markRenames(changes: Change[], dir: string): Change[] {
  // Creates indexed by kind, parent and every field but the name and tags: a delete looks up only
  // the creates that can be its rename, so the pass stays linear in the number of changes.
  const creates = new Map<string, Change[]>();
  const candidates = (kind: ResourceKind, parent: string | undefined, spec: ResourceSpec, field: string) =>
    `${kind}|${parent ?? ''}|${signatureWithout(spec, [field, 'tags'])}`;
  for (const c of changes) {
    const field = c.action === 'create' ? kindInfo(c.key.kind).renameField : undefined;
    if (c.action !== 'create' || !field) continue;
    const id = candidates(c.key.kind, c.key.parent, c.after, field);
    creates.set(id, [...(creates.get(id) ?? []), c]);
  }
  const merged = new Set<Change>();
  changes.forEach((d, i) => {
    if (d.action !== 'delete') return;
    const field = kindInfo(d.key.kind).renameField;
    if (!field) return;
    const renamed = (creates.get(candidates(d.key.kind, d.key.parent, d.before, field)) ?? []).find(
      (c) =>
        c.action === 'create' &&
        !merged.has(c) &&
        diffOf(d.before, c.after).every((x) => x.path === field || x.path.startsWith('tags.')),
    );
    if (!renamed || renamed.action !== 'create') return;
    const history = historyNote(d.key.kind);
    // The old resource's fields are the new one's under another name: the same ones are sensitive.
    const sensitive = unionPaths(d.sensitive, renamed.sensitive);
    if (kindInfo(d.key.kind).renameDeletesFirst) {
      // One change, old one first: the executor's replace removes `before`, then creates `after`.
      merged.add(renamed);
      changes[i] = {
        action: 'replace',
        key: renamed.key,
        before: d.before,
        after: renamed.after,
        diffs: diffOf(d.before, renamed.after),
        reason: `renamed from ${keyShownName(keyOf(d.before, d.key.region, sensitive))} in ${dir}: AWS cannot rename, so the old one is deleted first and then the new one created, never both at once${history}`,
        source: renamed.source,
        sensitive,
        seen: d.seen,
      };
      return;
    }
    changes[i] = {
      ...d,
      key: keyOf(d.before, d.key.region, sensitive),
      sensitive,
      reason: `renamed to ${keyShownName(renamed.key)} in ${dir}: AWS cannot rename, so the new one is created and this one deleted${history}`,
    };
  });
  return changes.filter((c) => !merged.has(c));
}

/**
 * Resources owned through a former stack name in their own name (metric filters:
 * `monitors.<former>.<name>`), by the key they have under the current name.
 */
function formerNameRenames(
  resources: readonly LiveResource[],
  stack: string,
  region: string,
): Map<string, LiveResource> {
  const out = new Map<string, LiveResource>();
  for (const r of resources) {
    const rename = kindInfo(r.spec.kind).renamedForStack;
    if (!rename || r.formerOwner === undefined) continue;
    out.set(keyId(keyOf(rename(r.spec, r.formerOwner, stack), region)), r);
  }
  return out;
}

/**
 * The plan: a pure function of desired and live state. Owned resources converge to the files;
 * unowned ones are adopted only when declared and allowed; another stack's are never touched.
 */
export function computePlan(desiredIn: DesiredStack, liveIn: LiveState, options: PlanOptions): Plan {
  // Copies, so that nothing downstream can mutate what the caller still holds.
  const desired = structuredClone(desiredIn);
  const live = structuredClone(liveIn);
  const stack = desired.settings.name;
  const region = live.region;
  const dir = shownDirectory(options.directory);
  const liveByKey = new Map<string, LiveResource>(live.resources.map((r) => [keyId(keyOf(r.spec, region)), r]));
  const changes: Change[] = [];
  const notices: PlanNotice[] = [];
  const matched = new Set<string>();
  const renamedFilters = formerNameRenames(live.resources, stack, region);
  let declaredResources: readonly DesiredResource[] = desired.resources;
  for (const step of PLAN_STEPS) {
    if (!step.desired) continue;
    const kept = step.desired(declaredResources, live.resources, region, options.adopt);
    declaredResources = kept.resources;
    notices.push(...kept.notices);
  }

  for (const { spec, source, origin, sensitive: declared } of declaredResources) {
    // Spread into each change, so a change compiled from an SLO says so and others carry no key at all.
    const from = origin === undefined ? {} : { origin };
    const id = keyId(keyOf(spec, region));
    const found = liveByKey.get(id);
    // A field secret on either side is masked on both: the live value of a rotated secret is the old secret.
    const sensitive = unionPaths(
      declared,
      kindSensitivePaths(spec),
      found?.sensitive,
      found ? kindSensitivePaths(found.spec) : [],
    );
    const key = keyOf(spec, region, sensitive);
    matched.add(id);
    const formerFilter = found ? undefined : renamedFilters.get(id);
    if (formerFilter) {
      // Filters are owned by name, so taking one over from a former stack name is a rename: the old
      // one goes first (replace), so no line is ever counted by both.
      matched.add(keyId(keyOf(formerFilter.spec, region)));
      changes.push({
        action: 'replace',
        key,
        before: formerFilter.spec,
        after: spec,
        diffs: diffOf(formerFilter.spec, spec),
        reason: `owned by the former stack name "${formerFilter.formerOwner ?? ''}" (stack.formerNames): metric filters are owned by name, so it is renamed (deleted, then created under the new name)`,
        source,
        ...from,
        sensitive,
        seen: fingerprintResource(formerFilter),
      });
      continue;
    }
    if (!found) {
      changes.push({ action: 'create', key, after: spec, source, ...from, sensitive });
      continue;
    }
    if (found.ownerStack && found.ownerStack !== stack) {
      notices.push({
        severity: 'warning',
        key,
        message: `${keyLabel(key)} is owned by stack "${found.ownerStack}"; it is left untouched. Rename it here or remove it from that stack.`,
      });
      continue;
    }
    if (found.pendingConfirmation) {
      changes.push({
        action: 'noop',
        key,
        before: found.spec,
        source,
        ...from,
        note: 'pending confirmation: the endpoint has not confirmed yet',
        sensitive,
      });
      continue;
    }
    const diffs = diffOf(found.spec, spec);
    const seen = fingerprintResource(found);
    if (!found.owned) {
      if (!options.adopt) {
        notices.push({
          severity: 'warning',
          key,
          message: `${keyLabel(key)} exists but is not owned by stack "${stack}"; it is left untouched (adoption is off).`,
        });
      } else if (diffs.some((d) => d.forcesReplacement)) {
        notices.push({
          severity: 'warning',
          key,
          message: `${keyLabel(key)} exists unowned and differs in ${replaceReason(spec.kind, diffs)}; it is not adopted, because that would delete a resource this stack does not own.`,
        });
      } else {
        changes.push({
          action: 'adopt',
          key,
          before: found.spec,
          after: spec,
          diffs,
          arn: found.arn,
          source,
          ...from,
          sensitive,
          seen,
        });
      }
      continue;
    }
    if (diffs.length === 0) changes.push({ action: 'noop', key, before: found.spec, source, ...from, sensitive });
    else if (diffs.some((d) => d.forcesReplacement)) {
      changes.push({
        action: 'replace',
        key,
        before: found.spec,
        after: spec,
        diffs,
        reason: replaceReason(spec.kind, diffs),
        arn: found.arn,
        source,
        ...from,
        sensitive,
        seen,
      });
    } else
      changes.push({
        action: 'update',
        key,
        before: found.spec,
        after: spec,
        diffs,
        arn: found.arn,
        source,
        ...from,
        sensitive,
        seen,
      });
  }

  for (const [id, found] of liveByKey) {
    if (matched.has(id) || !found.owned) continue;
    const sensitive = unionPaths(found.sensitive, kindSensitivePaths(found.spec, true));
    const key = keyOf(found.spec, region, sensitive);
    if (found.pendingConfirmation) {
      notices.push({
        severity: 'warning',
        key,
        message: `${keyLabel(key)} is no longer declared but is pending confirmation; SNS cannot delete a pending subscription (it expires after 3 days unconfirmed).`,
      });
      continue;
    }
    changes.push({
      action: 'delete',
      key,
      before: found.spec,
      reason: deleteReason(found.spec.kind, dir),
      arn: found.arn,
      sensitive,
      seen: fingerprintResource(found),
    });
  }

  // What AWS deletes along with those deletes though the stack does not own it: named, never silent.
  const deletes = changes.filter((c) => c.action === 'delete');
  const alongside = PLAN_STEPS.flatMap((step) => step.goesWith?.(deletes, live.resources, region) ?? []);
  for (const { resource, reason } of alongside) {
    const sensitive = unionPaths(resource.sensitive, kindSensitivePaths(resource.spec, true));
    changes.push({
      action: 'delete',
      key: keyOf(resource.spec, region, sensitive),
      before: resource.spec,
      reason,
      ...(resource.arn !== undefined ? { arn: resource.arn } : {}),
      sensitive,
      seen: fingerprintResource(resource),
    });
  }

  const planned = markRenames(changes, dir);
  const reowned = live.resources.filter((r) => r.formerOwner !== undefined);
  if (reowned.length > 0) {
    const from = [...new Set(reowned.map((r) => r.formerOwner))].map((n) => `"${n}"`).join(', ');
    notices.push({
      severity: 'info',
      message: `${reowned.length} resource(s) owned by the former stack name ${from} (stack.formerNames) are taken over: re-tagged monitors:stack=${stack}, and metric filters renamed to monitors.${stack}.*; the former name's resources no longer declared are deleted.`,
    });
  }
  // The guards count what people declared: the forwarder's six resources come and go with one
  // `slack:` line, and must neither trip the share guard nor hide that every declared one goes.
  // What goes with a delete (a topic's hand-made subscriptions) counts as the stack's: it is lost all the same.
  const stacks = [stack, ...(desired.settings.formerNames ?? [])];
  const declaredChange = (c: Change) => !('before' in c && madeByMonitors(c.before, stacks));
  const ownedLive = live.resources.filter((r) => r.owned && !madeByMonitors(r.spec, stacks)).length + alongside.length;
  return {
    version: 1,
    stack,
    region,
    accountId: live.accountId,
    changes: orderChanges(planned, HANDLERS, region),
    guards: [
      ...evaluateGuards(planned.filter(declaredChange), ownedLive, options),
      ...PLAN_STEPS.flatMap((step) => step.guards?.(desired.resources, live) ?? []),
    ],
    notices,
    liveFingerprint: options.liveFingerprint,
    ...(options.directory !== undefined ? { directory: options.directory } : {}),
  };
}
