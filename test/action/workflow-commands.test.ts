/**
 * Text from the files reaches a GitHub job's log: through the CLI's output (a text plan run as a
 * step) and through the action's annotations. A line that the runner would take as a workflow
 * command (`::stop-commands::`, `::set-output`, `::add-mask::`) is broken up wherever it is printed,
 * and control characters (ESC, U+202E) from a file's name never reach an annotation (issue 20).
 */
import { PassThrough } from 'stream';
import { runCli } from '../../src/cli/run';
import { neutraliser } from '../../src/model';
import { freshAccount } from '../harness/emulator';
import { startFakeGitHub, type FakeGitHub } from './fake-github';
import { OWNER, REPO, TOKEN, pullRequestEvent, removeWorkspaces, runBundledAction, workspace } from './run-bundled';
import * as path from 'path';
import { writeFileSync } from 'fs';

let github: FakeGitHub;
beforeAll(async () => {
  github = await startFakeGitHub({ owner: OWNER, repo: REPO, token: TOKEN });
});
afterAll(async () => {
  await github.stop();
  removeWorkspaces();
});

const COMMANDS = /^\s*(::|##\[)/m;

const FILES = {
  'stack.yaml': 'stack:\n  name: cmds\n  region: us-east-1\n',
  'a.yaml': [
    'alarms:',
    '  - name: cmds-errors',
    '    description: |',
    '      first line',
    '      ::stop-commands::pwned',
    '      ::set-output name=x::y',
    '      ##[error]fake',
    '    metric: { namespace: Cmds, name: Errors, stat: Sum }',
    "    threshold: '>= 1'",
    '',
  ].join('\n'),
};

test('a text plan with a multi-line description prints no line the runner would run as a command', async () => {
  const account = freshAccount();
  const dir = path.join(
    workspace({ ...FILES, 'a.yaml': FILES['a.yaml'].replace(/( {6}first line\n)( {6}.*\n)+/, '$1      second\n') }),
    'monitors',
  );
  const cli = async (argv: string[]) => {
    const [stdout, stderr] = [new PassThrough(), new PassThrough()];
    let out = '';
    stdout.on('data', (c: Buffer) => (out += c.toString()));
    stderr.on('data', (c: Buffer) => (out += c.toString()));
    const code = await runCli([...argv, dir, '--endpoint-url', account.endpoint], {
      stdout,
      stderr,
      stdin: new PassThrough(),
      env: { AWS_ACCESS_KEY_ID: account.credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: 'test', CI: 'true' },
    });
    return { code, out };
  };
  expect((await cli(['reconcile', '--yes', '--no-backtest'])).code).toBe(0);
  // Changed to a description of several lines: the text plan shows it line by line.
  writeFileSync(path.join(dir, 'a.yaml'), FILES['a.yaml']);
  for (const format of ['text', 'markdown']) {
    const { code, out } = await cli(['plan', '--format', format, '--no-backtest']);
    expect(code).toBe(0);
    expect(out).toContain('stop-commands::pwned');
    expect(out).not.toMatch(COMMANDS);
  }
});

test('the neutraliser holds across pieces written separately', () => {
  const clean = neutraliser();
  const pieces = ['a line\n', '::set-output name=x::y', '\n', 'ok ', '::not-at-start\n', '  ##[group]x\n'];
  expect(pieces.map(clean).join('')).toBe('a line\n: :set-output name=x::y\nok ::not-at-start\n  # #[group]x\n');
});

test('an annotation on a file whose name holds ESC and U+202E carries neither, and no log line is a command', async () => {
  const account = freshAccount();
  const name = 'bad\u001b[31m\u202eeman.yaml';
  const cwd = workspace({ ...FILES, [name]: 'alarms:\n  - name: x\n    threshold: nope\n' });
  const run = await runBundledAction({
    cwd,
    event: pullRequestEvent(71),
    inputs: { mode: 'plan' },
    account,
    githubUrl: github.url,
  });
  const annotations = run.stdout.split('\n').filter((l) => l.startsWith('::error') || l.startsWith('::warning'));
  expect(annotations.some((l) => l.includes('file=monitors/bad'))).toBe(true);
  for (const line of annotations) {
    expect(line).not.toContain('\u001b');
    expect(line).not.toContain('\u202e');
  }
  const commandLines = run.stdout
    .split('\n')
    .filter((l) => COMMANDS.test(l) && !/^::(error|warning|add-mask|group|endgroup|debug|notice)/.test(l));
  expect(commandLines).toEqual([]);
});
