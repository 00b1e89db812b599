/**
 * Files and values an attacker (or an accident) puts in a monitors directory: each is refused with
 * a short message naming the path and place, never quoting a file's content, and nothing reaches
 * AWS (the run points at a loopback server that counts requests).
 */
import { startCountingEndpoint, type CountingEndpoint } from '../harness/counting-endpoint';
import { execFileSync } from 'child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { planStack } from '../../src/core';
import { loadStack } from '../../src/config/load';
import { runCli } from '../../src/cli/run';
import { ConfigError, MonitorsError, formatDiagnostic, type Diagnostic } from '../../src/model';
import { PassThrough } from 'stream';

const STACK = 'stack:\n  name: shop\n  region: eu-west-1\ntopics:\n  - name: shop-alerts\n';
const ALARM = (name: string, threshold = "'>= 1'") =>
  `alarms:\n  - name: ${name}\n    metric: { namespace: Shop, name: Errors, stat: Sum }\n    threshold: ${threshold}\n`;

let aws: CountingEndpoint;
const root = mkdtempSync(path.join(tmpdir(), 'monitors-hostile-'));
const outside = mkdtempSync(path.join(tmpdir(), 'monitors-outside-'));
const cwd = process.cwd();

beforeAll(async () => {
  aws = await startCountingEndpoint();
});
afterAll(async () => {
  process.chdir(cwd);
  await aws.close();
  rmSync(root, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

let counter = 0;
/** A fresh stack directory with stack.yaml and the given files (strings or byte buffers). */
function dirWith(files: Readonly<Record<string, string | Buffer>> = {}): string {
  const dir = path.join(root, `case-${++counter}`);
  mkdirSync(dir, { recursive: true });
  for (const [name, body] of Object.entries({ 'stack.yaml': STACK, ...files })) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), body);
  }
  return dir;
}

/** Runs plan on `directory` (from inside `from`) and returns what it threw; fails if it threw nothing. */
async function refusal(directory: string, env: Record<string, string> = {}, from = root): Promise<unknown> {
  process.chdir(from);
  try {
    await planStack({
      directory,
      endpointUrl: aws.url,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      adopt: false,
      allowMassDelete: false,
      maxDeleteShare: 0.5,
      env,
    });
  } catch (err) {
    return err;
  } finally {
    process.chdir(cwd);
  }
  throw new Error('planStack accepted what it should have refused');
}

async function diagnostics(
  directory: string,
  env: Record<string, string> = {},
  from = root,
): Promise<readonly Diagnostic[]> {
  const err = await refusal(directory, env, from);
  if (!(err instanceof ConfigError)) throw err;
  return err.diagnostics;
}

const errorsOf = (ds: readonly Diagnostic[]) => ds.filter((d) => d.severity === 'error').map(formatDiagnostic);

let before = 0;
beforeEach(() => {
  before = aws.requests();
});
afterEach(() => {
  // Every case here must stop before the first AWS request.
  expect(aws.requests() - before).toBe(0);
});

