import { readFileSync } from 'fs';
import { MonitorsError } from '../model';

/** What the action needs to know about the workflow run that started it. */
export interface ActionEvent {
  /** GITHUB_EVENT_NAME: pull_request, push, schedule, workflow_dispatch, ... */
  readonly name: string;
  readonly owner: string;
  readonly repo: string;
  readonly apiUrl: string;
  /** GITHUB_SERVER_URL: https://github.com, or a GitHub Enterprise host. */
  readonly serverUrl: string;
  /** Link to this run, where the job summary (the full plan) is. */
  readonly runUrl: string;
  readonly sha: string;
  readonly ref: string;
  /** The repository's default branch, from the event payload (push and workflow_dispatch carry it). */
  readonly defaultBranch?: string;
  /** Set for pull_request events. */
  readonly pullRequest?: {
    readonly number: number;
    /** True when the head branch lives in another repository. */
    readonly fromFork: boolean;
    /** The head commit: GITHUB_SHA of a pull_request run is a merge commit that no link should name. */
    readonly headSha?: string;
  };
}

interface PullRequestPayload {
  readonly repository?: { readonly default_branch?: unknown };
  readonly pull_request?: {
    readonly number?: number;
    readonly head?: { readonly sha?: string; readonly repo?: { readonly full_name?: string } | null };
    readonly base?: { readonly repo?: { readonly full_name?: string } };
  };
}

/** Reads the run's context from the GITHUB_* environment the runner sets. */
export function readEvent(env: NodeJS.ProcessEnv): ActionEvent {
  const repository = env.GITHUB_REPOSITORY ?? '';
  const [owner, repo] = repository.split('/');
  if (!owner || !repo)
    throw new MonitorsError('USAGE', 'GITHUB_REPOSITORY is not set: is this running in GitHub Actions?');
  const name = env.GITHUB_EVENT_NAME ?? '';
  let payload: PullRequestPayload = {};
  if (env.GITHUB_EVENT_PATH) {
    try {
      payload = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) as PullRequestPayload;
    } catch (err) {
      throw new MonitorsError(
        'USAGE',
        `cannot read the event payload ${env.GITHUB_EVENT_PATH}: ${(err as Error).message}`,
      );
    }
  }
  const pr = payload.pull_request;
  const serverUrl = env.GITHUB_SERVER_URL ?? 'https://github.com';
  return {
    name,
    owner,
    repo,
    apiUrl: (env.GITHUB_API_URL ?? 'https://api.github.com').replace(/\/$/, ''),
    serverUrl: serverUrl.replace(/\/$/, ''),
    runUrl: `${serverUrl}/${repository}/actions/runs/${env.GITHUB_RUN_ID ?? ''}`,
    sha: env.GITHUB_SHA ?? '',
    ref: env.GITHUB_REF ?? '',
    defaultBranch:
      typeof payload.repository?.default_branch === 'string' && payload.repository.default_branch !== ''
        ? payload.repository.default_branch
        : undefined,
    pullRequest:
      pr?.number !== undefined
        ? {
            number: pr.number,
            fromFork: (pr.head?.repo?.full_name ?? '') !== (pr.base?.repo?.full_name ?? repository),
            headSha: typeof pr.head?.sha === 'string' && /^[0-9a-f]{40}$/.test(pr.head.sha) ? pr.head.sha : undefined,
          }
        : undefined,
  };
}
