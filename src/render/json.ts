import { countActions, keyShownName, type Plan } from '../model';
import { redactPlan } from './fields';

/** The JSON plan's shape version; bumped on any incompatible change (see docs/plan-json.md). */
export const PLAN_JSON_FORMAT_VERSION = 1;

/**
 * The plan as a versioned JSON document for scripts; noops are counted, not listed. Sensitive values
 * are replaced by their mask before serialization, and each change lists its `sensitivePaths`
 * (Terraform's before_sensitive/after_sensitive), so a script can tell a mask from a value.
 */
export function renderJson(planIn: Plan): string {
  return JSON.stringify(planDocument(planIn), null, 2);
}

/** The JSON plan as an object (a stack with targets nests one per target: render/targets.ts). */
export function planDocument(planIn: Plan) {
  const plan = redactPlan(planIn);
  const counts = countActions(plan);
  const doc = {
    formatVersion: PLAN_JSON_FORMAT_VERSION,
    stack: plan.stack,
    region: plan.region,
    accountId: plan.accountId,
    liveFingerprint: plan.liveFingerprint,
    summary: {
      create: counts.create,
      update: counts.update,
      replace: counts.replace,
      delete: counts.delete,
      adopt: counts.adopt,
      unchanged: counts.noop,
    },
    changes: plan.changes
      .filter((c) => c.action !== 'noop')
      .map((c) => ({
        action: c.action,
        kind: c.key.kind,
        name: keyShownName(c.key),
        parent: c.key.shown ? c.key.shown.parent : c.key.parent,
        source: c.source ? `${c.source.file}:${c.source.line}:${c.source.column}` : undefined,
        ...(c.origin !== undefined ? { origin: c.origin } : {}),
        before: 'before' in c ? c.before : undefined,
        after: 'after' in c ? c.after : undefined,
        diffs: 'diffs' in c ? c.diffs.map(({ sensitive: _, ...d }) => d) : undefined,
        reason: 'reason' in c ? c.reason : undefined,
        sensitivePaths: c.sensitive ?? [],
      })),
    guards: plan.guards,
    notices: plan.notices.map(({ key, ...n }) => ({
      ...n,
      key: key && { kind: key.kind, name: keyShownName(key), parent: key.shown ? key.shown.parent : key.parent },
    })),
  };
  return doc;
}
