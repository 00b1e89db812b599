/**
 * The GitHub Action's flow, with GitHub and the runner behind small interfaces so tests can drive it:
 * plan → annotations, job summary, outputs, one pull request comment; apply → the same plan applied;
 * drift → one issue opened, updated or closed.
 */
import { mkdirSync, writeFileSync } from 'fs';
import * as path from 'path';
import { lineReporter } from '../apply/progress';
import { applyHeadline, renderApplySummary } from '../render/apply-summary';
import { applyStack, planStacks, type PlanRun, type RunOptions, type StackPlans } from '../core';
import { ConfigError, MonitorsError, countActions, hasChanges } from '../model';
import { planRefused, refusalMessage } from '../plan/guards';
import { noChanges, renderJson, renderMarkdown, renderMarkdownErrors, summaryLine } from '../render';
import { mdCode, mdText } from '../render/escape';
import type { SourceLinks } from '../render/source-link';
import { GitHubApiError, type GitHubApi } from './api';
import { applyMarker, commentMarker, upsertComment } from './comment';
import type { ActionEvent } from './event';
import type { ActionInputs } from './inputs';
import { ruleTestsForAction } from './rule-tests';
import { backtestMarkdown, backtestPlan } from '../backtest/hook';
import { liveCheckPlan, liveMarkdown, notifyMarkdown } from '../live-checks/hook';
import { applyWithSettle, settleClient, settleText } from '../settle/hook';
import { registerSecret } from './secrets';
import { runTargetsAction } from './targets-action';
import { validateOnly } from './validate-only';

import type { ActionIo } from './action-io';

export type { ActionIo };

/** GitHub's limit is 65,536 characters; the marker line and a margin come off it. */
const COMMENT_LIMIT = 65_000;
/** The job summary may hold 1 MiB per step. */
const SUMMARY_LIMIT = 1_000_000;
/** The backtest's share of the comment: charts while they fit, then one verdict line per alarm. */
const BACKTEST_LIMIT = 24_000;
/** The live checks' share of the comment: findings while they fit, then a count of the rest. */
const LIVE_LIMIT = 8_000;
export const DRIFT_LABEL = 'monitors-drift';

/** Events that may apply: a push (the merge to main) and a person pressing "Run workflow". */
const APPLY_EVENTS = new Set(['push', 'workflow_dispatch']);

/**
 * Why an apply may not run from this ref, or undefined when it may: only the repository's default
 * branch (read from the event payload, never assumed to be "main") and the branches the
 * apply-branches input lists. A tag, a feature branch or an unknown default branch is refused.
 */
export function applyBranchRefusal(event: ActionEvent, applyBranches: readonly string[]): string | undefined {
  const branch = event.ref.startsWith('refs/heads/') ? event.ref.slice('refs/heads/'.length) : undefined;
  const allowed = [...(event.defaultBranch ? [event.defaultBranch] : []), ...applyBranches];
  if (branch !== undefined && allowed.includes(branch)) return undefined;
  const from = `${event.ref || 'an unknown ref'} (${event.name || 'unknown event'})`;
  if (allowed.length === 0) {
    return `mode: apply refused for ${from}: the event payload does not say which branch is the repository's default, so the apply cannot check it runs from there. List the branches that may apply in the apply-branches input.`;
  }
  return `mode: apply runs only from ${allowed.join(', ')}; this run is for ${from}. Merge to ${allowed[0]} to apply, or list the branch in the apply-branches input.`;
}

