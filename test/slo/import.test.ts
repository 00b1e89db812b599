/**
 * `monitors import --openslo FILE` and `--sloth FILE`: the projects' own examples (adapted to CloudWatch
 * metrics, test/fixtures/slo-import/) convert into slos: entries that validate in a stack; what cannot map
 * is named with the reason; a file with nothing that maps writes nothing. No AWS call: the runs are given
 * an endpoint that counts requests.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { runCliCaptured } from '../harness/run-cli';
import { startCountingEndpoint, type CountingEndpoint } from '../harness/counting-endpoint';
import { yamlLib } from '../../src/config/yaml-lib';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'slo-import');
const made: string[] = [];
let aws: CountingEndpoint;
beforeAll(async () => {
  aws = await startCountingEndpoint();
});
afterAll(async () => {
  made.forEach((d) => rmSync(d, { recursive: true, force: true }));
  await aws.close();
});

function freshDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'monitors-slo-import-'));
  made.push(dir);
  return dir;
}

async function importInto(flag: '--openslo' | '--sloth', file: string) {
  const dir = freshDir();
  const run = await runCliCaptured([
    'import',
    flag,
    path.join(FIXTURES, file),
    '--out',
    dir,
    '--endpoint-url',
    aws.url,
  ]);
  return { dir, run };
}

/** The imported slos.yaml validated in a stack that declares the page topic. */
async function validateWithStack(dir: string) {
  writeFileSync(path.join(dir, 'stack.yaml'), 'stack:\n  name: shop\n  region: us-east-1\ntopics:\n  - name: oncall\n');
  return runCliCaptured(['validate', dir]);
}

test('OpenSLO: an inline latency SLI and a referenced ratio SLI import; a Timeslices budget is refused; it validates', async () => {
  const before = aws.requests();
  const { dir, run } = await importInto('--openslo', 'openslo-search.yaml');
  expect(run.code).toBe(0);
  expect(run.stdout).toContain('Imported 2 SLO(s)');
  expect(run.stdout).toContain(
    'SLO search-timeslices: budgetingMethod Timeslices counts good time slices, not events; only Occurrences maps to burn-rate alarms on events',
  );
  const written = yamlLib().parse(readFileSync(path.join(dir, 'slos.yaml'), 'utf8')) as { slos: unknown[] };
  // target 0.99 → 99 percent; 2w → 14d; op lt 500 → PR(:500) on the metric; the ratio's sides by name.
  expect(written.slos).toEqual([
    {
      name: 'search-slo',
      description: 'Regardless of the number of parallel searches it never should be more than 500ms.',
      target: 99,
      window: '14d',
      sli: { latency: { metric: 'WebShop/SearchLatencyMs', dimensions: { Service: 'search' }, threshold: 500 } },
    },
    {
      name: 'checkout-availability',
      target: 99.9,
      window: '28d',
      sli: { bad: 'WebShop/CheckoutErrors', total: 'WebShop/CheckoutRequests' },
    },
  ]);
  const valid = await validateWithStack(dir);
  expect(valid.code).toBe(0);
  // The topic, and six window alarms and two composites per SLO.
  expect(valid.stdout).toMatch(/is valid: 17 resources in 2 file\(s\)/);
  expect(aws.requests() - before).toBe(0);
});

test('Sloth: CloudWatch event queries import, a disabled ticket alert leaves the page policy; PromQL is refused', async () => {
  const { dir, run } = await importInto('--sloth', 'sloth-getting-started.yml');
  expect(run.code).toBe(0);
  expect(run.stdout).toMatch(/SLO myservice-requests-latency: error_query: its query .* is not a CloudWatch metric/);
  const written = yamlLib().parse(readFileSync(path.join(dir, 'slos.yaml'), 'utf8')) as { slos: unknown[] };
  expect(written.slos).toEqual([
    {
      name: 'myservice-requests-availability',
      description: 'Common SLO based on availability for HTTP request responses.',
      target: 99.9,
      window: '30d',
      sli: { bad: { metric: 'MyService/RequestErrors', dimensions: { Code: '5xx_429' } }, total: 'MyService/Requests' },
      policy: [
        { severity: 'page', factor: 14.4, long: '1h', short: '5m' },
        { severity: 'page', factor: 6, long: '6h', short: '30m' },
      ],
    },
  ]);
  const valid = await validateWithStack(dir);
  expect(valid.code).toBe(0);
  // The topic, four window alarms and the page composite.
  expect(valid.stdout).toMatch(/is valid: 6 resources in 2 file\(s\)/);
});

test('a file where nothing maps writes nothing and says why, item by item', async () => {
  const dir = freshDir();
  const file = path.join(dir, 'promql.yml');
  writeFileSync(
    file,
    'version: prometheus/v1\nservice: s\nslos:\n  - name: a\n    objective: 99\n    sli:\n      raw:\n        error_ratio_query: sum(rate(x[5m]))\n',
  );
  const run = await runCliCaptured(['import', '--sloth', file, '--out', path.join(dir, 'out')]);
  expect(run.code).toBe(1);
  expect(run.stderr).toContain('no SLO maps to CloudWatch; nothing was written');
  expect(run.stderr).toContain('SLO s-a: its SLI is a raw error ratio query, not error and total events');
  expect(existsSync(path.join(dir, 'out'))).toBe(false);
  const openslo = path.join(dir, 'alpha.yaml');
  writeFileSync(openslo, 'apiVersion: openslo/v1alpha\nkind: SLO\nmetadata:\n  name: old\nspec: {}\n');
  const alpha = await runCliCaptured(['import', '--openslo', openslo, '--out', path.join(dir, 'out')]);
  expect(alpha.stderr).toContain('SLO old: apiVersion openslo/v1alpha is not openslo/v1');
});
