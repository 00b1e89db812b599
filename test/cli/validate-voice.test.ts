/**
 * What `monitors validate` says, read as a person fixing the files would: diagnostics sorted by file
 * and line; a statistic in the wrong case named with the right one; an over-indented key pointed at,
 * once, with a hint; an alarm that notifies no one named. Offline: validate makes no AWS call.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { runCliCaptured } from '../harness/run-cli';

const dirs: string[] = [];
function stackDir(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'monitors-voice-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const STACK = 'stack:\n  name: s\n  region: us-east-1\n';
const TOPIC = 'topics:\n  - name: t\n';

/** Each diagnostic line as [file, line, column, rest]. */
function located(stdout: string): [string, number, number, string][] {
  return stdout
    .split('\n')
    .flatMap((l) => {
      const m = /^(.*?):(\d+):(\d+): (.*)$/.exec(l);
      return m ? [[path.basename(m[1] as string), Number(m[2]), Number(m[3]), m[4] as string] as const] : [];
    })
    .map((x) => [...x]);
}

test('diagnostics are sorted by file, then line, whatever check found them', async () => {
  // The alarm's warning (line 5) comes from a check across files, run after the ${env:} warning (line 12).
  const dir = stackDir({
    'a.yaml': `${STACK}alarms:\n  - name: x\n    metric: { namespace: Shop, name: Errors, stat: Sum }\n    threshold: ">= 1"\n    notify: t\n${TOPIC}    subscriptions:\n      - https: \${env:HOOK_URL}\n`,
    'b.yaml':
      'alarms:\n  - name: y\n    metric: { namespace: Shop, name: Other, stat: Sum }\n    threshold: ">= 1"\n    notify: t\n',
  });
  const r = await runCliCaptured(['validate', dir]);
  expect(r.code).toBe(0);
  const lines = located(r.stdout).map(([file, line, column]) => `${file}:${line}:${column}`);
  expect(lines).toEqual(['a.yaml:5:5', 'a.yaml:12:16', 'b.yaml:2:5']);
});

test('errors too: sorted by line within a file', async () => {
  const dir = stackDir({
    'a.yaml': `${STACK}logGroups:\n  - name: /a\n    retention: 2d\nalarms:\n  - name: x\n    metric: { namespace: AWS/EC2, name: CPUUtilization, stat: Sum }\n    threshold: ">= 1"\n    notify: nope\n`,
  });
  const r = await runCliCaptured(['validate', dir]);
  expect(r.code).toBe(1);
  const lines = located(r.stdout).map(([, line]) => line);
  expect(lines.length).toBeGreaterThan(0);
  expect(lines).toEqual([...lines].sort((x, y) => x - y));
});

test.each([
  ['sum', 'Sum'],
  ['average', 'Average'],
  ['SAMPLECOUNT', 'SampleCount'],
])('stat: %s names %s', async (given, meant) => {
  const dir = stackDir({
    'a.yaml': `${STACK}alarms:\n  - name: x\n    metric: { namespace: AWS/EC2, name: CPUUtilization, stat: ${given} }\n    threshold: ">= 1"\n`,
  });
  const r = await runCliCaptured(['validate', dir]);
  expect(r.code).toBe(1);
  expect(r.stdout).toContain(
    `${path.join(dir, 'a.yaml')}:6:63: error SCHEMA: alarms.0.metric.stat: "${given}" is not valid (did you mean "${meant}"?). Statistic:`,
  );
});

test('a statistic that is no near miss gets no guess', async () => {
  const dir = stackDir({
    'a.yaml': `${STACK}alarms:\n  - name: x\n    metric: { namespace: AWS/EC2, name: CPUUtilization, stat: p99x }\n    threshold: ">= 1"\n`,
  });
  const r = await runCliCaptured(['validate', dir]);
  expect(r.stdout).toContain('"p99x" is not valid. Statistic:');
});

test.each([
  [
    'a key under a key that has a value',
    `${STACK}alarms:\n  - name: x\n    metric:\n      namespace: AWS/EC2\n        name: CPUUtilization\n      stat: Sum\n    threshold: ">= 1"\n`,
    8,
    9,
    7,
    7,
  ],
  ['a key of the stack', 'stack:\n  name: s\n    region: us-east-1\n', 3, 5, 2, 3],
  [
    'past a blank line and a comment',
    `${STACK}logGroups:\n  - name: /a\n\n    # the retention\n      retention: 30d\n`,
    8,
    7,
    5,
    5,
  ],
])('%s: one error, on the over-indented line, with a hint', async (_name, text, line, column, above, start) => {
  const dir = stackDir({ 'a.yaml': text });
  const r = await runCliCaptured(['validate', dir]);
  expect(r.code).toBe(1);
  expect(r.stdout).toBe(
    `${path.join(dir, 'a.yaml')}:${line}:${column}: error YAML_SYNTAX: invalid YAML: this key is indented more than the key on line ${above}, which has a value already; hint: start it in column ${start} like that key (or, to nest it, leave that key's value empty)\n` +
      `${dir}: 1 error(s), 0 warning(s)\n`,
  );
});

describe('an alarm that notifies no one is named in a warning', () => {
  const silent = (d: string) => located(d).filter(([, , , rest]) => rest.startsWith('warning SILENT_ALARM'));

  test('a monitor and an alarm without notify; the one with notify, and the composite input, are not named', async () => {
    const dir = stackDir({
      'a.yaml': `${STACK}${TOPIC}logGroups:\n  - name: /app\nmonitors:\n  - name: quiet-monitor\n    logGroup: /app\n    pattern: ERROR\n    metric: App/Errors\n    alarm: '>= 1 in 1m'\n`,
      'b.yaml':
        'alarms:\n  - name: quiet-alarm\n    metric: { namespace: AWS/EC2, name: CPUUtilization, stat: Sum }\n    threshold: ">= 1"\n' +
        '  - name: loud\n    metric: { namespace: AWS/EC2, name: CPUUtilization, stat: Sum }\n    threshold: ">= 2"\n    notify: t\n' +
        '  - name: input\n    metric: { namespace: AWS/EC2, name: CPUUtilization, stat: Sum }\n    threshold: ">= 3"\n' +
        'compositeAlarms:\n  - name: both\n    rule: ALARM("input") AND ALARM("loud")\n    notify: t\n',
    });
    const r = await runCliCaptured(['validate', dir]);
    expect(r.code).toBe(0);
    expect(silent(r.stdout)).toEqual([
      [
        'a.yaml',
        9,
        5,
        "warning SILENT_ALARM: metric alarm quiet-monitor notifies no one: it has no notify and no alarm action (add notify: TOPIC, or name it in a composite alarm's rule)",
      ],
      [
        'b.yaml',
        2,
        5,
        "warning SILENT_ALARM: metric alarm quiet-alarm notifies no one: it has no notify and no alarm action (add notify: TOPIC, or name it in a composite alarm's rule)",
      ],
    ]);
  });

  test('a composite alarm without notify is named too', async () => {
    const dir = stackDir({
      'a.yaml': `${STACK}alarms:\n  - name: input\n    metric: { namespace: AWS/EC2, name: CPUUtilization, stat: Sum }\n    threshold: ">= 3"\ncompositeAlarms:\n  - name: both\n    rule: ALARM("input")\n`,
    });
    const r = await runCliCaptured(['validate', dir]);
    expect(silent(r.stdout).map(([, line, , rest]) => `${line} ${rest.split(':').slice(0, 2).join(':')}`)).toEqual([
      '9 warning SILENT_ALARM: composite alarm both notifies no one',
    ]);
  });
});
