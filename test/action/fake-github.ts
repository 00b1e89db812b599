/**
 * A loopback HTTP server speaking the few GitHub REST endpoints the action uses, with state in
 * memory: issue and pull request comments, and issues. It refuses requests without the token, as
 * GitHub does, and records every request so tests can see what the action did.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'http';
import type { AddressInfo } from 'net';

export interface FakeComment {
  id: number;
  body: string;
  user: { login: string; type: 'Bot' | 'User' };
}
export interface FakeIssue {
  number: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
  labels: string[];
}

export interface FakePull {
  number: number;
  state: 'open' | 'closed';
  merged_at: string | null;
  merge_commit_sha: string | null;
}

export interface FakeGitHub {
  readonly url: string;
  readonly comments: Map<number, FakeComment[]>;
  readonly issues: Map<number, FakeIssue>;
  /** The pull requests GET /commits/{sha}/pulls lists for a commit (none when absent). */
  readonly pullsOfCommit: Map<string, FakePull[]>;
  /** Paths answered with this status instead (a token without a permission, say), by "METHOD /path". */
  readonly refuse: Map<string, number>;
  readonly requests: { method: string; path: string }[];
  stop(): Promise<void>;
}

export async function startFakeGitHub(options: { owner: string; repo: string; token: string }): Promise<FakeGitHub> {
  const comments = new Map<number, FakeComment[]>();
  const issues = new Map<number, FakeIssue>();
  const pullsOfCommit = new Map<string, FakePull[]>();
  const refuse = new Map<string, number>();
  const requests: { method: string; path: string }[] = [];
  let nextId = 1000;
  let nextIssue = 100;
  const base = `/repos/${options.owner}/${options.repo}`;

  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const readBody = (req: IncomingMessage) =>
    new Promise<Record<string, unknown>>((resolve) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () =>
        resolve(chunks.length ? (JSON.parse(Buffer.concat(chunks).toString()) as Record<string, unknown>) : {}),
      );
    });

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    requests.push({ method: req.method ?? '', path: url.pathname });
    if (req.headers.authorization !== `Bearer ${options.token}`) return send(res, 401, { message: 'Bad credentials' });
    const refused = refuse.get(`${req.method} ${url.pathname}`);
    if (refused !== undefined) return send(res, refused, { message: 'Resource not accessible by integration' });
    const body = req.method === 'GET' ? {} : await readBody(req);
    let m: RegExpExecArray | null;

    if ((m = new RegExp(`^${base}/commits/([0-9a-f]{7,40})/pulls$`).exec(url.pathname)) && req.method === 'GET') {
      // GitHub answers 422 for a SHA it does not know; a known commit without pull requests gives [].
      return send(res, 200, pullsOfCommit.get(m[1] as string) ?? []);
    }

    if ((m = new RegExp(`^${base}/issues/(\\d+)/comments$`).exec(url.pathname))) {
      const issue = Number(m[1]);
      const list = comments.get(issue) ?? [];
      if (req.method === 'GET') {
        const perPage = Number(url.searchParams.get('per_page') ?? 30);
        const page = Number(url.searchParams.get('page') ?? 1);
        return send(res, 200, list.slice((page - 1) * perPage, page * perPage));
      }
      if (req.method === 'POST') {
        if (typeof body.body !== 'string') return send(res, 422, { message: 'body is required' });
        if (body.body.length > 65536)
          return send(res, 422, { message: 'Body is too long (maximum is 65536 characters)' });
        // The action's token is the GitHub Actions bot's.
        const c: FakeComment = { id: nextId++, body: body.body, user: { login: 'github-actions[bot]', type: 'Bot' } };
        comments.set(issue, [...list, c]);
        return send(res, 201, c);
      }
    }
    if ((m = new RegExp(`^${base}/issues/comments/(\\d+)$`).exec(url.pathname)) && req.method === 'PATCH') {
      const id = Number(m[1]);
      const found = [...comments.values()].flat().find((c) => c.id === id);
      if (!found) return send(res, 404, { message: 'Not Found' });
      if (typeof body.body !== 'string' || body.body.length > 65536) return send(res, 422, { message: 'bad body' });
      found.body = body.body;
      return send(res, 200, found);
    }
    if (url.pathname === `${base}/issues`) {
      if (req.method === 'GET') {
        const label = url.searchParams.get('labels');
        const state = url.searchParams.get('state') ?? 'open';
        return send(
          res,
          200,
          [...issues.values()].filter((i) => i.state === state && (!label || i.labels.includes(label))),
        );
      }
      if (req.method === 'POST') {
        const issue: FakeIssue = {
          number: nextIssue++,
          title: String(body.title),
          body: String(body.body ?? ''),
          state: 'open',
          labels: (body.labels as string[] | undefined) ?? [],
        };
        issues.set(issue.number, issue);
        return send(res, 201, issue);
      }
    }
    if ((m = new RegExp(`^${base}/issues/(\\d+)$`).exec(url.pathname)) && req.method === 'PATCH') {
      const issue = issues.get(Number(m[1]));
      if (!issue) return send(res, 404, { message: 'Not Found' });
      if (typeof body.body === 'string') issue.body = body.body;
      if (body.state === 'open' || body.state === 'closed') issue.state = body.state;
      return send(res, 200, issue);
    }
    return send(res, 404, { message: `no fake for ${req.method} ${url.pathname}` });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    comments,
    issues,
    pullsOfCommit,
    refuse,
    requests,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
