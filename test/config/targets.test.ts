/**
 * Mistakes in targets (stack.targets, a resource's targets list, `${target.*}`): each reported at its
 * file:line:column with a clear message, and nothing sent to AWS (a loopback endpoint counts requests).
 * Then the correct forms: what each target's copy of the files holds.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { planStacks } from '../../src/core';
import { loadStacks } from '../../src/config/load';
import { ConfigError, formatDiagnostic } from '../../src/model';
import { startCountingEndpoint, type CountingEndpoint } from '../harness/counting-endpoint';
import { runCliCaptured } from '../harness/run-cli';

const TARGETS = `stack:
  name: shop
  targets:
    - name: prod
      account: '111111111111'
      role: arn:aws:iam::111111111111:role/monitors
      regions: [us-east-1, eu-west-1]
    - name: staging
      account: '222222222222'
      regions: [us-east-1]
`;

const LOG_GROUP = `logGroups:
  - name: /shop/app
`;

interface Case {
  readonly name: string;
  readonly files: Readonly<Record<string, string>>;
  /** Every diagnostic, as `file:line:column: error CODE: message`. */
  readonly expected: readonly string[];
  readonly region?: string;
}

const CASES: readonly Case[] = [
  {
    name: 'a resource names an unknown target',
    files: { 'stack.yaml': TARGETS, 'app.yaml': `logGroups:\n  - name: /shop/app\n    targets: [prd]\n` },
    expected: [
      'app.yaml:3:15: error TARGET: unknown target prd (did you mean prod?); stack.targets declares prod, staging',
    ],
  },
  {
    name: 'two targets with one alias',
    files: {
      'stack.yaml': `${TARGETS}    - name: prod\n      account: '333333333333'\n      regions: [us-west-2]\n`,
      'app.yaml': LOG_GROUP,
    },
    expected: [
      'stack.yaml:11:13: error TARGET: target prod is declared twice; first at stack.yaml:4:13. Give each target its own name, or list both regions under one',
    ],
  },
  {
    name: 'an account id that is not 12 digits',
    files: {
      'stack.yaml': TARGETS.replace("'222222222222'", "'2222-2222'"),
      'app.yaml': LOG_GROUP,
    },
    expected: [
      "stack.yaml:9:16: error TARGET: target staging: account must be the 12-digit AWS account id, in quotes (e.g. '012345678901')",
    ],
  },
  {
    name: 'an account id written as a YAML number with a leading zero (it loses the zero)',
    files: {
      'stack.yaml': TARGETS.replace("'222222222222'", '012345678901'),
      'app.yaml': LOG_GROUP,
    },
    expected: [
      "stack.yaml:9:16: error TARGET: target staging: account must be the 12-digit AWS account id, in quotes (e.g. '012345678901')",
    ],
  },
  {
    name: 'an unknown ${target.*} field',
    files: { 'stack.yaml': TARGETS, 'app.yaml': 'logGroups:\n  - name: /shop/${target.foo}\n' },
    expected: [
      'app.yaml:2:11: error TARGET: unknown reference ${target.foo}: use ${target.name}, ${target.region} or ${target.account}',
    ],
  },
  {
    name: '${target.region} in a stack without targets',
    files: {
      'stack.yaml': 'stack:\n  name: shop\n  region: us-east-1\n',
      'app.yaml': 'logGroups:\n  - name: /shop/${target.region}\n',
    },
    expected: [
      'app.yaml:2:11: error TARGET: ${target.region} needs stack.targets: declare the accounts and regions the stack lives in, or write the value',
    ],
  },
  {
    name: 'a targets list in a stack without targets',
    files: {
      'stack.yaml': 'stack:\n  name: shop\n  region: us-east-1\n',
      'app.yaml': 'logGroups:\n  - name: /shop/app\n    targets: [prod]\n',
    },
    expected: [
      'app.yaml:3:5: error TARGET: targets: the stack declares no targets; add stack.targets (accounts and regions) or remove this list',
    ],
  },
  {
    name: 'a role in another account than the target',
    files: {
      'stack.yaml': TARGETS.replace('arn:aws:iam::111111111111', 'arn:aws:iam::999999999999'),
      'app.yaml': LOG_GROUP,
    },
    expected: [
      "stack.yaml:6:13: error TARGET: target prod: the role is in account 999999999999, not the target's account 111111111111: assume a role in the account the monitors live in",
    ],
  },
  {
    name: 'stack.region beside stack.targets',
    files: { 'stack.yaml': TARGETS.replace('  targets:', '  region: us-east-1\n  targets:'), 'app.yaml': LOG_GROUP },
    expected: [
      'stack.yaml:3:11: error TARGET: stack.region and stack.targets cannot both be set: with targets, each target lists its regions',
    ],
  },
  {
    name: '--region with targets',
    files: { 'stack.yaml': TARGETS, 'app.yaml': LOG_GROUP },
    region: 'us-east-1',
    expected: [
      'stack.yaml:3:3: error TARGET: --region us-east-1 cannot be used with stack.targets: each target lists its regions',
    ],
  },
  {
    name: 'two aliases in one account and region',
    files: {
      'stack.yaml': `${TARGETS}    - name: again\n      account: '222222222222'\n      regions: [us-east-1]\n`,
      'app.yaml': LOG_GROUP,
    },
    expected: [
      'stack.yaml:13:17: error TARGET: targets staging and again both put the stack in account 222222222222, us-east-1: one place can hold a stack once',
    ],
  },
  {
    name: 'a reference to a resource that is not in every target names those it is missing from',
    files: {
      'stack.yaml': TARGETS,
      'app.yaml': `logGroups:
  - name: /shop/app
    targets: [prod]
monitors:
  - name: errors
    logGroup: /shop/app
    pattern: ERROR
    metric: Shop/Errors
    alarm: '> 1 in 1m'
`,
    },
    expected: [
      // Sorted by line: the monitor (line 5) notifies no one, and its log group (line 6) is not in staging.
      "app.yaml:5:5: warning SILENT_ALARM: metric alarm errors notifies no one: it has no notify and no alarm action (add notify: TOPIC, or name it in a composite alarm's rule)",
      expect.stringMatching(
        /^app\.yaml:6:15: error DANGLING_REFERENCE: .*\(in target staging\/us-east-1\)$/,
      ) as unknown as string,
    ],
  },
];

