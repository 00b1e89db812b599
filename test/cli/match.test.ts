/**
 * `monitors match` through the real CLI entry (runCli). `--aws` runs against a mocked
 * CloudWatchLogsClient: the emulator has no TestMetricFilter (see test/README.md).
 */
import { runCliCaptured } from '../harness/run-cli';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { mockClient } from 'aws-sdk-client-mock';
import { CloudWatchLogsClient, TestMetricFilterCommand } from '@aws-sdk/client-cloudwatch-logs';

const cli = (argv: string[], stdinText = '', env: NodeJS.ProcessEnv = {}) =>
  runCliCaptured(argv, { env, stdin: stdinText });

const dir = mkdtempSync(path.join(tmpdir(), 'monitors-match-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
function file(name: string, text: string): string {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
}

const APACHE = [
  '127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] "GET /apache_pb.gif HTTP/1.0" 200 1534',
  '127.0.0.1 - frank [10/Oct/2000:13:35:22 -0700] "GET /apache_pb.gif HTTP/1.0" 500 5324',
  'not an access log line',
].join('\n');

test('text output: each line with its verdict and value, then a count', async () => {
  const r = await cli(['match', '[..., status_code = 5*, bytes]', file('access.log', APACHE), '--value', '$bytes']);
  expect(r.code).toBe(0);
  const lines = r.stdout.trimEnd().split('\n');
  expect(lines).toHaveLength(4);
  expect(lines[0]).toMatch(/^1 +no match +value - /);
  expect(lines[1]).toMatch(/^2 +match +value 5324 /);
  expect(lines[1]).toContain('"GET /apache_pb.gif HTTP/1.0" 500 5324');
  expect(lines[2]).toMatch(/^3 +no match/);
  expect(lines[3]).toBe('1 of 3 line(s) match');
});

test('--format json: one object per input line with line, message, matches and value', async () => {
  const r = await cli(
    ['match', '{ $.latency > 100 }', '-', '--format', 'json', '--value', '$.latency'],
    '{"latency": 250}\n{"latency": 50}\nplain text\n',
  );
  expect(r.code).toBe(0);
  expect(
    r.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as unknown),
  ).toEqual([
    { line: 1, message: '{"latency": 250}', matches: true, value: 250, dimensions: {}, fields: {} },
    { line: 2, message: '{"latency": 50}', matches: false, value: null, dimensions: {}, fields: {} },
    { line: 3, message: 'plain text', matches: false, value: null, dimensions: {}, fields: {} },
  ]);
});

test('--format json shows the fields a space-delimited pattern extracts, as TestMetricFilter does ($name for named slots, $N for the rest)', async () => {
  const r = await cli(['match', '[ip, user, ..., status = 5*, bytes]', '-', '--format', 'json'], APACHE);
  const rows = r.stdout
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as { matches: boolean; fields: Record<string, string> });
  expect(rows.map((row) => row.matches)).toEqual([false, true, false]);
  expect(rows[1]?.fields).toEqual({
    $ip: '127.0.0.1',
    $user: '-',
    $3: 'frank',
    $4: '10/Oct/2000:13:35:22 -0700',
    $5: 'GET /apache_pb.gif HTTP/1.0',
    $status: '500',
    $bytes: '5324',
  });
});

test('standard input is read when no file is given; --default is what other lines emit', async () => {
  const r = await cli(['match', 'ERROR', '--format', 'json', '--default', '0'], 'ERROR a\nINFO b');
  expect(
    r.stdout
      .trimEnd()
      .split('\n')
      .map((l) => (JSON.parse(l) as { value: number }).value),
  ).toEqual([1, 0]);
});

test('an invalid pattern exits 1 with the reason and a caret under the offending character', async () => {
  const r = await cli(['match', '{ $.x IS NOT NULL }', '-'], 'x\n');
  expect(r.code).toBe(1);
  expect(r.stdout).toBe('');
  expect(r.stderr).toBe(
    [
      'Error: invalid filter pattern: IS NOT is not supported: write IS TRUE, IS FALSE, IS NULL, or NOT EXISTS (at character 10)',
      '  { $.x IS NOT NULL }',
      '           ^',
      '',
    ].join('\n'),
  );
});

test('terminal escapes in log lines are not passed to the terminal', async () => {
  const r = await cli(['match', 'ERROR', '-'], 'ERROR \u001b[31mred\n');
  expect(r.stdout).not.toContain('\u001b');
  expect(r.stdout).toContain('ERROR \uFFFD[31mred');
});

test('a pattern starting with "-" is given after --', async () => {
  const r = await cli(['match', '--format', 'json', '--', '-DEBUG', '-'], 'DEBUG a\nINFO b\n');
  expect(
    r.stdout
      .trimEnd()
      .split('\n')
      .map((l) => (JSON.parse(l) as { matches: boolean }).matches),
  ).toEqual([false, true]);
});