describe('files that must not be read', () => {
  test('a symlink to /proc/self/environ is refused by name; the environment never shows', async () => {
    const dir = dirWith();
    symlinkSync('/proc/self/environ', path.join(dir, 'e.yaml'));
    const errs = errorsOf(await diagnostics(dir, { SOME_TOKEN: 'ghp_leakme_0123456789' }));
    expect(errs).toEqual([
      `${dir}/e.yaml:1:1: error FILE_REJECTED: ${dir}/e.yaml is a symlink to a file outside the stack directory: only files inside it are read`,
    ]);
    expect(errs.join('\n')).not.toMatch(/PATH=|HOME=|ghp_leakme/);
  });

  test('a symlink to a file outside the directory is refused, its content never quoted', async () => {
    writeFileSync(path.join(outside, 'shadow.yaml'), 'root:$6$saltsalt$SECRETHASH:19000:0:99999:7:::\n');
    const dir = dirWith();
    symlinkSync(path.join(outside, 'shadow.yaml'), path.join(dir, 'shadow.yaml'));
    const errs = errorsOf(await diagnostics(dir));
    expect(errs).toHaveLength(1);
    expect(errs[0]).toContain('shadow.yaml is a symlink to a file outside the stack directory');
    expect(errs[0]).not.toContain('SECRETHASH');
  });

  test('a symlink inside the directory is read like the file it points to', async () => {
    const dir = dirWith({ 'real/alarm.yml.txt': ALARM('ok-alarm') });
    symlinkSync(path.join(dir, 'real', 'alarm.yml.txt'), path.join(dir, 'alarm.yaml'));
    // It is read: the (deliberately dangling) notify-free alarm is valid, so the run gets to AWS.
    const err = await refusal(dir);
    expect(err).not.toBeInstanceOf(ConfigError);
    before = aws.requests(); // this case reached the counting server on purpose
  });

  test('a FIFO named *.yaml is refused without blocking', async () => {
    const dir = dirWith();
    execFileSync('mkfifo', [path.join(dir, 'pipe.yaml')]);
    expect(errorsOf(await diagnostics(dir))).toEqual([
      `${dir}/pipe.yaml:1:1: error FILE_REJECTED: ${dir}/pipe.yaml is a FIFO (named pipe), not a regular file`,
    ]);
  });

  test('a file over 1 MiB is refused with its size', async () => {
    const dir = dirWith({ 'huge.yaml': `# ${'x'.repeat(1024 * 1024 + 10)}\n` });
    const errs = errorsOf(await diagnostics(dir));
    expect(errs).toEqual([
      `${dir}/huge.yaml:1:1: error FILE_REJECTED: ${dir}/huge.yaml is 1048589 bytes; files over 1048576 bytes (1 MiB) are not read`,
    ]);
  });

  test('a 20 KB binary file gives a short message that quotes none of it', async () => {
    const garbage = Buffer.from(Array.from({ length: 20_000 }, (_, i) => (i * 7919 + 13) % 256));
    const dir = dirWith({ 'blob.yaml': garbage });
    const errs = errorsOf(await diagnostics(dir));
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatch(
      /blob\.yaml:1:\d+: error FILE_REJECTED: .*blob\.yaml is not valid UTF-8 \(byte 0x[0-9a-f]{2}\)/,
    );
    expect(errs.join('\n').length).toBeLessThan(300);
  });

  test('20 KB of printable garbage gives a short report, not the file back', async () => {
    const junk = Array.from({ length: 20_000 }, (_, i) => String.fromCharCode(33 + ((i * 31) % 90))).join('');
    const dir = dirWith({ 'junk.yaml': `${junk}\n` });
    const all = (await diagnostics(dir)).map(formatDiagnostic).join('\n');
    expect(all.length).toBeLessThan(1500);
    expect(all).not.toContain(junk.slice(100, 160));
  });

  test('a non-UTF-8 byte is reported at its line and column', async () => {
    const dir = dirWith({
      'latin1.yaml': Buffer.concat([Buffer.from('topics:\n  - name: caf'), Buffer.from([0xe9]), Buffer.from('\n')]),
    });
    expect(errorsOf(await diagnostics(dir))).toEqual([
      `${dir}/latin1.yaml:2:14: error FILE_REJECTED: ${dir}/latin1.yaml is not valid UTF-8 (byte 0xe9): save it as UTF-8 text`,
    ]);
  });

  test('node_modules, .git and hidden folders are not read', async () => {
    const broken = 'alarms: [\n';
    const dir = dirWith({
      'node_modules/pkg/x.yaml': broken,
      '.git/config.yaml': broken,
      '.hidden/y.yml': broken,
      'nested/alarm.yaml': ALARM('nested-alarm', "'>= .nan'"),
    });
    const errs = errorsOf(await diagnostics(dir));
    expect(errs.every((e) => e.startsWith(`${dir}/nested/alarm.yaml`))).toBe(true);
  });
});

describe('the stack directory itself', () => {
  test('a missing directory is a plain sentence', async () => {
    const err = await refusal(path.join(root, 'no-such-dir'));
    expect(err).toBeInstanceOf(MonitorsError);
    expect((err as Error).message).toBe(`the stack directory ${path.join(root, 'no-such-dir')} does not exist`);
  });

  test('a file given instead of a directory is a plain sentence, not ENOTDIR ... scandir', async () => {
    const dir = dirWith();
    const err = await refusal(path.join(dir, 'stack.yaml'));
    expect((err as Error).message).toBe(
      `${dir}/stack.yaml is a file, not a directory: give the folder that holds the monitors files`,
    );
  });

  test('paths are printed as the user gave them, and messages name the directory used', async () => {
    const dir = dirWith({ 'bad.yaml': ALARM('x', "'>= .inf'") });
    // What a user typing a relative path sees: relative to where the command runs, so it runs from there
    // (resolved from anywhere else, it names another directory once the clone is not at a fixed depth).
    const given = path.relative(cwd, dir);
    const errs = errorsOf(await diagnostics(given, {}, cwd)).join('\n');
    expect(errs).toContain(`${given}/bad.yaml:`);
    const empty = path.join(root, `empty-${counter}`);
    mkdirSync(empty);
    const none = await diagnostics(empty);
    expect(formatDiagnostic(none[0] as Diagnostic)).toBe(
      `${empty}:1:1: error NO_FILES: no *.yaml or *.yml files under ${empty}: is the directory right?`,
    );
  });
});

