/**
 * setup/roles.yaml: the roles a new team deploys. It is what `monitors roles-template` generates for the
 * example stack (kept in sync), its policies are `monitors iam-policy`'s, its trust conditions let only
 * pull requests and the default branch plan and only the `monitors` environment apply, and cfn-lint
 * (from PyPI, scripts/install-cfn-lint.sh) finds nothing in it.
 */
import { runCliCaptured } from '../harness/run-cli';
import { execFile } from 'child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { promisify } from 'util';
import { parse } from 'yaml';

const ROOT = path.join(__dirname, '..', '..');
const TEMPLATE = path.join(ROOT, 'setup', 'roles.yaml');
const CFN_LINT = path.join(ROOT, '.venv-cfnlint', 'bin', 'cfn-lint');
const run = promisify(execFile);

const cli = (argv: string[]) => runCliCaptured(argv);

/** cfn-lint's exit code and findings for a template text. */
async function cfnLint(text: string): Promise<{ code: number; output: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'monitors-cfn-'));
  try {
    const file = path.join(dir, 'template.yaml');
    writeFileSync(file, text);
    return await run(CFN_LINT, [file]).then(
      (r) => ({ code: 0, output: r.stdout + r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, output: e.stdout + e.stderr }),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

type Json = Record<string, unknown>;
const template = parse(readFileSync(TEMPLATE, 'utf8')) as { Resources: Record<string, { Properties: Json }> };

/** A CloudFormation value with Fn::Sub resolved for one account. */
function resolved(value: unknown, accountId: string): unknown {
  if (Array.isArray(value)) return value.map((v) => resolved(v, accountId));
  if (value && typeof value === 'object') {
    const sub = (value as Json)['Fn::Sub'];
    if (typeof sub === 'string') return sub.replace(/\$\{AWS::AccountId\}/g, accountId);
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolved(v, accountId)]));
  }
  return value;
}

const properties = (name: string) => template.Resources[name]?.Properties as Json;
const trust = (name: string) =>
  (properties(name).AssumeRolePolicyDocument as { Statement: { Condition: { StringEquals: Json } }[] }).Statement;

test('setup/roles.yaml is what `monitors roles-template monitors` prints (regenerate it with that command)', async () => {
  const r = await cli(['roles-template', 'monitors']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(r.stdout).toBe(readFileSync(TEMPLATE, 'utf8'));
});

test("the roles' policies are exactly what `monitors iam-policy` prints for the stack", async () => {
  // iam-policy without an account prints "*" where the template has the deploying account.
  const policyOf = (name: string) =>
    resolved((properties(name).Policies as { PolicyDocument: unknown }[])[0]?.PolicyDocument, '*');
  for (const [role, mode] of [
    ['PlanRole', 'plan'],
    ['ApplyRole', 'apply'],
  ] as const) {
    const printed = await cli(['iam-policy', '--mode', mode, 'monitors']);
    expect(printed.code).toBe(0);
    expect([role, policyOf(role)]).toEqual([role, JSON.parse(printed.stdout)]);
  }
  expect(JSON.stringify(policyOf('ApplyRole'))).toContain('"aws:ResourceTag/monitors:stack":"teachme"');
});

test('pull requests and the default branch (drift) may plan; only the monitors environment may apply', () => {
  const issuer = 'token.actions.githubusercontent.com';
  const [plan] = trust('PlanRole');
  const [apply] = trust('ApplyRole');
  expect(trust('PlanRole')).toHaveLength(1);
  expect(trust('ApplyRole')).toHaveLength(1);
  expect(plan?.Condition.StringEquals).toEqual({
    [`${issuer}:aud`]: 'sts.amazonaws.com',
    [`${issuer}:sub`]: [
      { 'Fn::Sub': 'repo:${GitHubRepository}:pull_request' },
      { 'Fn::Sub': 'repo:${GitHubRepository}:ref:refs/heads/${DefaultBranch}' },
    ],
  });
  expect(apply?.Condition.StringEquals).toEqual({
    [`${issuer}:aud`]: 'sts.amazonaws.com',
    [`${issuer}:sub`]: [{ 'Fn::Sub': 'repo:${GitHubRepository}:environment:${EnvironmentName}' }],
  });
  // No wildcard subject anywhere: a StringLike on sub would let any branch or event in.
  expect(readFileSync(TEMPLATE, 'utf8')).not.toMatch(/StringLike|:sub: "?repo:[^\n]*\*/);
});

test('cfn-lint finds nothing in the template, and does find a broken one', async () => {
  const text = readFileSync(TEMPLATE, 'utf8');
  expect(await cfnLint(text)).toEqual({ code: 0, output: '' });
  const broken = await cfnLint(text.replace('Type: AWS::IAM::OIDCProvider', 'Type: AWS::IAM::OidcProviderX'));
  expect(broken.code).not.toBe(0);
  expect(broken.output).toMatch(/E3006 Resource type 'AWS::IAM::OidcProviderX' does not exist/);
});
