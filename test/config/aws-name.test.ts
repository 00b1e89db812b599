/**
 * Mistakes in `awsName:` (a metric filter adopted under its own name), in `metricFilters:` and in
 * `monitors:` alike: each reported at its place, before any AWS call (a loopback server counts them).
 */
import { startCountingEndpoint, type CountingEndpoint } from '../harness/counting-endpoint';
import { planStack } from '../../src/core';
import { ConfigError, formatDiagnostic } from '../../src/model';
import { removeStackDirs, stackDir } from '../integration/stack-dir';

let aws: CountingEndpoint;

beforeAll(async () => {
  aws = await startCountingEndpoint();
});
afterAll(async () => {
  await aws.close();
  removeStackDirs();
});

async function errorsOf(files: Record<string, string>): Promise<string[]> {
  const cwd = process.cwd();
  process.chdir(stackDir(files));
  try {
    await planStack({
      directory: '.',
      endpointUrl: aws.url,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      adopt: true,
      allowMassDelete: false,
      maxDeleteShare: 0.5,
      env: {},
    });
  } catch (err) {
    if (err instanceof ConfigError)
      return err.diagnostics.filter((d) => d.severity === 'error').map((d) => formatDiagnostic(d));
    throw err;
  } finally {
    process.chdir(cwd);
  }
  throw new Error('planStack accepted files that should have been refused');
}

const STACK = 'stack:\n  name: shop\n  region: us-east-1\nlogGroups:\n  - name: /shop/app\n';

/** One metric filter entry with this awsName line (as YAML), its metric varied so no other check fires. */
const filter = (name: string, awsNameYaml: string, metric = 'Errors') =>
  `  - name: ${name}\n    awsName: ${awsNameYaml}\n    logGroup: /shop/app\n    pattern: ERROR\n    metric: { namespace: Shop, name: ${metric} }\n`;

async function refused(files: Record<string, string>): Promise<string[]> {
  const before = aws.requests();
  const errors = await errorsOf(files);
  expect(aws.requests() - before).toBe(0);
  return errors;
}

test('an awsName breaking AWS’s rules for a filter name is refused at its place', async () => {
  const rule =
    "The filter's name in AWS, verbatim, for a filter that already exists under that name (made in the console): it is adopted in place instead of a second filter being made beside it. 1 to 512 characters, no ':' or '*' or control characters, and not starting with 'monitors.'.";
  expect(await refused({ 'stack.yaml': STACK, 'f.yaml': `metricFilters:\n${filter('a', '"errors:5xx"')}` })).toEqual([
    `f.yaml:3:14: error SCHEMA: metricFilters.0.awsName: "errors:5xx" is not valid. ${rule}`,
  ]);
  expect(await refused({ 'stack.yaml': STACK, 'f.yaml': `metricFilters:\n${filter('a', '"all*"')}` })).toEqual([
    `f.yaml:3:14: error SCHEMA: metricFilters.0.awsName: "all*" is not valid. ${rule}`,
  ]);
  expect(await refused({ 'stack.yaml': STACK, 'f.yaml': `metricFilters:\n${filter('a', '"two\\nlines"')}` })).toEqual([
    // Caught before the schema, by the check every one-line value gets.
    'f.yaml:3:14: error SCHEMA: awsName "two\\nlines" contains a tab or line break; names, tags and references are one line',
  ]);
  expect(await refused({ 'stack.yaml': STACK, 'f.yaml': `metricFilters:\n${filter('a', '""')}` })).toEqual([
    'f.yaml:3:14: error SCHEMA: metricFilters.0.awsName: "" must NOT have fewer than 1 characters',
  ]);
  const long = 'x'.repeat(513);
  const errors = await refused({ 'stack.yaml': STACK, 'f.yaml': `metricFilters:\n${filter('a', long)}` });
  expect(errors).toHaveLength(1);
  expect(errors[0]).toMatch(
    /^f\.yaml:3:14: error SCHEMA: metricFilters\.0\.awsName: "x+…" \(513 characters\) must NOT have more than 512 characters$/,
  );
});

test('512 characters is the longest awsName accepted', async () => {
  // Accepted by the files: the run gets as far as AWS (the loopback server), which is what fails.
  const before = aws.requests();
  await expect(
    errorsOf({ 'stack.yaml': STACK, 'f.yaml': `metricFilters:\n${filter('a', 'x'.repeat(512))}` }),
  ).rejects.not.toBeInstanceOf(ConfigError);
  expect(aws.requests() - before).toBeGreaterThan(0);
});

test('an awsName with the prefix of the tool’s own names is refused, saying what to do instead', async () => {
  expect(
    await refused({ 'stack.yaml': STACK, 'f.yaml': `metricFilters:\n${filter('errors', 'monitors.billing.errors')}` }),
  ).toEqual([
    'f.yaml:3:14: error SCHEMA: awsName "monitors.billing.errors" starts with "monitors.", which only the names monitors gives its own filters may: leave awsName out to get monitors.shop.errors, or name the filter as it is in AWS',
  ]);
});

test('two filters claiming one awsName on one log group are refused, naming the first', async () => {
  expect(
    await refused({
      'stack.yaml': STACK,
      'f.yaml': `metricFilters:\n${filter('errors', 'by-hand')}`,
      'g.yaml': `metricFilters:\n${filter('fatal', 'by-hand', 'Fatal')}`,
    }),
  ).toEqual([
    'g.yaml:2:5: error DUPLICATE_NAME: metric filter /shop/app → by-hand is declared twice; first at f.yaml:2:5',
  ]);
});

test('a monitor’s awsName is checked the same way, and may not collide with a filter’s', async () => {
  const monitor = (awsName: string) =>
    `monitors:\n  - name: errors\n    awsName: ${awsName}\n    logGroup: /shop/app\n    pattern: ERROR\n    metric: Shop/Errors\n    alarm: '>= 1 in 1m'\n`;
  expect(await refused({ 'stack.yaml': STACK, 'm.yaml': monitor('"a:b"') })).toEqual([
    expect.stringMatching(/^m\.yaml:3:14: error SCHEMA: monitors\.0\.awsName: "a:b" is not valid\. /),
  ]);
  expect(await refused({ 'stack.yaml': STACK, 'm.yaml': monitor('monitors.shop.errors') })).toEqual([
    expect.stringMatching(/^m\.yaml:3:14: error SCHEMA: awsName "monitors\.shop\.errors" starts with "monitors\."/),
  ]);
  expect(
    await refused({
      'stack.yaml': STACK,
      'm.yaml': monitor('by-hand'),
      'f.yaml': `metricFilters:\n${filter('other', 'by-hand', 'Other')}`,
    }),
  ).toEqual([
    expect.stringMatching(
      /^m\.yaml:2:5: error DUPLICATE_NAME: metric filter \/shop\/app → by-hand is declared twice; first at f\.yaml:2:5$/,
    ),
  ]);
});
