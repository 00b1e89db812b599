/** `monitors test` through the real CLI entry (runCli): the example stack's tests, failures, mistakes. */
import { runCliCaptured } from '../harness/run-cli';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';

const cli = (argv: string[]) => runCliCaptured(argv);

const dirs: string[] = [];
/** A copy of the example stack whose test file is replaced by `tests` (or kept when undefined). */
function stackWithTests(tests?: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'monitors-ruletest-'));
  dirs.push(dir);
  cpSync(path.join(__dirname, '..', '..', 'monitors'), dir, { recursive: true });
  if (tests !== undefined) {
    writeFileSync(path.join(dir, 'tests', 'teachme-errors.yaml'), tests);
    // The test's own file alone: the example's SLO scenarios (teachme-slo.yaml) are checked below.
    rmSync(path.join(dir, 'tests', 'teachme-slo.yaml'));
  }
  return path.relative(process.cwd(), dir);
}
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const SEED = readFileSync(path.join(__dirname, '..', '..', 'monitors', 'tests', 'teachme-errors.yaml'), 'utf8');

test("the example stack's tests pass: the seed's three cases and more", async () => {
  const r = await cli(['test', 'monitors']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const lines = r.stdout.trim().split('\n');
  expect(lines[0]).toBe('Unit testing monitors/tests/teachme-errors.yaml');
  expect(lines).toContain('  ok      one ERROR line does not alarm');
  expect(lines).toContain('  ok      two ERROR lines within a minute go to ALARM and notify on-call');
  expect(lines).toContain('  ok      two ERROR lines a minute apart do not alarm');
  expect(lines).toContain('  ok      a 14.4x burn for 10 minutes pages within 5 minutes');
  expect(lines).toContain('  ok      a 1x burn for 2 days opens a ticket and never pages');
  expect(lines).toContain('  ok      a 0.5x burn is silent');
  expect(lines[lines.length - 1]).toBe('Rule tests: 9 passed, 0 failed');
});

test("the example stack's test files point editors at the rule-test schema, which is versioned like the monitors one", () => {
  const root = path.join(__dirname, '..', '..');
  const dir = path.join(root, 'monitors', 'tests');
  for (const f of readdirSync(dir)) {
    expect(readFileSync(path.join(dir, f), 'utf8').split('\n')[0]).toBe(
      '# yaml-language-server: $schema=../../schema/monitors-tests.schema.json',
    );
  }
  const id = (name: string) =>
    (JSON.parse(readFileSync(path.join(root, 'schema', name), 'utf8')) as { $id: string }).$id;
  expect(id('monitors-tests.schema.json')).toBe(
    id('monitors.schema.json').replace('/monitors.schema.json', '/monitors-tests.schema.json'),
  );
});

test('the tests folder is not read as monitors files', async () => {
  const r = await cli(['validate', 'monitors']);
  expect(r.stdout).toBe('monitors is valid: 18 resources in 4 file(s)\n');
});

test("only the stack's own top-level tests/ is skipped: a tests/ folder deeper down holds monitors files", async () => {
  const dir = stackWithTests();
  mkdirSync(path.join(dir, 'team', 'tests'), { recursive: true });
  writeFileSync(path.join(dir, 'team', 'tests', 'more.yaml'), 'tests: []\n');
  const r = await cli(['validate', dir]);
  expect(r.code).toBe(1);
  expect(r.stdout).toContain(`${dir}/team/tests/more.yaml:1:1: error SCHEMA: unknown key "tests" in the file`);
});

test('a broken expectation fails with a readable expected/got diff at its line, and exit code 1', async () => {
  // The seed's second case, expecting no notification where the alarm does notify.
  const broken = `tests:
  - name: two ERROR lines within a minute stay quiet
    logs:
      - '+0s ERROR database connection refused'
      - '+40s ERROR payment service timeout'
    expect:
      alarms:
        - alarm: teachme-errors
          at: +1m
          state: OK
      notifications: []
`;
  const dir = stackWithTests(broken);
  const r = await cli(['test', dir]);
  expect(r.code).toBe(1);
  const file = `${dir}/tests/teachme-errors.yaml`;
  expect(r.stdout).toBe(
    [
      `Unit testing ${file}`,
      `  FAILED  two ERROR lines within a minute stay quiet (${file}:2:5)`,
      '    alarm teachme-errors at +1m (line 8):',
      '      - expected: OK',
      '      + got:      ALARM since +1m: 1 of 1 datapoints breaching (1 needed) in the most recent real datapoints',
      '                  Sum per 60s period (alarm when >= 2): +0s 2',
      // The window ends a full evaluation range of the slowest alarm (5-minute CPU, 3 periods + 1) after +1m.
      '    notifications until +21m (line 11):',
      '      - expected: none',
      '      + got:      +1m teachme-alerts ALARM (teachme-errors)',
      '',
      'Rule tests: 0 passed, 1 failed',
      '',
    ].join('\n'),
  );
});

test('a filter that misses a line shows which line, with its text', async () => {
  const dir = stackWithTests(`tests:
  - name: lower-case error is counted
    logs: ['+0s error: disk full']
    expect:
      matches:
        - filter: teachme-errors
          lines: [1]
`);
  const r = await cli(['test', dir]);
  expect(r.code).toBe(1);
  expect(r.stdout).toContain(
    [
      '    filter teachme-errors matches (line 6):',
      '      - expected: line 1',
      '                    1: "error: disk full"',
      '      + got:      no line',
    ].join('\n'),
  );
});

test('--format json: one object per test with its failures', async () => {
  const dir = stackWithTests(SEED.replace('lines: [2]', 'lines: [1]'));
  const r = await cli(['test', '--format', 'json', dir]);
  expect(r.code).toBe(1);
  const report = JSON.parse(r.stdout) as {
    formatVersion: number;
    passed: number;
    failed: number;
    tests: { name: string; status: string; line: number; failures: { subject: string; line: number }[] }[];
  };
  expect([report.formatVersion, report.passed, report.failed]).toEqual([1, 5, 1]);
  expect(report.tests[0]).toMatchObject({
    name: 'one ERROR line does not alarm',
    status: 'failed',
    line: 7,
    failures: [{ subject: 'filter teachme-errors matches', line: 13 }],
  });
});

test('a mistake in a test file is reported at file:line:column and no test runs', async () => {
  const dir = stackWithTests(`tests:
  - name: typo
    logs: ['+0s ERROR x']
    expect:
      alarms:
        - alarm: teachme-erors
          at: +1m
          state: ALARM
        - alarm: teachme-errors
          at: +1x
          state: ALARM
      notifications:
        - { at: +1m, topic: teachme-alerts, state: PANIC }
`);
  const r = await cli(['test', dir]);
  expect(r.code).toBe(1);
  const file = `${dir}/tests/teachme-errors.yaml`;
  expect(r.stdout.trim().split('\n')).toEqual([
    `${file}:10:15: error SCHEMA: tests.0.expect.alarms.1.at: "+1x" is not valid. A time: relative to the test's start (+0s, +30s, +1m, +1m30s, +2h) or an ISO 8601 timestamp (2024-01-01T00:01:00Z).`,
    `${file}:13:52: error SCHEMA: tests.0.expect.notifications.0.state: "PANIC" is not allowed (allowed: OK, ALARM, INSUFFICIENT_DATA)`,
    `${dir}: 2 error(s); no test was run`,
  ]);
});

test('a name that is not in the stack is an error with a suggestion, not a failing test', async () => {
  const dir = stackWithTests(`tests:
  - name: typo
    logs: ['+0s ERROR x']
    expect:
      alarms:
        - { alarm: teachme-erors, at: +1m, state: ALARM }
`);
  const r = await cli(['test', dir]);
  expect(r.code).toBe(1);
  expect(r.stdout).toContain(
    `${dir}/tests/teachme-errors.yaml:6:11: error DANGLING_REFERENCE: no alarm is named "teachme-erors"; did you mean "teachme-errors"?`,
  );
});

test('a stack without tests/ exits 1 and says where tests go', async () => {
  const dir = stackWithTests();
  rmSync(path.join(dir, 'tests'), { recursive: true });
  const r = await cli(['test', dir]);
  expect(r).toEqual({
    code: 1,
    stdout: `no rule tests under ${dir}/tests: add a *.yaml file there (see "monitors test --help")\n`,
    stderr: '',
  });
});

test('malformed log lines: each form gets its own message', async () => {
  const dir = stackWithTests(`tests:
  - name: bad lines
    logs:
      - at: +0s
        mesage: ERROR x
      - 42
      - 'nospace'
    expect:
      notifications: []
`);
  const r = await cli(['test', dir]);
  const file = `${dir}/tests/teachme-errors.yaml`;
  expect(r.stdout.trim().split('\n')).toEqual([
    `${file}:4:9: error SCHEMA: tests.0.logs.0 is missing the required key "message"`,
    `${file}:5:9: error SCHEMA: unknown key "mesage" in tests.0.logs.0; did you mean "message"? (allowed: at, message, group)`,
    `${file}:6:9: error SCHEMA: tests.0.logs.1 must be a string "TIME MESSAGE" (e.g. "+10s ERROR timeout") or a mapping with at, message and optionally group`,
    `${file}:7:9: error SCHEMA: tests.0.logs.2: "nospace" is not valid. A time, one space, then the message: "+10s ERROR database connection refused".`,
    `${dir}: 4 error(s); no test was run`,
  ]);
});

test('ISO times, a start, datapoints and statistics other than Sum', async () => {
  const dir = stackWithTests(`tests:
  - name: CPU over 5 minutes, in absolute time
    start: 2025-03-01T12:00:00Z
    datapoints:
      - metric: AWS/EC2/CPUUtilization
        dimensions: { InstanceId: i-0123456789abcdef0 }
        points: ['+0s 40', '+1m 70', '2025-03-01T12:02:00Z 90', '+3m 20', '+4m 30']
    expect:
      metrics:
        - { metric: AWS/EC2/CPUUtilization, dimensions: { InstanceId: i-0123456789abcdef0 }, stat: Average, period: 5m, at: +4m59s, value: 50 }
        - { metric: AWS/EC2/CPUUtilization, dimensions: { InstanceId: i-0123456789abcdef0 }, stat: Maximum, period: 300, at: +0s, value: 90 }
        - { metric: AWS/EC2/CPUUtilization, dimensions: { InstanceId: i-0123456789abcdef0 }, stat: p50, period: 5m, at: +0s, value: 40 }
        - { metric: AWS/EC2/CPUUtilization, stat: Average, period: 5m, at: +0s, value: null }
      alarms:
        - { alarm: teachme-cpu-high, at: 2025-03-01T12:04:59Z, state: INSUFFICIENT_DATA }
        - { alarm: teachme-cpu-high, at: 2025-03-01T12:05:00Z, state: INSUFFICIENT_DATA }
`);
  // Average 50 is not above 50: the alarm goes to OK at +5m, so the second expectation fails.
  const r = await cli(['test', dir]);
  expect(r.code).toBe(1);
  expect(r.stdout).toContain(
    [
      '    alarm teachme-cpu-high at +5m (line 16):',
      '      - expected: INSUFFICIENT_DATA',
      '      + got:      OK since +5m: 0 of 1 datapoints breaching (1 needed) in the most recent real datapoints',
      '                  Average per 300s period (alarm when > 50): +0s 50',
      '',
      'Rule tests: 0 passed, 1 failed',
    ].join('\n'),
  );
});

test('a test that would simulate more than 31 days is refused before any work', async () => {
  const dir = stackWithTests(`tests:
  - name: a year of silence
    logs: ['2025-01-01T00:00:00Z ERROR x']
    expect:
      notifications: []
`);
  const r = await cli(['test', dir]);
  expect(r.code).toBe(1);
  expect(r.stdout).toContain(
    `${dir}/tests/teachme-errors.yaml:2:5: error LIMIT_EXCEEDED: the test spans 367 days from its start; at most 31 are simulated (set "start" near the times it uses)`,
  );
});

test('anomaly detection alarms: the test gives the band per period; a band for another alarm is refused', async () => {
  const dir = stackWithTests();
  writeFileSync(
    path.join(dir, 'latency.yaml'),
    `alarms:
  - name: latency-anomaly
    metrics:
      - id: m1
        metric: { namespace: TeachMe, name: Latency, stat: p90, period: 1m }
      - id: ad1
        expression: ANOMALY_DETECTION_BAND(m1, 2)
    thresholdMetricId: ad1
    comparison: LessThanLowerOrGreaterThanUpperThreshold
    notify: teachme-alerts
`,
  );
  writeFileSync(
    path.join(dir, 'tests', 'latency.yaml'),
    `tests:
  - name: latency outside the band alarms, inside it recovers
    datapoints:
      - metric: TeachMe/Latency
        points: ['+0s 120', '+1m 400', '+2m 130']
    bands:
      - alarm: latency-anomaly
        points: ['+0s 100 200', '+1m 100 200', '+2m 100 200']
    expect:
      alarms:
        - { alarm: latency-anomaly, at: +1m, state: OK }
        - { alarm: latency-anomaly, at: +2m, state: ALARM }
        - { alarm: latency-anomaly, at: +3m, state: OK }
      notifications:
        - { at: +2m, topic: teachme-alerts, alarm: latency-anomaly, state: ALARM }
`,
  );
  const ok = await cli(['test', dir]);
  expect(ok.stdout).toContain(
    `Unit testing ${dir}/tests/latency.yaml\n  ok      latency outside the band alarms, inside it recovers\n`,
  );
  expect(ok.code).toBe(0);

  writeFileSync(
    path.join(dir, 'tests', 'latency.yaml'),
    `tests:
  - name: a band on a static alarm
    bands:
      - { alarm: teachme-errors, points: ['+0s 1 2'] }
    expect:
      notifications: []
`,
  );
  const bad = await cli(['test', dir]);
  expect(bad.code).toBe(1);
  expect(bad.stdout).toContain(
    `${dir}/tests/latency.yaml:4:43: error DANGLING_REFERENCE: alarm "teachme-errors" is not an anomaly detection alarm: bands are for alarms whose thresholdMetricId names an ANOMALY_DETECTION_BAND expression`,
  );
});

test('issue 20: a catastrophic-backtracking regex in a pull request ends at once in `monitors test` (RE2)', async () => {
  const dir = stackWithTests(
    [
      'tests:',
      '  - name: a long line of a with no b',
      '    logs:',
      `      - '+0s ${'a'.repeat(20_000)}'`,
      `      - '+5s ${'a'.repeat(80)}b'`,
      '    expect:',
      '      matches:',
      '        - filter: teachme-errors',
      '          lines: [2]',
      '',
    ].join('\n'),
  );
  const app = path.join(dir, 'teachme-app.yaml');
  writeFileSync(app, readFileSync(app, 'utf8').replace("pattern: '%ERROR%'", "pattern: '%a*a*a*a*a*a*a*b%'"));
  const start = Date.now();
  const r = await cli(['test', dir]);
  // JavaScript's RegExp takes minutes on 80 a's alone; the whole run here is a few hundred ms.
  expect(Date.now() - start).toBeLessThan(5000);
  expect(r.stderr).toBe('');
  expect(r.stdout.trim().split('\n').at(-1)).toBe('Rule tests: 1 passed, 0 failed');
  expect(r.code).toBe(0);
});
