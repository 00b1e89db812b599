/**
 * Mistakes in a Metrics Insights alarm's `query:` (and a SELECT in `metrics:`), each reported at the
 * file:line:column of the character inside the query (a `|` block's lines are the file's lines, a
 * one-line query is exact), with did-you-mean for functions and keywords, before any AWS call.
 */
import { startCountingEndpoint, type CountingEndpoint } from '../harness/counting-endpoint';
import { refusedPlan } from '../harness/refused-plan';
import { runCliCaptured } from '../harness/run-cli';
import { removeStackDirs, stackDir } from '../integration/stack-dir';

let aws: CountingEndpoint;
beforeAll(async () => {
  aws = await startCountingEndpoint();
});
afterAll(async () => {
  await aws.close();
  removeStackDirs();
});

const STACK = 'stack:\n  name: shop\n  region: us-east-1\ntopics:\n  - name: shop-alerts\n';
const refused = (file: string) => refusedPlan(aws, { 'stack.yaml': STACK, 'fleet.yaml': file });

/** An alarm whose query is a `|` block (its first line is line 4 of the file, column 7). */
const block = (lines: readonly string[], extra = '') =>
  [
    'alarms:',
    '  - name: fleet-cpu',
    '    notify: shop-alerts',
    '    query: |',
    ...lines.map((l) => `      ${l}`),
    '    period: 5m',
    "    threshold: '> 80'",
    extra,
  ].join('\n');

const GOOD = [
  'SELECT MAX(CPUUtilization)',
  'FROM SCHEMA("AWS/EC2", InstanceId)',
  'GROUP BY InstanceId',
  'ORDER BY MAX() DESC',
  'LIMIT 10',
];

test('a good query validates, in a block or on one line', async () => {
  const dir = stackDir({
    'stack.yaml': STACK,
    'fleet.yaml': `${block(GOOD)}\n  - name: one-line\n    notify: shop-alerts\n    query: SELECT AVG(CPUUtilization) FROM "AWS/EC2"\n    threshold: '> 50'\n`,
  });
  const run = await runCliCaptured(['validate', dir]);
  expect(run.stderr).toBe('');
  expect(run.stdout).toContain('is valid: 3 resources');
});

test('a typo in the function is refused at its line and column, with the function meant', async () => {
  expect(await refused(block(['SELECT MAXX(CPUUtilization)', ...GOOD.slice(1)]))).toEqual([
    'fleet.yaml:5:14: error BAD_QUERY: Metrics Insights query: "MAXX" is not a Metrics Insights function; did you mean "MAX"? (functions: AVG, COUNT, MAX, MIN, SUM)',
  ]);
  expect(await refused(block([...GOOD.slice(0, 3), 'ORDER BY Average() DESC']))).toEqual([
    'fleet.yaml:8:16: error BAD_QUERY: Metrics Insights query: "Average" is not a Metrics Insights function; did you mean "AVG"? (functions: AVG, COUNT, MAX, MIN, SUM)',
  ]);
});

test('a missing or misspelt FROM is refused where FROM should be', async () => {
  expect(await refused(block(['SELECT MAX(CPUUtilization)', 'SCHEMA("AWS/EC2", InstanceId)']))).toEqual([
    'fleet.yaml:6:7: error BAD_QUERY: Metrics Insights query: expected FROM after SELECT …(…), found "SCHEMA"',
  ]);
  expect(await refused(block(['SELECT MAX(CPUUtilization)', 'FORM "AWS/EC2"']))).toEqual([
    'fleet.yaml:6:7: error BAD_QUERY: Metrics Insights query: expected FROM after SELECT …(…), found "FORM"; did you mean "FROM"?',
  ]);
});

test('a misspelt clause keyword gets the keyword meant', async () => {
  expect(await refused(block([...GOOD.slice(0, 2), 'GROPU BY InstanceId']))).toEqual([
    'fleet.yaml:7:7: error BAD_QUERY: Metrics Insights query: expected WHERE, GROUP BY, ORDER BY or LIMIT, found "GROPU"; did you mean "GROUP"?',
  ]);
});

test('an unclosed quote is refused at the quote that opens it', async () => {
  expect(await refused(block([...GOOD.slice(0, 2), "WHERE InstanceType = 't3.nano", ...GOOD.slice(2)]))).toEqual([
    "fleet.yaml:7:28: error BAD_QUERY: Metrics Insights query: this ' never closes (a label value ends with ')",
  ]);
});

test('LIMIT over 500 is refused at its number', async () => {
  expect(await refused(block([...GOOD.slice(0, 4), 'LIMIT 1000']))).toEqual([
    'fleet.yaml:9:13: error BAD_QUERY: Metrics Insights query: LIMIT takes a whole number of time series from 1 to 500 (a query returns at most 500), not "1000"',
  ]);
});