let aws: CountingEndpoint;
const root = mkdtempSync(path.join(tmpdir(), 'monitors-targets-'));
const cwd = process.cwd();

beforeAll(async () => {
  aws = await startCountingEndpoint();
});
afterAll(async () => {
  process.chdir(cwd);
  await aws.close();
  rmSync(root, { recursive: true, force: true });
});

function write(name: string, files: Readonly<Record<string, string>>): string {
  const dir = path.join(root, name.replace(/\W+/g, '-'));
  mkdirSync(dir, { recursive: true });
  for (const [file, text] of Object.entries(files)) writeFileSync(path.join(dir, file), text);
  return dir;
}

describe('mistakes in targets: located, and nothing reaches AWS', () => {
  test.each(CASES)('$name', async (c) => {
    process.chdir(write(c.name, c.files));
    const before = aws.requests();
    let thrown: unknown;
    try {
      await planStacks({
        directory: '.',
        endpointUrl: aws.url,
        credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
        adopt: true,
        allowMassDelete: false,
        maxDeleteShare: 0.5,
        env: {},
        region: c.region,
      });
    } catch (err) {
      thrown = err;
    } finally {
      process.chdir(cwd);
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    const lines = (thrown as ConfigError).diagnostics.map(formatDiagnostic);
    expect(lines).toEqual(c.expected);
    expect(aws.requests()).toBe(before);
  });
});

describe('what each target sees', () => {
  test('a resource in some targets only, and ${target.*} replaced per target', async () => {
    const dir = write('per-target', {
      'stack.yaml': TARGETS,
      'app.yaml': `logGroups:
  - name: /shop/\${target.region}
    tags:
      account: \${target.account}
      target: \${target.name}
  - name: /shop/prod-only
    targets: [prod]
`,
    });
    const loaded = await loadStacks(dir, { env: {} });
    if (!loaded.targets) throw new Error('expected targets');
    const seen = loaded.targets.map((t) => ({
      target: `${t.target.name}/${t.target.region}`,
      role: t.target.role,
      region: t.stack.settings.region,
      groups: t.stack.resources.map((r) => {
        const spec = r.spec as { name: string; tags: Record<string, string> };
        return `${spec.name} ${spec.tags.account ?? ''} ${spec.tags.target ?? ''}`.trim();
      }),
    }));
    expect(seen).toEqual([
      {
        target: 'prod/us-east-1',
        role: 'arn:aws:iam::111111111111:role/monitors',
        region: 'us-east-1',
        groups: ['/shop/us-east-1 111111111111 prod', '/shop/prod-only'],
      },
      {
        target: 'prod/eu-west-1',
        role: 'arn:aws:iam::111111111111:role/monitors',
        region: 'eu-west-1',
        groups: ['/shop/eu-west-1 111111111111 prod', '/shop/prod-only'],
      },
      {
        target: 'staging/us-east-1',
        role: undefined,
        region: 'us-east-1',
        groups: ['/shop/us-east-1 222222222222 staging'],
      },
    ]);
  });

  test('a log anomaly detector watches its own target’s log group (its region), and may be in some targets only', async () => {
    const dir = write('per-target-detector', {
      'stack.yaml': TARGETS,
      'app.yaml': `${LOG_GROUP}logAnomalyDetectors:
  - name: app-anomalies
    logGroups: [/shop/app]
  - name: prod-only
    logGroups: [/shop/app]
    targets: [prod]
`,
    });
    const loaded = await loadStacks(dir, { env: {} });
    if (!loaded.targets) throw new Error('expected targets');
    const seen = loaded.targets.map((t) => [
      `${t.target.name}/${t.target.region}`,
      t.stack.resources.flatMap((r) =>
        r.spec.kind === 'logAnomalyDetector' ? [`${r.spec.name} ${r.spec.logGroupArns.join(' ')}`] : [],
      ),
    ]);
    expect(seen).toEqual([
      [
        'prod/us-east-1',
        [
          'app-anomalies arn:aws:logs:us-east-1:000000000000:log-group:/shop/app',
          'prod-only arn:aws:logs:us-east-1:000000000000:log-group:/shop/app',
        ],
      ],
      [
        'prod/eu-west-1',
        [
          'app-anomalies arn:aws:logs:eu-west-1:000000000000:log-group:/shop/app',
          'prod-only arn:aws:logs:eu-west-1:000000000000:log-group:/shop/app',
        ],
      ],
      ['staging/us-east-1', ['app-anomalies arn:aws:logs:us-east-1:000000000000:log-group:/shop/app']],
    ]);
  });

  test('a value from ${env:} stays sensitive in a target that leaves out a resource before it', async () => {
    const dir = write('per-target-secret', {
      'stack.yaml': TARGETS,
      'app.yaml': `logGroups:
  - name: /shop/staging-only
    targets: [staging]
  - name: /shop/app
    tags:
      token: \${env:TOKEN}
`,
    });
    const loaded = await loadStacks(dir, { env: { TOKEN: 's3cret-value' } });
    if (!loaded.targets) throw new Error('expected targets');
    const marks = loaded.targets.map((t) =>
      t.stack.resources.map((r) => `${(r.spec as { name: string }).name}: ${(r.sensitive ?? []).join(',')}`),
    );
    expect(marks).toEqual([
      ['/shop/app: tags.token'],
      ['/shop/app: tags.token'],
      ['/shop/staging-only: ', '/shop/app: tags.token'],
    ]);
  });

  test('validate counts the resources of every target, and checks them all without AWS', async () => {
    const dir = write('validate', {
      'stack.yaml': TARGETS,
      'app.yaml': 'logGroups:\n  - name: /shop/${target.region}\n  - name: /shop/prod-only\n    targets: [prod]\n',
    });
    const r = await runCliCaptured(['validate', dir]);
    expect(r.stdout).toBe(`${dir} is valid: 5 resources in 2 file(s) across 3 target(s)\n`);
    expect(r.code).toBe(0);
  });
});
