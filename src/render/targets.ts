/**
 * A stack with targets, rendered: a section per target (the single-target renderers' output, under
 * the target's heading) and a summary row per target. Never calls AWS; a failed target's message is
 * escaped like any value.
 */
import { countActions, hasChanges, targetLabel, visible, type Plan, type TargetPlan } from '../model';
import type { TargetApply } from '../apply/targets';
import { applyHeadline, applyReport, renderApplySummary } from './apply-summary';
import { mdCode, mdText } from './escape';
import { summaryLine } from './fields';
import { planDocument } from './json';
import { renderMarkdown } from './markdown';
import type { SourceLinks } from './source-link';
import { renderText } from './text';

/** The JSON format of a stack with targets (docs/plan-json.md); a stack without targets keeps version 1. */
export const TARGETS_JSON_FORMAT_VERSION = 2;

/** "No changes." or the plan's summary line: what one target's row says. */
function planCell(plan: Plan): string {
  const refused = plan.guards.some((g) => g.refused) ? ' Refused by a guard: it will not be applied.' : '';
  return (hasChanges(plan) ? summaryLine(countActions(plan)) : 'No changes.') + refused;
}

/** True when any target has something to apply. */
export function targetsHaveChanges(targets: readonly TargetPlan[]): boolean {
  return targets.some((t) => t.status === 'planned' && hasChanges(t.plan));
}

/** The targets that could not be planned. */
export function failedTargets(targets: readonly TargetPlan[]): Extract<TargetPlan, { status: 'failed' }>[] {
  return targets.filter((t): t is Extract<TargetPlan, { status: 'failed' }> => t.status === 'failed');
}

/** One line for logs and outputs: how many targets change, are unchanged, failed. */
export function targetsSummaryLine(targets: readonly TargetPlan[]): string {
  const failed = failedTargets(targets).length;
  const changing = targets.filter((t) => t.status === 'planned' && hasChanges(t.plan)).length;
  const parts = [
    `${changing} with changes`,
    `${targets.length - failed - changing} unchanged`,
    ...(failed > 0 ? [`${failed} failed`] : []),
  ];
  return `${targets.length} target(s): ${parts.join(', ')}.`;
}

/** The plan of every target for a terminal: each target's plan under its heading, then a row per target. */
export function renderTargetsText(targets: readonly TargetPlan[], options: { color: boolean }): string {
  const out: string[] = [];
  for (const t of targets) {
    out.push(`=== Target ${visible(targetLabel(t.target))} (account ${t.target.account}, ${t.target.region})`, '');
    if (t.status === 'planned') out.push(renderText(t.plan, options), '');
    else out.push(`Error: ${t.error.code}: ${visible(t.error.message)}`, '');
  }
  const width = Math.max(...targets.map((t) => targetLabel(t.target).length));
  out.push(targetsSummaryLine(targets));
  for (const t of targets) {
    const cell = t.status === 'planned' ? planCell(t.plan) : `FAILED ${t.error.code}: ${visible(t.error.message)}`;
    out.push(`  ${visible(targetLabel(t.target)).padEnd(width)}  ${t.target.account}  ${cell}`);
  }
  return out.join('\n');
}

/**
 * The plan of every target as a pull request comment (or a drift issue): a summary table with a row
 * per target, then a section per target. Each section has an equal share of the length left.
 */
export function renderTargetsMarkdown(
  stack: string,
  targets: readonly TargetPlan[],
  options: { maxLength: number; fullPlanHint?: string; links?: SourceLinks; title?: string },
): string {
  const head = [
    options.title ?? `### monitors plan: stack ${mdCode(stack)}, ${targets.length} target(s)`,
    '',
    `**${mdText(targetsSummaryLine(targets))}**`,
    '',
    '| target | account | region | plan |',
    '|---|---|---|---|',
    ...targets.map(
      (t) =>
        `| ${mdCode(t.target.name)} | ${mdCode(t.target.account)} | ${mdCode(t.target.region)} | ${
          t.status === 'planned'
            ? mdText(planCell(t.plan))
            : `❌ failed: ${mdCode(t.error.code)} ${mdText(t.error.message)}`
        } |`,
    ),
    '',
  ].join('\n');
  const share = Math.max(1_000, Math.floor((options.maxLength - head.length) / Math.max(1, targets.length)) - 2);
  const sections = targets.map((t) => {
    const title = `#### Target ${mdCode(targetLabel(t.target))} (account ${mdCode(t.target.account)})`;
    if (t.status === 'failed')
      return `${title}\n\nNot planned: ${mdCode(t.error.code)} ${mdText(t.error.message)}\n\nThe other targets were planned as usual.\n`;
    return renderMarkdown(t.plan, {
      title,
      maxLength: share,
      links: options.links,
      fullPlanHint: options.fullPlanHint,
    });
  });
  return `${head}\n${sections.join('\n')}`;
}

