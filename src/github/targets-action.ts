/**
 * The action for a stack with targets: one comment (a summary row and a section per target), one
 * JSON plan (version 2), every target applied at once, one drift issue covering every target. A
 * target that cannot be planned or applied fails the step after the others have been done.
 */
import { mkdirSync, writeFileSync } from 'fs';
import * as path from 'path';
import { lineReporter } from '../apply/progress';
import { applyTargets, targetPlans, targetsIncomplete, type RunOptions, type StackPlans } from '../core';
import { targetLabel, visibleLines } from '../model';
import { mdCode } from '../render/escape';
import type { SourceLinks } from '../render/source-link';
import {
  failedTargets,
  renderTargetsApplySummary,
  renderTargetsJson,
  renderTargetsMarkdown,
  targetsApplyHeadline,
  targetsHaveChanges,
  targetsSummaryLine,
} from '../render/targets';
import type { GitHubApi } from './api';
import type { ActionEvent } from './event';
import type { ActionInputs } from './inputs';
import { ruleTestsForAction } from './rule-tests';
import type { ActionIo } from './action-io';

/** What runAction hands over: its inputs, and the helpers it shares with the single-target flow. */
export interface TargetsActionContext {
  readonly inputs: ActionInputs;
  readonly event: ActionEvent;
  readonly io: ActionIo;
  readonly github: GitHubApi | undefined;
  readonly env: NodeJS.ProcessEnv;
  readonly options: RunOptions;
  readonly prComment: (body: string) => Promise<void>;
  readonly links?: SourceLinks;
  /** Room for the comment (the marker already taken off) and the job summary. */
  readonly limits: { readonly comment: number; readonly summary: number };
  readonly driftLabel: string;
  readonly commentOnMerged: (outcome: string, text: string, heading: string) => Promise<void>;
}

export async function runTargetsAction(
  plans: Extract<StackPlans, { targets: readonly unknown[] }>,
  ctx: TargetsActionContext,
): Promise<void> {
  const { inputs, event, io, github } = ctx;
  const targets = targetPlans(plans.targets);
  const firstPlanned = plans.targets.find((t) => t.status === 'planned');
  if (firstPlanned?.status === 'planned') for (const w of firstPlanned.run.desired.warnings) io.annotate(w);

  const planPath = path.join(ctx.env.RUNNER_TEMP ?? '.', 'monitors-plan.json');
  mkdirSync(path.dirname(planPath), { recursive: true });
  writeFileSync(planPath, renderTargetsJson(plans.stack, targets));
  const changes = targetsHaveChanges(targets);
  const summary = targetsSummaryLine(targets);
  io.setOutput('has-changes', String(changes));
  io.setOutput('plan-json', planPath);
  io.setOutput('summary', summary);
  io.info(summary);
  const failed = failedTargets(targets);
  for (const t of failed)
    io.warning(`target ${targetLabel(t.target)} was not planned: ${t.error.code}: ${visibleLines(t.error.message)}`);

  const tests = inputs.mode === 'plan' ? await ruleTestsForAction(inputs.directory, ctx.env, io.annotate) : undefined;
  const testSection = tests ? `\n${tests.markdown}` : '';
  if (tests) io.info(tests.summary);
  await io.appendSummary(
    renderTargetsMarkdown(plans.stack, targets, { maxLength: ctx.limits.summary, links: ctx.links }) + testSection,
  );
  await ctx.prComment(
    renderTargetsMarkdown(plans.stack, targets, {
      links: ctx.links,
      maxLength: ctx.limits.comment - testSection.length,
      fullPlanHint: `the full plan is in the job summary of ${event.runUrl}`,
    }) + testSection,
  );
  const failures: string[] = [];
  if (tests?.failed) failures.push(`${tests.summary}: see the annotations on the test files`);
  if (failed.length > 0)
    failures.push(
      `${failed.length} target(s) could not be planned: ${failed.map((t) => targetLabel(t.target)).join(', ')}`,
    );

  if (inputs.mode === 'drift') await reportTargetsDrift(plans.stack, targets, summary, ctx);
  else if (inputs.mode === 'apply' && changes) {
    const applies = await applyTargets(plans.targets, ctx.options, (target) =>
      lineReporter({ write: (text) => io.info(`[${targetLabel(target)}] ${text.trimEnd()}`) }),
    );
    const applied = renderTargetsApplySummary(applies);
    const headline = targetsApplyHeadline(applies);
    io.info(applied);
    await io.appendSummary(`### monitors apply\n\n\`\`\`text\n${applied.replace(/`/g, "'")}\n\`\`\`\n`);
    io.setOutput('summary', headline);
    if (inputs.comment && github)
      await ctx.commentOnMerged(
        `Applied ${event.sha.slice(0, 7)} in ${event.runUrl}.`,
        applied,
        `stack ${mdCode(plans.stack)}, ${targets.length} target(s)`,
      );
    if (targetsIncomplete(applies)) failures.splice(0, failures.length, headline);
  }
  if (failures.length > 0) io.setFailed(failures.join('; '));
}

/**
 * One drift issue for every target: opened or updated while any target's live state differs,
 * closed when every target matches again. A target that could not be read leaves the issue as it is.
 */
async function reportTargetsDrift(
  stack: string,
  targets: ReturnType<typeof targetPlans>,
  summary: string,
  ctx: TargetsActionContext,
): Promise<void> {
  const { github, io, event } = ctx;
  if (!github) {
    io.info('No github-token: drift is reported in the job summary only.');
    return;
  }
  const open = (await github.openIssues(ctx.driftLabel)).filter((i) => i.title.startsWith('monitors drift'));
  const unknown = failedTargets(targets).length > 0;
  if (!targetsHaveChanges(targets)) {
    if (unknown) return;
    for (const issue of open) {
      await github.createComment(
        issue.number,
        `Live state matches ${mdCode(stack)} again in every target (${event.runUrl}). Closing.`,
      );
      await github.updateIssue(issue.number, { state: 'closed' });
      io.info(`Closed drift issue #${issue.number}.`);
    }
    return;
  }
  const body = renderTargetsMarkdown(stack, targets, {
    links: ctx.links,
    maxLength: ctx.limits.comment,
    fullPlanHint: `the full plan is in the job summary of ${event.runUrl}`,
    title: `### Live AWS state has drifted from ${mdCode(stack)} on main\n\nChecked at ${event.sha.slice(0, 7)} by ${event.runUrl}, in ${targets.length} target(s). Merging any change to ${mdCode(ctx.inputs.directory)} (or re-running the apply workflow) puts it back.`,
  });
  const [first] = open;
  if (first) {
    await github.updateIssue(first.number, { body });
    io.info(`Updated drift issue #${first.number}: ${summary}`);
  } else {
    const made = await github.createIssue(`monitors drift: stack ${stack}`, body, [ctx.driftLabel]);
    io.info(`Opened drift issue #${made.number}: ${summary}`);
  }
}
