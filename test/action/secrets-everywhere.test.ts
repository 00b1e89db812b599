/**
 * One stack with secrets in three fields, applied with old values, then planned, drift-checked and
 * applied again with new ones: through the CLI (text, markdown, JSON, --out, progress, apply
 * summary, stderr) and the bundled action (annotations, job summary, outputs, plan JSON, pull
 * request comment, drift issue, log). Every channel is searched for every old and new value and
 * its obvious transforms. The old values exist only in AWS by then: no runner masking can hide
 * them, only the marks can.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { PassThrough } from 'stream';
import { runCli } from '../../src/cli/run';
import { freshAccount, type TestAccount } from '../harness/emulator';
import { startFakeGitHub, type FakeGitHub } from './fake-github';
import {
  OWNER,
  REPO,
  TOKEN,
  pullRequestEvent,
  pushEvent,
  removeWorkspaces,
  runBundledAction,
  scheduleEvent,
  workspace,
} from './run-bundled';

const OLD = {
  HOOK: 'https://127.0.0.1:9/services/T0/B0/OldHookTOKEN111',
  MAIL: 'Old.Oncall.Person@EXAMPLE.COM',
  DESC: 'old "quoted" \\ SECRET-DESC-111',
  HTTP: 'http://127.0.0.1:9/OldHttpTOKEN111',
  JSONMAIL: 'Old.Json.Person@EXAMPLE.COM',
  SMS: '+15555550111',
  SLACK: 'https://hooks.slack.com/services/T0/B0/OldSlackTOKEN111',
  TAG: 'OldTagCANARY111',
};
const NEW = {
  HOOK: 'https://127.0.0.1:9/services/T0/B0/NewHookTOKEN222',
  MAIL: 'New.Oncall.Person@EXAMPLE.COM',
  DESC: 'new "quoted" \\ SECRET-DESC-222',
  HTTP: 'http://127.0.0.1:9/NewHttpTOKEN222',
  JSONMAIL: 'New.Json.Person@EXAMPLE.COM',
  SMS: '+15555550222',
  SLACK: 'https://hooks.slack.com/services/T0/B0/NewSlackTOKEN222',
  TAG: 'NewTagCANARY222',
};
// The parts of each value that must never show (a URL's scheme and host may).
const NEEDLES = [
  'OldHookTOKEN111',
  'Old.Oncall.Person',
  'SECRET-DESC-111',
  'NewHookTOKEN222',
  'New.Oncall.Person',
  'SECRET-DESC-222',
  '/services/T0',
  'HttpTOKEN',
  'Json.Person',
  '5555550111',
  '5555550222',
  'SlackTOKEN',
  'TagCANARY',
  'NameCANARY',
];
const forms = (s: string) => [s, s.toLowerCase(), s.toUpperCase(), JSON.stringify(s).slice(1, -1)];

// A value from the environment in every field that accepts one (config/env-fields.ts); a name from
// it is refused (the validation error below).
const FILES = {
  'stack.yaml': 'stack:\n  name: leaky\n  region: us-east-1\n  tags:\n    cost: ${env:TAG}\n',
  'chat.yaml': [
    'topics:',
    '  - name: chat',
    '    tags: { team: "${env:TAG}" }',
    '    subscriptions:',
    '      - https: ${env:HOOK}',
    '      - email: ${env:MAIL}',
    '      - http: ${env:HTTP}',
    '      - email-json: ${env:JSONMAIL}',
    '      - sms: ${env:SMS}',
    '      - slack: ${env:SLACK}',
    'alarms:',
    '  - name: leaky-errors',
    '    description: ${env:DESC}',
    '    tags: { shard: "${env:TAG}" }',
    '    metric: { namespace: Leaky, name: Errors, stat: Sum }',
    "    threshold: '>= 1'",
    '    notify: chat',
    '',
  ].join('\n'),
  // Rotating the five endpoints replaces their subscriptions (a subscription is its endpoint): five
  // deletes. With only the seven resources above, that is over the mass-delete share; the guard is
  // not what this test is about, so a few plain log groups keep the rotation under it.
  'groups.yaml': 'logGroups:\n' + ['a', 'b', 'c', 'd'].map((g) => `  - name: /leaky/${g}\n`).join(''),
};

let github: FakeGitHub;
const tmp = mkdtempSync(path.join(tmpdir(), 'monitors-leak-'));
beforeAll(async () => {
  github = await startFakeGitHub({ owner: OWNER, repo: REPO, token: TOKEN });
});
afterAll(async () => {
  await github.stop();
  removeWorkspaces();
  rmSync(tmp, { recursive: true, force: true });
});

async function cli(account: TestAccount, argv: string[], env: Record<string, string>) {
  const [stdout, stderr] = [new PassThrough(), new PassThrough()];
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (c: Buffer) => out.push(c));
  stderr.on('data', (c: Buffer) => err.push(c));
  const code = await runCli([...argv, '--endpoint-url', account.endpoint], {
    stdout,
    stderr,
    stdin: new PassThrough(),
    env: { AWS_ACCESS_KEY_ID: account.credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: 'test', CI: 'true', ...env },
  });
  return { code, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() };
}

test('no old or new secret value reaches any output channel', async () => {
  const account = freshAccount();
  const cwd = workspace(FILES);
  const dir = path.join(cwd, 'monitors');
  const channels: [string, string][] = [];
  const action = async (
    name: string,
    event: { name: string; payload: unknown },
    mode: string,
    env: Record<string, string>,
    at = cwd,
  ) => {
    const run = await runBundledAction({ cwd: at, event, inputs: { mode }, account, githubUrl: github.url, env });
    // `::add-mask::` is how a value is handed to the runner's masking: the one place it must appear.
    const log = run.stdout
      .split('\n')
      .filter((l) => !l.startsWith('::add-mask::'))
      .join('\n');
    channels.push([`${name}: log`, log], [`${name}: stderr`, run.stderr], [`${name}: job summary`, run.summary]);
    channels.push([`${name}: outputs`, JSON.stringify(run.outputs)]);
    if (run.outputs['plan-json']) channels.push([`${name}: plan JSON`, readFileSync(run.outputs['plan-json'], 'utf8')]);
    return run;
  };

  // Applied with the old values: they are now in AWS.
  const first = await action('apply old', pushEvent, 'apply', OLD);
  expect(first.outputs.summary).toMatch(/^Apply complete: \d+ done/);

  // The CLI with the new values, every format.
  const out = path.join(tmp, 'plan.txt');
  for (const format of ['text', 'markdown', 'json']) {
    const r = await cli(account, ['plan', '--format', format, '--out', `${out}.${format}`, dir], NEW);
    expect(r.code).toBe(0);
    channels.push([`cli plan ${format}: stdout`, r.stdout], [`cli plan ${format}: stderr`, r.stderr]);
    channels.push([`cli plan ${format}: --out`, readFileSync(`${out}.${format}`, 'utf8')]);
  }
  for (const argv of [
    ['validate', dir],
    ['backtest', dir],
  ]) {
    const r = await cli(account, argv, NEW);
    channels.push([`cli ${argv[0]}`, r.stdout + r.stderr]);
  }
  const text = channels.find(([n]) => n === 'cli plan text: stdout')?.[1] ?? '';
  expect(text).toContain('~ description: (sensitive) → (sensitive) (changed)');
  expect(text).toContain('+ subscription chat → https://127.0.0.1/…(sensitive)');
  expect(text).toContain('- subscription chat → email:(sensitive)');

  // The action on a pull request, on a schedule (drift), and on the merge (apply).
  await action('pull request', pullRequestEvent(31), 'plan', NEW);
  const comment = github.comments.get(31)?.[0]?.body ?? '';
  expect(comment).toContain('https://127.0.0.1/…(sensitive)');
  channels.push(['pull request comment', comment]);
  await action('drift', scheduleEvent, 'drift', NEW);
  const issue = [...github.issues.values()][0];
  expect(issue?.body).toContain('(sensitive)');
  channels.push(['drift issue', `${issue?.title}\n${issue?.body}`]);
  const applied = await action('apply new', pushEvent, 'apply', NEW);
  expect(applied.outputs.summary).toMatch(/^Apply complete/);
  // A saved plan: the file, and applying it.
  const saved = path.join(tmp, 'saved.plan');
  const savedEnv = { ...NEW, DESC: `${NEW.DESC}?` };
  const save = await cli(account, ['plan', '--save', saved, dir], savedEnv);
  expect(save.code).toBe(0);
  channels.push(['cli plan --save', save.stdout + save.stderr], ['saved plan file', readFileSync(saved, 'utf8')]);
  const applySaved = await cli(account, ['apply', saved], savedEnv);
  channels.push(['cli apply FILE', applySaved.stdout + applySaved.stderr]);
  expect(applySaved.stdout + applySaved.stderr).toContain('Apply complete');
  const reconcile = await cli(account, ['reconcile', '--yes', dir], { ...NEW, DESC: `${NEW.DESC}!` });
  channels.push(['cli reconcile: stdout', reconcile.stdout], ['cli reconcile: stderr (progress)', reconcile.stderr]);
  expect(reconcile.stdout).toContain('Apply complete');

  // The alarm removed from the files: only its monitors:sensitive tag in AWS still says its
  // description is a secret.
  writeFileSync(path.join(dir, 'chat.yaml'), FILES['chat.yaml'].split('alarms:')[0] ?? '');
  for (const format of ['text', 'json']) {
    const r = await cli(account, ['plan', '--format', format, dir], NEW);
    channels.push([`cli plan after removal ${format}`, r.stdout + r.stderr]);
  }
  expect(channels.at(-2)?.[1]).toContain('- metric alarm leaky-errors');

  // A validation error whose value is a secret: annotations, summary and comment.
  const bad = workspace({
    ...FILES,
    'bad.yaml':
      "alarms:\n  - name: bad-${env:NAME}\n    metric: { namespace: L, name: E, stat: Sum }\n    threshold: '>= 1'\n",
  });
  const named = { ...NEW, NAME: 'NameCANARY333' };
  const refused = await action('validation error', pullRequestEvent(32), 'plan', named, bad);
  expect(refused.stdout).toMatch(
    /^::error title=SCHEMA,file=monitors\/bad\.yaml,line=2,col=11::alarms\.0\.name cannot come from \$\{env:\}/m,
  );
  // Registered with the runner before the first annotation.
  const lines = refused.stdout.split('\n');
  expect(lines.findIndex((l) => l === `::add-mask::${NEW.HOOK}`)).toBeLessThan(
    lines.findIndex((l) => l.startsWith('::error')),
  );
  channels.push(['validation error comment', github.comments.get(32)?.[0]?.body ?? '']);
  const cliRefused = await cli(account, ['plan', bad ? path.join(bad, 'monitors') : dir], named);
  expect(cliRefused.code).toBe(1);
  channels.push(
    ['cli validation error: stderr', cliRefused.stderr],
    ['cli validation error: stdout', cliRefused.stdout],
  );

  expect(channels.length).toBeGreaterThanOrEqual(30);
  const leaks = channels.flatMap(([name, body]) =>
    NEEDLES.flatMap(forms)
      .filter((needle) => body.includes(needle))
      .map((needle) => `${name}: ${needle}`),
  );
  expect(leaks).toEqual([]);
});