/** The JSON plan of a stack with targets: version 2, one entry per target, each the version-1 plan's fields. */
export function targetsDocument(stack: string, targets: readonly TargetPlan[], directory?: string) {
  return {
    formatVersion: TARGETS_JSON_FORMAT_VERSION,
    stack,
    ...(directory ? { directory } : {}),
    targets: targets.map((t) => {
      const id = { target: t.target.name, region: t.target.region, accountId: t.target.account };
      if (t.status === 'failed') return { ...id, status: 'failed' as const, error: t.error };
      const { formatVersion: _v, stack: _s, region: _r, accountId: _a, ...plan } = planDocument(t.plan);
      return { ...id, status: 'planned' as const, ...plan };
    }),
  };
}

/** The JSON plan of a stack with targets, as text. */
export function renderTargetsJson(stack: string, targets: readonly TargetPlan[]): string {
  return JSON.stringify(targetsDocument(stack, targets), null, 2);
}

/** The apply of every target for people: a section per target, then a line per target. */
export function renderTargetsApplySummary(applies: readonly TargetApply[]): string {
  const out: string[] = [];
  for (const a of applies) {
    out.push(`=== Target ${visible(targetLabel(a.target))} (account ${a.target.account}, ${a.target.region})`);
    out.push(applyCell(a, true), '');
  }
  out.push(targetsApplyHeadline(applies));
  const width = Math.max(...applies.map((a) => targetLabel(a.target).length));
  for (const a of applies) out.push(`  ${visible(targetLabel(a.target)).padEnd(width)}  ${applyCell(a, false)}`);
  return out.join('\n');
}

function applyCell(a: TargetApply, full: boolean): string {
  switch (a.status) {
    case 'applied':
      return full ? renderApplySummary(a.result) : applyHeadline(a.result);
    case 'unchanged':
      return 'No changes: nothing applied.';
    case 'failed':
      return `FAILED ${a.error.code}: ${visible(a.error.message)}`;
  }
}

/** One line: how many targets were applied, had nothing to do, failed (naming those that failed). */
export function targetsApplyHeadline(applies: readonly TargetApply[]): string {
  const incomplete = applies.filter(
    (a) => a.status === 'failed' || (a.status === 'applied' && a.result.failed + a.result.skipped > 0),
  );
  const applied =
    applies.filter((a) => a.status === 'applied').length - incomplete.filter((a) => a.status === 'applied').length;
  const unchanged = applies.filter((a) => a.status === 'unchanged').length;
  const head = `Apply ${incomplete.length === 0 ? 'complete' : 'incomplete'} in ${applies.length} target(s): ${applied} applied, ${unchanged} unchanged, ${incomplete.length} failed`;
  return incomplete.length === 0
    ? `${head}.`
    : `${head} (${incomplete.map((a) => visible(targetLabel(a.target))).join(', ')}).`;
}

/** The apply of every target for `reconcile --format json`: one entry per target. */
export function targetsApplyReport(applies: readonly TargetApply[]) {
  return applies.map((a) => {
    const id = { target: a.target.name, region: a.target.region, accountId: a.target.account };
    switch (a.status) {
      case 'applied':
        return { ...id, ...applyReport(a.result) };
      case 'unchanged':
        return { ...id, status: 'unchanged' as const };
      case 'failed':
        return { ...id, status: 'failed' as const, error: a.error };
    }
  });
}
