/**
 * Mistakes in the files about double counting and former names: each reported at its place with a
 * message naming both sides, before any AWS call (the run points at a loopback server that counts).
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
      adopt: false,
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

test('two declared filters emitting one metric from one log group are refused, naming both', async () => {
  const before = aws.requests();
  const errors = await errorsOf({
    'stack.yaml': STACK,
    'filters.yaml':
      'metricFilters:\n' +
      '  - name: errors\n    logGroup: /shop/app\n    pattern: ERROR\n    metric: { namespace: Shop, name: Errors }\n' +
      '  - name: fatal\n    logGroup: /shop/app\n    pattern: FATAL\n    metric: { namespace: Shop, name: Errors }\n',
  });
  expect(errors).toEqual([
    'filters.yaml:6:5: error DOUBLE_COUNT: metric filter monitors.shop.fatal would emit Shop/Errors from log group /shop/app, as metric filter monitors.shop.errors (filters.yaml:2:5) already does: every line both match would be counted twice. Merge the two patterns into one filter, or emit another metric name',
  ]);
  expect(aws.requests() - before).toBe(0);
});

test('a monitor and a metric filter in different files emitting one metric are refused too', async () => {
  const errors = await errorsOf({
    'stack.yaml': STACK,
    'a.yaml':
      "monitors:\n  - name: errors\n    logGroup: /shop/app\n    pattern: ERROR\n    metric: Shop/Errors\n    alarm: '>= 2 in 1m'\n",
    'b.yaml':
      'metricFilters:\n  - name: errors-too\n    logGroup: /shop/app\n    pattern: Exception\n    metric: { namespace: Shop, name: Errors }\n',
  });
  expect(errors).toEqual([
    expect.stringMatching(/^b\.yaml:2:5: error DOUBLE_COUNT: .*monitors\.shop\.errors \(a\.yaml:2:5\)/),
  ]);
});

test('the same metric from two log groups, or with other dimensions, is not double counting', async () => {
  const errors = await errorsOf({
    'stack.yaml': `${STACK}  - name: /shop/worker\n`,
    'filters.yaml':
      'metricFilters:\n' +
      '  - name: app\n    logGroup: /shop/app\n    pattern: ERROR\n    metric: { namespace: Shop, name: Errors }\n' +
      '  - name: worker\n    logGroup: /shop/worker\n    pattern: ERROR\n    metric: { namespace: Shop, name: Errors }\n' +
      '  - name: by-host\n    logGroup: /shop/app\n    pattern: \'{ $.level = "ERROR" }\'\n    metric: { namespace: Shop, name: Errors, dimensions: { Host: $.host } }\n' +
      'alarms:\n  - name: never\n    metric: { namespace: AWS/EC2, name: CPUUtilization, stat: Average }\n    threshold: ">= 1"\n    notify: nowhere\n',
  });
  // Only the deliberate dangling topic: proof the files were checked, and no DOUBLE_COUNT among them.
  expect(errors).toEqual([expect.stringContaining('DANGLING_REFERENCE: topic "nowhere"')]);
});

test('formerNames listing the current name is refused at its place', async () => {
  const errors = await errorsOf({
    'stack.yaml': 'stack:\n  name: shop\n  formerNames: [old-shop, shop]\n  region: us-east-1\n',
  });
  expect(errors).toEqual([
    `stack.yaml:3:27: error SCHEMA: stack.formerNames lists "shop", the stack's current name: list only names it had before`,
  ]);
});

test('a former name that is not a stack name is a schema error', async () => {
  const errors = await errorsOf({
    'stack.yaml': 'stack:\n  name: shop\n  formerNames: [Old.Shop]\n  region: us-east-1\n',
  });
  expect(errors).toEqual([
    expect.stringMatching(/^stack\.yaml:3:17: error SCHEMA: stack\.formerNames\.0: "Old\.Shop" is not valid/),
  ]);
});
