import { countActions, type Plan, type SecretValue } from '../model';
import { maskSecrets } from './mask';

/** The JSON plan's shape version; bumped on any incompatible change (see docs/plan-json.md). */
export const PLAN_JSON_FORMAT_VERSION = 1;

/** The plan as a versioned JSON document for scripts; noops are counted, not listed. */
export function renderJson(plan: Plan, options: { secrets: readonly SecretValue[] }): string {
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
        name: c.key.name,
        parent: c.key.parent,
        source: c.source ? `${c.source.file}:${c.source.line}:${c.source.column}` : undefined,
        before: 'before' in c ? c.before : undefined,
        after: 'after' in c ? c.after : undefined,
        diffs: 'diffs' in c ? c.diffs : undefined,
        reason: 'reason' in c ? c.reason : undefined,
      })),
    guards: plan.guards,
    notices: plan.notices,
  };
  return maskSecrets(JSON.stringify(doc, null, 2), options.secrets);
}