describe('names and numbers AWS would reject or that corrupt later runs', () => {
  const cases: [string, string, RegExp][] = [
    [
      'a newline in a name',
      ALARM('"evil\\nPlan: 0 to add"'),
      /a\.yaml:2:11: error SCHEMA: name "evil\\nPlan: 0 to add" contains a tab or line break/,
    ],
    [
      'a tab in a name',
      ALARM('"evil\\tname"'),
      /a\.yaml:2:11: error SCHEMA: name "evil\\tname" contains a tab or line break/,
    ],
    [
      'a terminal escape in a name',
      ALARM('"evil\\e[2Jname"'),
      /a\.yaml:2:11: error SCHEMA: name contains the control or invisible character U\+001B/,
    ],
    [
      'a bidi override in a name',
      ALARM('"evil\\u202Ename"'),
      /a\.yaml:2:11: error SCHEMA: name contains the control or invisible character U\+202E/,
    ],
    [
      'a threshold of .nan',
      ALARM('x', '.nan'),
      /a\.yaml:4:16: error SCHEMA: threshold must be a finite number, got NaN/,
    ],
    [
      'a threshold of .inf',
      ALARM('x', '.inf'),
      /a\.yaml:4:16: error SCHEMA: threshold must be a finite number, got Infinity/,
    ],
    [
      'a threshold of 1e400',
      ALARM('x', '1e400'),
      /a\.yaml:4:16: error SCHEMA: threshold must be a finite number, got Infinity/,
    ],
    [
      'a 400-digit threshold',
      ALARM('x', `'>= ${'9'.repeat(400)}'`),
      /a\.yaml:4:16: error SCHEMA: threshold ">= 9{37}…" \(403 characters\) is not a finite number/,
    ],
  ];
  test.each(cases)('%s is refused at its place', async (_name, file, expected) => {
    const errs = errorsOf(await diagnostics(dirWith({ 'a.yaml': file })));
    expect(errs.some((e) => expected.test(e))).toBe(true);
  });
});

describe('secrets in validation errors', () => {
  test('an invalid value from ${env:} is reported at its place without its value', async () => {
    const secret = 'S3CRET-t0ken '.repeat(100);
    const dir = dirWith({ 'a.yaml': ALARM('x', "'>= 1'\n    description: ${env:HOOK}") });
    const ds = await diagnostics(dir, { HOOK: secret });
    const text = ds.map(formatDiagnostic).join('\n');
    expect(text).toContain(`a.yaml:5:18: error SCHEMA: the value from \${env:HOOK} is not valid here (SCHEMA)`);
    expect(text).not.toContain('S3CRET');
    // The same through the CLI's own printing.
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let out = '';
    stdout.on('data', (b: Buffer) => (out += b.toString()));
    stderr.on('data', (b: Buffer) => (out += b.toString()));
    const code = await runCli(['validate', dir], { stdout, stderr, stdin: new PassThrough(), env: { HOOK: secret } });
    expect(code).toBe(1);
    expect(out).toContain('${env:HOOK}');
    expect(out).not.toContain('S3CRET');
  });

  test('a duplicate declared from ${env:} is reported with the value masked', async () => {
    const sub = '      - email: ${env:MAIL}\n';
    const dir = dirWith({ 'chat.yaml': `topics:\n  - name: chat\n    subscriptions:\n${sub}${sub}` });
    const errs = errorsOf(await diagnostics(dir, { MAIL: 'Hidden.Person@Example.COM' }));
    expect(errs).toEqual([
      `${dir}/chat.yaml:5:9: error DUPLICATE_NAME: subscription chat → email:(sensitive) is declared twice; first at ${dir}/chat.yaml:4:9`,
    ]);
  });

  test('a key cannot come from ${env:}', async () => {
    const dir = dirWith({ 'a.yaml': ALARM('x', "'>= 1'\n    tags: { '${env:K}': v }") });
    expect(errorsOf(await diagnostics(dir, { K: 'team' }))).toEqual([
      `${dir}/a.yaml:5:13: error SCHEMA: a key cannot come from \${env:}: keys (tag keys, dimension names) are shown in every plan; use it in a value`,
    ]);
  });

  test('no identifying field can come from ${env:}: refused at its place, the variable never read', async () => {
    const files = {
      'a.yaml': [
        'alarms:',
        '  - name: a-${env:CANARY}',
        '    metric:',
        '      namespace: ${env:CANARY}',
        '      name: E',
        '      stat: Sum',
        '      dimensions: { Fn: "${env:CANARY}" }',
        "    threshold: '>= 1'",
        'metricFilters:',
        '  - name: f',
        '    logGroup: /app/${env:CANARY}',
        '    pattern: ${env:CANARY}',
        '    metric: { namespace: N, name: M }',
        'topics:',
        '  - name: t',
        '    subscriptions:',
        '      - sqs: ${env:CANARY}',
        '',
      ].join('\n'),
    };
    const dir = dirWith(files);
    const ds = await diagnostics(dir, { CANARY: 'CANARY-VALUE' });
    const refused = errorsOf(ds).filter((e) => e.includes('cannot come from ${env:}'));
    expect(refused.map((e) => e.slice(dir.length + 1).split(': error')[0])).toEqual([
      'a.yaml:2:11',
      'a.yaml:4:18',
      'a.yaml:7:25',
      'a.yaml:11:15',
      'a.yaml:12:14',
      'a.yaml:17:14',
    ]);
    expect(refused[0]).toContain('alarms.0.name cannot come from ${env:}');
    expect(errorsOf(ds).join('\n')).not.toContain('CANARY-VALUE');
  });

  test('the stack name cannot come from ${env:}', async () => {
    const dir = dirWith({ 'stack.yaml': 'stack:\n  name: ${env:NAME}\n  region: eu-west-1\n' });
    const errs = errorsOf(await diagnostics(dir, { NAME: 'shop' }));
    expect(errs[0]).toMatch(/^.*\/stack\.yaml:2:9: error SCHEMA: stack\.name cannot come from \$\{env:\}: names, ARNs/);
  });
});

