/** The few GitHub REST endpoints the action uses, over fetch; no client library needed for five calls. */
import { MonitorsError } from '../model';

/** How long one GitHub API call may take, answer body included, unless the action's request-timeout says otherwise. */
export const GITHUB_TIMEOUT_MS = 30_000;

export class GitHubApiError extends Error {
  constructor(
    readonly status: number,
    readonly method: string,
    readonly path: string,
    body: string,
  ) {
    super(`GitHub API ${method} ${path} answered ${status}: ${body.slice(0, 300)}`);
    this.name = 'GitHubApiError';
  }
}

export interface IssueComment {
  readonly id: number;
  readonly body: string;
  readonly user?: { readonly login: string; readonly type: string } | null;
}

export interface Issue {
  readonly number: number;
  readonly body: string;
  readonly title: string;
}

/** A pull request as the commits/{sha}/pulls listing gives it (the fields the action reads). */
export interface PullRequestRef {
  readonly number: number;
  readonly state: string;
  readonly merged_at?: string | null;
  readonly merge_commit_sha?: string | null;
}

export class GitHubApi {
  constructor(
    private readonly apiUrl: string,
    private readonly token: string,
    private readonly owner: string,
    private readonly repo: string,
    private readonly timeoutMs: number = GITHUB_TIMEOUT_MS,
  ) {}

  /** One call, bounded by timeoutMs from sending to the last byte of the answer; not retried. */
  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    try {
      return await this.send<T>(method, path, body);
    } catch (err) {
      const e = err as { name?: string } | null;
      if (e?.name !== 'TimeoutError' && e?.name !== 'AbortError') throw err;
      // The path names the operation; the query (page numbers, labels) adds nothing and the token is never in it.
      throw new MonitorsError(
        'TIMEOUT',
        `GitHub API ${method} ${path.split('?')[0]} timed out: ${new URL(this.apiUrl).origin} did not answer within ` +
          `${this.timeoutMs / 1000} s. Check GitHub's status, or raise the action input request-timeout.`,
        'user',
        { cause: err },
      );
    }
  }

  private async send<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.apiUrl}${path}`, {
      // Covers the body too: a server that sends headers and then stalls is cut off as well.
      signal: AbortSignal.timeout(this.timeoutMs),
      method,
      headers: {
        accept: 'application/vnd.github+json',
        authorization: `Bearer ${this.token}`,
        'x-github-api-version': '2022-11-28',
        'user-agent': 'monitors-action',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new GitHubApiError(res.status, method, path, text);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  private get base(): string {
    return `/repos/${encodeURIComponent(this.owner)}/${encodeURIComponent(this.repo)}`;
  }

  /** Every comment on an issue or pull request, all pages. */
  async listComments(issue: number): Promise<IssueComment[]> {
    const out: IssueComment[] = [];
    for (let page = 1; ; page++) {
      const batch = await this.call<IssueComment[]>(
        'GET',
        `${this.base}/issues/${issue}/comments?per_page=100&page=${page}`,
      );
      out.push(...batch);
      if (batch.length < 100) return out;
    }
  }

  createComment(issue: number, body: string): Promise<IssueComment> {
    return this.call('POST', `${this.base}/issues/${issue}/comments`, { body });
  }

  updateComment(id: number, body: string): Promise<IssueComment> {
    return this.call('PATCH', `${this.base}/issues/comments/${id}`, { body });
  }

  /** The pull requests a commit belongs to; for a merge commit on the default branch, the one merged. */
  pullRequestsOfCommit(sha: string): Promise<PullRequestRef[]> {
    return this.call('GET', `${this.base}/commits/${encodeURIComponent(sha)}/pulls?per_page=100`);
  }

  /** Open issues carrying a label (first 100: the action keeps at most one per label). */
  openIssues(label: string): Promise<Issue[]> {
    return this.call('GET', `${this.base}/issues?state=open&labels=${encodeURIComponent(label)}&per_page=100`);
  }

  createIssue(title: string, body: string, labels: readonly string[]): Promise<Issue> {
    return this.call('POST', `${this.base}/issues`, { title, body, labels });
  }

  updateIssue(issue: number, fields: { body?: string; state?: 'open' | 'closed' }): Promise<Issue> {
    return this.call('PATCH', `${this.base}/issues/${issue}`, fields);
  }
}
