/**
 * Mistakes in an `slos:` block: each at its file:line:column with a message a person can act on, and
 * nothing sent to AWS (the run points at a loopback server that counts requests).
 */
import { startCountingEndpoint, type CountingEndpoint } from '../harness/counting-endpoint';
import { refusedPlan } from '../harness/refused-plan';
import { loadStack } from '../../src/config/load';
import { formatDiagnostic } from '../../src/model';
import { removeStackDirs, stackDir } from '../integration/stack-dir';

let aws: CountingEndpoint;
beforeAll(async () => {
  aws = await startCountingEndpoint();
});
afterAll(async () => {
  await aws.close();
  removeStackDirs();
});

const STACK =
  'stack:\n  name: shop\n  region: us-east-1\ntopics:\n  - name: oncall\n  - name: tickets\nlogGroups:\n  - name: /shop/app\n' +
  'metricFilters:\n' +
  '  - name: errors\n    logGroup: /shop/app\n    pattern: ERROR\n    metric: { namespace: Shop, name: Errors }\n' +
  '  - name: requests\n    logGroup: /shop/app\n    pattern: GET\n    metric: { namespace: Shop, name: Requests }\n';

/** The diagnostics of a stack whose slo.yaml is `slo` (severity `error` unless asked); no request may be sent. */
const diagnosticsOf = (slo: string, severity: 'error' | 'warning' = 'error', more: Record<string, string> = {}) =>
  refusedPlan(aws, { 'stack.yaml': STACK, 'slo.yaml': slo, ...more }, severity);

const slo = (lines: string) =>
  `slos:\n  - name: checkout\n    sli:\n      bad: Shop/Errors\n      total: Shop/Requests\n${lines}`;

test('a target outside [1, 100) is refused at the target; a fraction gets a did-you-mean', async () => {
  expect(await diagnosticsOf(slo('    target: 100\n    page: oncall\n'))).toEqual([
    'slo.yaml:6:13: error SCHEMA: target 100 is a percentage of good events, from 1 to less than 100 (e.g. 99.9)',
  ]);
  expect(await diagnosticsOf(slo('    target: 0.999\n    page: oncall\n'))).toEqual([
    'slo.yaml:6:13: error SCHEMA: target 0.999 is a percentage of good events, from 1 to less than 100 (e.g. 99.9); did you mean 99.9?',
  ]);
});

test('a window under a day, or not a duration, is refused at the window', async () => {
  expect(await diagnosticsOf(slo('    target: 99.9\n    window: 12h\n    page: oncall\n'))).toEqual([
    // The default policy's 3-day ticket window does not fit either; said at the SLO's name (sorted by line).
    'slo.yaml:2:11: error SCHEMA: long window 3d (the default policy) is longer than the SLO window 12h',
    'slo.yaml:7:13: error SCHEMA: window 12h is shorter than a day; an SLO window is days or weeks (e.g. 28d, 30d)',
  ]);
  const [bad] = await diagnosticsOf(slo('    target: 99.9\n    window: 30 days\n    page: oncall\n'));
  expect(bad).toMatch(/^slo\.yaml:7:13: error SCHEMA: .*window/);
});

test('an SLI with one side, or three, is refused at the sli', async () => {
  const one = 'slos:\n  - name: checkout\n    target: 99.9\n    page: oncall\n    sli:\n      bad: Shop/Errors\n';
  expect(await diagnosticsOf(one)).toEqual([
    'slo.yaml:6:7: error SCHEMA: the SLI needs two of good, bad and total (it has bad), or latency',
  ]);
  const three = `${one}      good: Shop/Good\n      total: Shop/Requests\n`;
  expect(await diagnosticsOf(three)).toEqual([
    'slo.yaml:6:7: error SCHEMA: the SLI takes two of good, bad and total, not all three (total is good + bad)',
  ]);
});

test('an expression naming a metric the SLI does not declare is refused, with a did-you-mean', async () => {
  const text =
    'slos:\n  - name: checkout\n    target: 99.9\n    page: oncall\n    sli:\n' +
    '      metrics:\n        e5: Shop/Errors5xx\n        e4: Shop/Errors4xx\n' +
    '      bad: { expression: e4 + e6 }\n      total: Shop/Requests\n';
  expect(await diagnosticsOf(text)).toEqual([
    'slo.yaml:9:26: error DANGLING_REFERENCE: expression "e4 + e6" names "e6", which is not one of the SLI\'s metrics; did you mean "e5"?',
  ]);
});

test('a policy whose windows do not fit is refused at the window: short not shorter, over 7 days, not minutes', async () => {
  const policy = (alert: string) =>
    slo(`    target: 99.9\n    page: oncall\n    policy:\n      - { severity: page, factor: 14.4, ${alert} }\n`);
  expect(await diagnosticsOf(policy('long: 1h, short: 1h'))).toEqual([
    'slo.yaml:9:58: error SCHEMA: the short window (1h) must be shorter than the long one (1h)',
  ]);
  expect(await diagnosticsOf(policy('long: 8d, short: 6h'))).toEqual([
    'slo.yaml:9:47: error LIMIT_EXCEEDED: long window 8d: CloudWatch evaluates an alarm over at most 7d (Period × EvaluationPeriods); use a shorter window',
  ]);
  expect(
    await diagnosticsOf(
      slo(
        '    target: 99.9\n    window: 2d\n    page: oncall\n    policy:\n      - { severity: ticket, factor: 1, long: 3d, short: 6h }\n',
      ),
    ),
  ).toEqual(['slo.yaml:10:46: error SCHEMA: long window 3d is longer than the SLO window 2d']);
});

test('a factor whose threshold is an error rate over 100% could never fire: refused at the factor', async () => {
  const text = slo(
    '    target: 99\n    page: oncall\n    policy:\n      - { severity: page, factor: 200, long: 1h, short: 5m }\n',
  );
  expect(await diagnosticsOf(text)).toEqual([
    'slo.yaml:9:35: error SCHEMA: 200x the budget of "1"% is an error rate over 100%: this alert could never fire',
  ]);
});

test('an unknown topic or suppressor alarm is refused with a did-you-mean; an SLO telling nobody is warned', async () => {
  expect(await diagnosticsOf(slo('    target: 99.9\n    page: oncal\n    suppressPageWhile: db-dwn\n'))).toEqual([
    'slo.yaml:7:11: error DANGLING_REFERENCE: topic "oncal" is not declared in any file; did you mean "oncall"? (or give a full ARN)',
    'slo.yaml:8:24: error DANGLING_REFERENCE: alarm "db-dwn" is not declared in any file',
  ]);
  // A warning alone does not stop a run: add an error elsewhere to see it among the diagnostics.
  expect(await diagnosticsOf(slo('    target: 100\n'), 'warning')).toContainEqual(
    'slo.yaml:2:11: warning SCHEMA: SLO "checkout" tells nobody: add page: and ticket: topics',
  );
});

test('an SLI metric no filter of the stack emits gets the did-you-mean every alarm gets, once per SLO', async () => {
  const text =
    'slos:\n  - name: checkout\n    target: 99.9\n    page: oncall\n    sli:\n      bad: Shop/Eror\n      total: Shop/Requests\n';
  const stack = await loadStack(stackDir({ 'stack.yaml': STACK, 'slo.yaml': text }), { env: {} });
  expect(stack.warnings.map((d) => formatDiagnostic(d).replace(/^.*\/(slo\.yaml)/, '$1'))).toEqual([
    'slo.yaml:2:5: warning DANGLING_REFERENCE: alarm will never fire? no metric filter in this stack emits Shop/Eror (did you mean Shop/Errors?)',
  ]);
});
