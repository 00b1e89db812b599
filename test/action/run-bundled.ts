/** Runs the bundled action (node dist/index.js) as the runner would: GITHUB_* env, INPUT_* inputs, files. */
import { execFile } from 'child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import type { TestAccount } from '../harness/emulator';

export const DIST = path.join(__dirname, '..', '..', 'dist', 'index.js');
export const OWNER = 'acme';
export const REPO = 'shop';
export const TOKEN = 'ghs_faketoken0123456789';
export const RUN_ID = '4242';

declare global {
  /** Set by jest.config.js for the "action on Node 24" project: the node binary the runner would use. */
  var __MONITORS_ACTION_NODE__: string | undefined;
}

/** The node that runs the bundle: the project's configured binary (CI: Node 24 from npm), else this one. */
export const ACTION_NODE = globalThis.__MONITORS_ACTION_NODE__ ?? process.execPath;

const made: string[] = [];

/** A checkout: a temporary workspace holding a monitors/ directory. */
export function workspace(files?: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'monitors-ws-'));
  made.push(dir);
  const monitors = path.join(dir, 'monitors');
  if (files) {
    mkdirSync(monitors);
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(monitors, name), text);
  } else cpSync(path.join(__dirname, '..', '..', 'monitors'), monitors, { recursive: true });
  return dir;
}

export function removeWorkspaces(): void {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
}

/** The pull request's head commit; GITHUB_SHA of a pull_request run is a merge commit instead. */
export const HEAD_SHA = '5ca1ab1e'.repeat(5);
/** The commit a push to main runs at (GITHUB_SHA). */
export const PUSH_SHA = 'c0ffee0123456789';

export const pullRequestEvent = (number: number, fork = false) => ({
  name: 'pull_request',
  payload: {
    action: 'synchronize',
    number,
    pull_request: {
      number,
      head: { sha: HEAD_SHA, repo: { full_name: fork ? 'mallory/shop' : `${OWNER}/${REPO}` } },
      base: { repo: { full_name: `${OWNER}/${REPO}` } },
    },
  },
});
export const pushEvent = {
  name: 'push',
  payload: {
    ref: 'refs/heads/main',
    after: PUSH_SHA,
    repository: { full_name: `${OWNER}/${REPO}`, default_branch: 'main' },
  },
};
/** "Run workflow" pressed on a branch; GITHUB_REF is that branch (pass it in env). */
export const dispatchEvent = (defaultBranch = 'main') => ({
  name: 'workflow_dispatch',
  payload: { inputs: {}, repository: { full_name: `${OWNER}/${REPO}`, default_branch: defaultBranch } },
});
export const scheduleEvent = { name: 'schedule', payload: { schedule: '0 6 * * *' } };

export interface ActionRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly outputs: Record<string, string>;
  readonly summary: string;
}

/** Parses the GITHUB_OUTPUT file format: `name<<DELIMITER\nvalue\nDELIMITER`. */
function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /^(.+?)<<(.+)\n([\s\S]*?)\n\2$/gm;
  for (const m of text.matchAll(re)) out[m[1] as string] = m[3] as string;
  return out;
}

export async function runBundledAction(options: {
  readonly cwd: string;
  readonly event: { name: string; payload: unknown };
  readonly inputs: Record<string, string>;
  readonly account: TestAccount;
  readonly githubUrl: string;
  readonly env?: Record<string, string>;
}): Promise<ActionRun> {
  const runnerTemp = mkdtempSync(path.join(tmpdir(), 'monitors-runner-'));
  made.push(runnerTemp);
  const eventPath = path.join(runnerTemp, 'event.json');
  const outputPath = path.join(runnerTemp, 'output.txt');
  const summaryPath = path.join(runnerTemp, 'summary.md');
  writeFileSync(eventPath, JSON.stringify(options.event.payload));
  writeFileSync(outputPath, '');
  writeFileSync(summaryPath, '');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_EVENT_NAME: options.event.name,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: `${OWNER}/${REPO}`,
    GITHUB_API_URL: options.githubUrl,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_RUN_ID: RUN_ID,
    GITHUB_SHA: options.event.name === 'pull_request' ? 'e1e1e1e1'.repeat(5) : PUSH_SHA,
    GITHUB_REF: options.event.name === 'pull_request' ? 'refs/pull/7/merge' : 'refs/heads/main',
    GITHUB_WORKSPACE: options.cwd,
    GITHUB_OUTPUT: outputPath,
    GITHUB_STEP_SUMMARY: summaryPath,
    RUNNER_TEMP: runnerTemp,
    AWS_ACCESS_KEY_ID: options.account.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: options.account.credentials.secretAccessKey,
    AWS_REGION: options.account.region,
    ...Object.fromEntries(
      Object.entries({ 'github-token': TOKEN, 'endpoint-url': options.account.endpoint, ...options.inputs }).map(
        ([k, v]) => [`INPUT_${k.toUpperCase()}`, v],
      ),
    ),
    ...options.env,
  };
  return new Promise((resolve) => {
    execFile(ACTION_NODE, [DIST], { cwd: options.cwd, env, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? ((err as { code?: number }).code ?? 1) : 0;
      resolve({
        code: typeof code === 'number' ? code : 1,
        stdout,
        stderr,
        outputs: parseOutputs(readFileSync(outputPath, 'utf8')),
        summary: readFileSync(summaryPath, 'utf8'),
      });
    });
  });
}