export async function runAction(
  inputs: ActionInputs,
  event: ActionEvent,
  io: ActionIo,
  github: GitHubApi | undefined,
  env: NodeJS.ProcessEnv,
): Promise<void> {
  if (inputs.mode === 'apply' && (!APPLY_EVENTS.has(event.name) || event.pullRequest)) {
    io.setFailed(
      `mode: apply runs only on push or workflow_dispatch, never for ${event.name || 'this event'}: a pull request must not change AWS. Use mode: plan.`,
    );
    return;
  }
  if (inputs.mode === 'validate') return validateOnly(inputs, io, env);
  const refused = inputs.mode === 'apply' ? applyBranchRefusal(event, inputs.applyBranches) : undefined;
  if (refused) {
    io.setFailed(refused);
    return;
  }
  const marker = commentMarker(inputs.directory);
  const prComment = async (body: string) => {
    if (inputs.mode !== 'plan' || !inputs.comment || !event.pullRequest || !github) return;
    if (event.pullRequest.fromFork) {
      // A fork's pull_request run gets a read-only token; the job summary carries the plan instead.
      io.info('Pull request from a fork: not commenting (the token is read-only). The plan is in the job summary.');
      return;
    }
    const { created } = await upsertComment(github, event.pullRequest.number, marker, body);
    io.info(`${created ? 'Created' : 'Updated'} the plan comment on pull request #${event.pullRequest.number}.`);
  };

  const options: RunOptions = {
    directory: inputs.directory,
    region: inputs.region,
    regionName: 'the region input',
    endpointUrl: inputs.endpointUrl,
    adopt: true,
    allowMassDelete: inputs.allowMassDelete,
    maxDeleteShare: 0.5,
    requestTimeoutSeconds: inputs.requestTimeoutSeconds,
    env,
    // Two merges in quick succession: the second apply waits for the first rather than failing.
    lockWaitSeconds: 300,
    // Registered the moment each value is read, before validation can print anything.
    onSecret: (value) => registerSecret(io, value),
  };

  let plans: StackPlans;
  try {
    plans = await planStacks(options);
  } catch (err) {
    if (err instanceof ConfigError) {
      for (const d of err.diagnostics) io.annotate(d);
      const body = renderMarkdownErrors(err.diagnostics);
      await io.appendSummary(body);
      await prComment(body);
      io.setOutput('has-changes', 'false');
      io.setOutput('summary', err.message);
      io.setFailed(`${err.message}: see the annotations on the files`);
      return;
    }
    if (err instanceof MonitorsError) {
      const body = `### monitors: the plan failed\n\n\`${err.code}\`: ${mdText(err.message)}\n`;
      await io.appendSummary(body);
      await prComment(body);
      io.setFailed(err.message);
      return;
    }
    throw err;
  }

  if (plans.targets)
    return runTargetsAction(plans, {
      inputs,
      event,
      io,
      github,
      env,
      options,
      prComment,
      links: sourceLinks(event),
      limits: { comment: COMMENT_LIMIT - marker.length, summary: SUMMARY_LIMIT },
      driftLabel: DRIFT_LABEL,
      commentOnMerged: (outcome, text, heading) =>
        github
          ? commentOnMergedPullRequest(github, event, heading, inputs.directory, io, { outcome, text })
          : Promise.resolve(),
    });
  const { run } = plans;
  for (const w of run.desired.warnings) io.annotate(w);

  const planPath = path.join(env.RUNNER_TEMP ?? '.', 'monitors-plan.json');
  mkdirSync(path.dirname(planPath), { recursive: true });
  writeFileSync(planPath, renderJson(run.plan));
  const summary = hasChanges(run.plan) ? summaryLine(countActions(run.plan)) : noChanges(run.plan);
  io.setOutput('has-changes', String(hasChanges(run.plan)));
  io.setOutput('plan-json', planPath);
  io.setOutput('summary', summary);
  io.info(summary);

  // Rule tests run offline beside the plan of a pull request; their section ends the comment.
  const tests = inputs.mode === 'plan' ? await ruleTestsForAction(inputs.directory, env, io.annotate) : undefined;
  const testSection = tests ? `\n${tests.markdown}` : '';
  if (tests) io.info(tests.summary);
  // The backtest reads history (never writes) and has its own share of the comment; see src/backtest/.
  const backtest = inputs.mode === 'plan' && inputs.backtest ? await backtestPlan(run, options) : undefined;
  const backtestSection = backtestMarkdown(backtest, BACKTEST_LIMIT);
  // The live checks (series, data, filter samples) and the cost line; see src/live-checks/.
  const live = inputs.mode === 'plan' ? await liveCheckPlan(run, options, { skip: !inputs.liveChecks }) : undefined;
  const liveSection = live ? liveMarkdown(live, LIVE_LIMIT) + notifyMarkdown(run.plan, backtest) : '';
  const links = sourceLinks(event);
  await io.appendSummary(
    renderMarkdown(run.plan, { maxLength: SUMMARY_LIMIT, links }) +
      (live ? liveMarkdown(live, SUMMARY_LIMIT / 4) + notifyMarkdown(run.plan, backtest) : '') +
      backtestMarkdown(backtest, SUMMARY_LIMIT / 4) +
      testSection,
  );
  await prComment(
    renderMarkdown(run.plan, {
      links,
      maxLength: COMMENT_LIMIT - marker.length - testSection.length - backtestSection.length - liveSection.length,
      fullPlanHint: `the full plan is in the job summary of ${event.runUrl}`,
    }) +
      liveSection +
      backtestSection +
      testSection,
  );
  if (tests?.failed) io.setFailed(`${tests.summary}: see the annotations on the test files`);

  if (planRefused(run.plan)) {
    // A merge that cannot be applied is news for its pull request as much as one that was.
    if (inputs.mode === 'apply' && inputs.comment && github)
      await commentOnMergedPullRequest(github, event, stackHeading(run), inputs.directory, io, {
        outcome: `Not applied: a guard refused the plan computed at ${event.sha.slice(0, 7)} in ${event.runUrl}.`,
        text: refusalMessage(run.plan),
      });
    io.setFailed(refusalMessage(run.plan));
    return;
  }
  if (inputs.mode === 'drift') return reportDrift(run, summary, event, github, io);
  if (inputs.mode !== 'apply' || !hasChanges(run.plan)) return;

  let result;
  let settleNote = '';
  try {
    const applyNow = () => applyStack(run, options, lineReporter({ write: (text) => io.info(text.trimEnd()) }));
    if (inputs.settleSeconds === undefined) result = await applyNow();
    else {
      const settled = await applyWithSettle(run, settleClient(run, options), inputs.settleSeconds, applyNow);
      result = settled.result;
      settleNote = settleText(settled.settle).trim();
    }
  } catch (err) {
    // A held lock (another apply of the stack) or a refusal: nothing was written; say why where people look.
    if (!(err instanceof MonitorsError)) throw err;
    // In a fenced block, with backticks replaced, so a lock holder's name cannot inject markdown or HTML.
    const text = `${err.code}: ${err.message}`.replace(/`/g, "'");
    await io.appendSummary(`### monitors apply: not started\n\n\`\`\`text\n${text}\n\`\`\`\n`);
    io.setOutput('summary', err.message);
    io.setFailed(err.message);
    return;
  }
  const applied = renderApplySummary(result) + (settleNote ? `\n${settleNote}` : '');
  io.info(applied);
  await io.appendSummary(`### monitors apply\n\n\`\`\`text\n${applied}\n\`\`\`\n`);
  io.setOutput('summary', applyHeadline(result));
  if (inputs.comment && github)
    await commentOnMergedPullRequest(github, event, stackHeading(run), inputs.directory, io, {
      outcome: `Applied ${event.sha.slice(0, 7)} in ${event.runUrl}.`,
      text: applied,
    });
  if (result.failed + result.skipped > 0) io.setFailed(applyHeadline(result));
}

/**
 * The apply's result as a comment on the pull request whose merge it applied, so the author sees it
 * where they asked for it. The comment is a courtesy: a token that may not read or write pull requests
 * (403) or a commit GitHub does not know (404) is a warning, never a failed apply.
 */
/** How an apply comment names a stack without targets: its name and region. */
function stackHeading(run: PlanRun): string {
  return `stack ${mdCode(run.plan.stack)} (${run.plan.region})`;
}

async function commentOnMergedPullRequest(
  github: GitHubApi,
  event: ActionEvent,
  heading: string,
  directory: string,
  io: ActionIo,
  result: { readonly outcome: string; readonly text: string },
): Promise<void> {
  const applied = result.text;
  try {
    const pulls = await github.pullRequestsOfCommit(event.sha);
    const merged = pulls.find((p) => p.merge_commit_sha === event.sha && p.merged_at) ?? pulls.find((p) => p.merged_at);
    if (!merged) {
      io.info(`No merged pull request contains ${event.sha.slice(0, 7)}: the apply result is in the job summary only.`);
      return;
    }
    const head = `### monitors apply: ${heading}\n\n${result.outcome}\n\n`;
    // A fence longer than any run of backticks in the text, so no resource name can close it.
    const fence = (text: string) => {
      const ticks = '`'.repeat(Math.max(3, ...(text.match(/`+/g) ?? []).map((r) => r.length + 1)));
      return `${ticks}text\n${text}\n${ticks}\n`;
    };
    const room = COMMENT_LIMIT - applyMarker(directory).length - head.length - 200;
    const body =
      applied.length <= room
        ? fence(applied)
        : `${fence(applied.slice(0, applied.lastIndexOf('\n', room)))}\n_The rest is in the job summary of ${event.runUrl}._\n`;
    await github.createComment(merged.number, `${applyMarker(directory)}\n${head}${body}`);
    io.info(`Posted the apply result on pull request #${merged.number}.`);
  } catch (err) {
    if (err instanceof GitHubApiError && (err.status === 403 || err.status === 404)) {
      io.warning(
        `Could not post the apply result on the merged pull request (GitHub answered ${err.status}); give the workflow "pull-requests: write" to get it there. The result is in the job summary.`,
      );
      return;
    }
    throw err;
  }
}

/** Links to the declarations at the commit planned: the pull request's head, else the pushed commit. */
function sourceLinks(event: ActionEvent): SourceLinks | undefined {
  const sha = event.pullRequest ? event.pullRequest.headSha : event.sha;
  if (!sha) return undefined;
  return { serverUrl: event.serverUrl, owner: event.owner, repo: event.repo, sha };
}

/** One drift issue: opened or updated while live state differs from main, closed when it matches again. */
async function reportDrift(
  run: PlanRun,
  summary: string,
  event: ActionEvent,
  github: GitHubApi | undefined,
  io: ActionIo,
): Promise<void> {
  if (!github) {
    io.info('No github-token: drift is reported in the job summary only.');
    return;
  }
  const open = (await github.openIssues(DRIFT_LABEL)).filter((i) => i.title.startsWith('monitors drift'));
  if (!hasChanges(run.plan)) {
    for (const issue of open) {
      await github.createComment(
        issue.number,
        `Live state matches ${mdCode(run.plan.stack)} again (${event.runUrl}). Closing.`,
      );
      await github.updateIssue(issue.number, { state: 'closed' });
      io.info(`Closed drift issue #${issue.number}.`);
    }
    return;
  }
  const body = renderMarkdown(run.plan, {
    links: sourceLinks(event),
    maxLength: COMMENT_LIMIT,
    fullPlanHint: `the full plan is in the job summary of ${event.runUrl}`,
    title: `### Live AWS state has drifted from ${mdCode(run.plan.stack)} on main\n\nChecked at ${event.sha.slice(0, 7)} by ${event.runUrl}. Merging any change to ${mdCode(run.plan.directory ?? 'monitors')} (or re-running the apply workflow) puts it back.`,
  });
  const [first] = open;
  if (first) {
    await github.updateIssue(first.number, { body });
    io.info(`Updated drift issue #${first.number}: ${summary}`);
  } else {
    const made = await github.createIssue(`monitors drift: stack ${run.plan.stack}`, body, [DRIFT_LABEL]);
    io.info(`Opened drift issue #${made.number}: ${summary}`);
  }
}