test('a missing file is a clear usage error', async () => {
  const r = await cli(['match', 'ERROR', path.join(dir, 'nope.log')]);
  expect(r.code).toBe(1);
  expect(r.stderr).toContain('cannot read');
  expect(r.stderr).toContain('ENOENT');
});

test('match --help and the main help list the command', async () => {
  expect((await cli(['match', '--help'])).stdout).toContain("Usage: monitors match 'PATTERN' [FILE|-]");
  expect((await cli(['--help'])).stdout).toContain("match 'PATTERN' [file]");
});

describe('--aws', () => {
  const logs = mockClient(CloudWatchLogsClient);
  afterEach(() => logs.reset());
  afterAll(() => logs.restore());

  /** A stand-in for AWS that matches lines containing "ERROR", except lines listed in `contrary`. */
  function fakeAws(contrary: readonly string[] = []) {
    logs.on(TestMetricFilterCommand).callsFake((input: { logEventMessages: string[] }) => ({
      matches: input.logEventMessages
        .map((m, i) => ({ eventNumber: i + 1, eventMessage: m, extractedValues: {} }))
        .filter((m) => m.eventMessage.includes('ERROR') !== contrary.includes(m.eventMessage)),
    }));
  }
  const many = Array.from({ length: 120 }, (_, i) => (i % 3 === 0 ? `ERROR ${i}` : `INFO ${i}`)).join('\n');

  test('sends the lines in batches of 50 and reports agreement', async () => {
    fakeAws();
    const r = await cli(['match', 'ERROR', '-', '--aws', '--region', 'eu-west-1', '--format', 'json'], many, {
      AWS_ACCESS_KEY_ID: 'x',
      AWS_SECRET_ACCESS_KEY: 'y',
    });
    expect(r.code).toBe(0);
    const calls = logs.commandCalls(TestMetricFilterCommand);
    expect(calls.map((c) => c.args[0].input.logEventMessages?.length)).toEqual([50, 50, 20]);
    expect(calls.every((c) => c.args[0].input.filterPattern === 'ERROR')).toBe(true);
    expect(r.stderr).toBe('AWS TestMetricFilter agrees on all 120 line(s)\n');
  });

  test('reports each line where AWS disagrees and exits 1; empty lines are not sent', async () => {
    fakeAws(['INFO 61', 'ERROR 99']);
    const r = await cli(['match', 'ERROR', '-', '--aws', '--region', 'eu-west-1'], `${many}\n\nlast ERROR`, {
      AWS_ACCESS_KEY_ID: 'x',
      AWS_SECRET_ACCESS_KEY: 'y',
    });
    expect(r.code).toBe(1);
    expect(r.stderr.trimEnd().split('\n')).toEqual([
      'line 62: monitors says no match, AWS TestMetricFilter says match',
      'line 100: monitors says match, AWS TestMetricFilter says no match',
      'AWS TestMetricFilter disagrees on 2 line(s) (1 empty line(s) not sent: AWS refuses empty messages)',
    ]);
    const sent = logs.commandCalls(TestMetricFilterCommand).flatMap((c) => c.args[0].input.logEventMessages ?? []);
    expect(sent).toHaveLength(121);
    expect(sent).not.toContain('');
  });

  test('AWS refusing the pattern is one clear line, exit 1', async () => {
    logs
      .on(TestMetricFilterCommand)
      .rejects(Object.assign(new Error('Invalid character(s) in term'), { name: 'InvalidParameterException' }));
    const r = await cli(['match', 'ERROR', '-', '--aws', '--region', 'eu-west-1'], 'ERROR\n', {
      AWS_ACCESS_KEY_ID: 'x',
      AWS_SECRET_ACCESS_KEY: 'y',
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'Error: AWS TestMetricFilter failed (InvalidParameterException): Invalid character(s) in term\n',
    );
  });

  test('needs a region', async () => {
    const r = await cli(['match', 'ERROR', '-', '--aws'], 'ERROR\n');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--aws needs a region');
    expect(logs.commandCalls(TestMetricFilterCommand)).toHaveLength(0);
  });
});

test("issue 20: match '%a*a*a*a*a*a*a*b%' on 80 a's ends within a second (RE2, not backtracking)", async () => {
  const start = Date.now();
  const r = await cli(['match', '%a*a*a*a*a*a*a*b%', '-'], `${'a'.repeat(80)}\n${'a'.repeat(80)}b\n`);
  expect(Date.now() - start).toBeLessThan(1000);
  expect(r.code).toBe(0);
  expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('1 of 2 line(s) match');
});