describe('YAML hazards are diagnostics at their place, never internal errors (issue 20)', () => {
  test('an alias to no anchor', async () => {
    const dir = dirWith({ 'a.yaml': 'alarms:\n  - *nope\n' });
    expect(errorsOf(await diagnostics(dir))).toEqual([
      `${dir}/a.yaml:2:5: error YAML_SYNTAX: the alias *nope names no anchor set before it (&nope): set the anchor first, or write the value out`,
    ]);
  });

  test('a billion-laughs alias bomb', async () => {
    let text = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
    let prev = 'a';
    for (const n of 'bcdefghi') {
      text += `${n}: &${n} [${Array(9).fill(`*${prev}`).join(',')}]\n`;
      prev = n;
    }
    const dir = dirWith({ 'a.yaml': `${text}alarms: *i\n` });
    const started = Date.now();
    expect(errorsOf(await diagnostics(dir))).toEqual([
      `${dir}/a.yaml:2:8: error YAML_SYNTAX: aliases here expand to more than 100 copies (an alias bomb): write the values out, or use fewer aliases`,
    ]);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  test('10,000-deep nesting', async () => {
    const dir = dirWith({ 'a.yaml': `alarms: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n` });
    expect(errorsOf(await diagnostics(dir))).toEqual([
      `${dir}/a.yaml:1:73: error YAML_SYNTAX: brackets nest more than 64 deep here: no monitors file needs that; write the structure flatter`,
    ]);
  });

  test('brackets inside quoted text and comments do not count as nesting', async () => {
    const deep = '['.repeat(100);
    const dir = dirWith({ 'a.yaml': ALARM('x', `'>= 1'\n    description: "${deep}" # ${deep}`) });
    const stack = await loadStack(dir, { env: {}, checkOnly: true });
    expect(stack.resources.length).toBeGreaterThan(0);
  });
});

describe('the stack directory and the total input (issue 20)', () => {
  test('a stack directory that is a symlink to a folder outside the one it is in is refused before any file is read', async () => {
    mkdirSync(path.join(outside, 'elsewhere'), { recursive: true });
    writeFileSync(
      path.join(outside, 'elsewhere', 'stack.yaml'),
      'stack:\n  name: secretkeyname\n  region: eu-west-1\n',
    );
    const link = path.join(root, `link-${++counter}`);
    symlinkSync(path.join(outside, 'elsewhere'), link);
    const err = await refusal(link);
    expect(err).toBeInstanceOf(MonitorsError);
    expect((err as MonitorsError).code).toBe('FILE_REJECTED');
    expect((err as MonitorsError).message).toBe(
      `the stack directory ${link} is a symlink to a folder outside the one it is in: give the real folder instead`,
    );
  });

  test('a stack directory that is a symlink within its own folder is read', async () => {
    const dir = dirWith({});
    const link = path.join(root, `link-${++counter}`);
    symlinkSync(dir, link);
    const stack = await loadStack(link, { env: {}, checkOnly: true });
    expect(stack.settings.name).toBe('shop');
  });

  test('files that together exceed 16 MiB are refused by a limit, not read into gigabytes', async () => {
    const big = `# ${'x'.repeat(1024 * 1024 - 10)}\n`;
    const files = Object.fromEntries(
      Array.from({ length: 17 }, (_, i) => [`f${String(i).padStart(2, '0')}.yaml`, big]),
    );
    const dir = dirWith(files);
    const err = await refusal(dir);
    expect((err as MonitorsError).code).toBe('LIMIT_EXCEEDED');
    expect((err as MonitorsError).message).toContain(`total more than 16777216 bytes (16 MiB) by ${dir}/f16.yaml`);
  });
});