test('a query over 2048 characters is refused where it passes the limit', async () => {
  const long = `SELECT MAX(CPUUtilization) FROM "AWS/EC2" WHERE InstanceId = '${'i'.repeat(2000)}'`;
  expect(await refused(block([long]))).toEqual([
    `fleet.yaml:5:${7 + 2048}: error BAD_QUERY: Metrics Insights query: the query has ${long.length} characters; AWS allows at most 2048`,
  ]);
});

test('a one-line query is located exactly, quoted or plain', async () => {
  const one = (q: string) =>
    `alarms:\n  - name: fleet-cpu\n    notify: shop-alerts\n    query: ${q}\n    threshold: '> 80'\n`;
  expect(await refused(one('SELECT AVG(CPUUtilization) FROM AWS/EC2'))).toEqual([
    'fleet.yaml:4:44: error BAD_QUERY: Metrics Insights query: a name with / (such as AWS/EC2) must be in double quotes: "AWS/EC2"',
  ]);
  expect(await refused(one(`'SELECT SUMM(Errors) FROM "Shop"'`))).toEqual([
    'fleet.yaml:4:20: error BAD_QUERY: Metrics Insights query: "SUMM" is not a Metrics Insights function; did you mean "SUM"? (functions: AVG, COUNT, MAX, MIN, SUM)',
  ]);
});

test('a SELECT inside metrics: is checked the same way, and needs a period', async () => {
  const file = [
    'alarms:',
    '  - name: fleet-cpu',
    '    notify: shop-alerts',
    '    metrics:',
    '      - id: q',
    '        expression: SELECT AVG(CPUUtilization) FROM "AWS/EC2" LIMIT 0',
    "    threshold: '> 80'",
    '',
  ].join('\n');
  expect(await refused(file)).toEqual([
    'fleet.yaml:5:9: error SCHEMA: query "q" is a Metrics Insights query: it needs a period',
    'fleet.yaml:6:69: error BAD_QUERY: Metrics Insights query: LIMIT takes a whole number of time series from 1 to 500 (a query returns at most 500), not "0"',
  ]);
});

test('the alarm around the query: one source, a period of a minute or more, at most 3 h of evaluation', async () => {
  expect(
    await refused(block(GOOD, '    metric: { namespace: AWS/EC2, name: CPUUtilization, stat: Average }\n')),
  ).toEqual([
    'fleet.yaml:2:5: error SCHEMA: alarm "fleet-cpu" needs exactly one of metric (one metric), metrics (metric math) or query (Metrics Insights)',
  ]);
  expect(await refused(block(GOOD).replace('period: 5m', 'period: 30s'))).toEqual([
    'fleet.yaml:10:13: error SCHEMA: period 30s: Metrics Insights has no data finer than one minute; use 1m or more',
  ]);
  expect(await refused(block(GOOD, '    evaluationPeriods: 40\n'))).toEqual([
    'fleet.yaml:12:24: error SCHEMA: 40 periods of 300s reach back 3.33h; a Metrics Insights alarm is evaluated on the latest 3h only',
  ]);
  expect(
    await refused(
      "alarms:\n  - name: a\n    notify: shop-alerts\n    metric: { namespace: AWS/EC2, name: CPUUtilization, stat: Average }\n    period: 5m\n    threshold: '> 1'\n",
    ),
  ).toEqual([
    "fleet.yaml:5:13: error SCHEMA: period beside an alarm's keys goes with query; a metric's period goes under metric",
  ]);
});

test('more than 200 Metrics Insights alarms is warned at the 201st: the quota AWS gives unless raised', async () => {
  const alarm = (i: number) =>
    `  - { name: fleet-${i}, notify: shop-alerts, query: 'SELECT AVG(CPUUtilization) FROM "AWS/EC2"', threshold: '> ${i}' }`;
  const file = (n: number) => ['alarms:', ...Array.from({ length: n }, (_, i) => alarm(i))].join('\n') + '\n';
  const dir = stackDir({ 'stack.yaml': STACK, 'fleet.yaml': file(201) });
  const run = await runCliCaptured(['validate', dir]);
  expect(run.stdout).toContain(
    'fleet.yaml:202:5: warning LIMIT_EXCEEDED: 201 Metrics Insights alarms; AWS allows 200 per account and region unless the quota is raised (this is the 201st)',
  );
  const under = await runCliCaptured(['validate', stackDir({ 'stack.yaml': STACK, 'fleet.yaml': file(200) })]);
  expect(under.stdout).not.toContain('LIMIT_EXCEEDED');
});
