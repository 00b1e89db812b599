/**
 * `npm run bench`: benchmarks on a private emulator, every figure measured in the same run as the
 * baseline it is compared with.
 *
 *  1. Plan read cost for N monitors (a metric filter + an alarm each), N = 100 and 1,000
 *     (BENCH_SIZES=100,1000,2000 for more): AWS calls by operation and wall time for
 *       - monitors with the batch ownership read (Resource Groups Tagging API),
 *       - monitors with per-resource tag reads (its fallback, used against emulators),
 *       - a per-resource reader in Terraform's pattern (DescribeAlarms + ListTagsForResource per
 *         alarm, DescribeMetricFilters per filter, DescribeLogGroups + tags per group, topic
 *         attributes + tags per topic),
 *     against the minimum number of paged calls N needs.
 *     and the same batch plan through a proxy enforcing AWS's published quotas (throttled calls).
 *  2. Apply rate: 300 alarms through a proxy that enforces AWS's PutMetricAlarm quota (3/s), as a
 *     ratio of the quota, with the count of failed changes.
 *  3. Mixed apply and delete of 100 monitors (log group + metric filter + alarm each, one topic)
 *     through a proxy enforcing AWS's quotas, against the floor max over operations of calls / quota.
 *  4. Validate of 1,000 / 5,000 / 10,000 monitors and start-up of `validate monitors`, from the
 *     compiled CLI (runs `npm run build` first), wall time and peak RSS, beside `node -e 0`.
 *  5. Terraform side by side (terraform.ts): the same stack in HCL and YAML, plan time and calls.
 * BENCH_ONLY=plan,apply,mixed,validate,terraform picks sections (all by default);
 * BENCH_TERRAFORM_SIZES=100,1000 (default 100).
 */
import { execFileSync, spawnSync } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { loadavg, tmpdir } from 'os';
import * as path from 'path';
import { DescribeAlarmsCommand, ListTagsForResourceCommand as AlarmTags } from '@aws-sdk/client-cloudwatch';
import {
  DescribeLogGroupsCommand,
  DescribeMetricFiltersCommand,
  ListTagsForResourceCommand as LogTags,
} from '@aws-sdk/client-cloudwatch-logs';
import {
  GetSubscriptionAttributesCommand,
  GetTopicAttributesCommand,
  ListSubscriptionsByTopicCommand,
  ListTagsForResourceCommand as TopicTags,
} from '@aws-sdk/client-sns';
import { createClients } from '../../src/aws/clients';
import { applyStack, planStack, type RunOptions } from '../../src/core';
import { DEFAULT_QUOTAS } from '../../src/apply/rate-limiter';
import { hasChanges, type DesiredStack } from '../../src/model';
import { loadStack } from '../../src/config/load';
import { EmulatorNotInstalled, startEmulator } from '../harness/emulator-process';
import { startFaultProxy } from '../fault/fault-proxy';
import { startTaggingShim } from './tagging-shim';
import { monitorsFiles, sideBySide } from './terraform';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const REGION = 'us-east-1';
const FAST = Object.fromEntries(Object.keys(DEFAULT_QUOTAS).map((op) => [op, 500]));
let accountSeq = 0;
const newAccount = () => String(300000000000 + (Date.now() % 100000000) * 10 + accountSeq++).slice(0, 12);

function monitorsStack(n: number): Record<string, string> {
  const groups = Math.ceil(n / 100);
  const files: Record<string, string> = {
    'stack.yaml': `stack:\n  name: bench\n  region: ${REGION}\ntopics:\n  - name: bench-alerts\n    subscriptions:\n      - sqs: arn:aws:sqs:${REGION}:000000000000:bench\n`,
  };
  for (let g = 0; g < groups; g++) {
    const group = `/bench/app-${g}`;
    const monitors = Array.from({ length: Math.min(100, n - g * 100) }, (_, i) => {
      const name = `bench-${g}-${i}`;
      return `  - { name: ${name}, logGroup: ${group}, pattern: '"ERR${i} failed"', metric: Bench/E${g}x${i}, alarm: '>= 2 in 1m', notify: bench-alerts }\n`;
    }).join('');
    files[`app-${g}.yaml`] = `logGroups:\n  - name: ${group}\n    retention: 7d\nmonitors:\n${monitors}`;
  }
  return files;
}

function writeDir(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'monitors-bench-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

function options(
  endpoint: string,
  accessKeyId: string,
  directory: string,
  extra: Partial<RunOptions> = {},
): RunOptions {
  return {
    directory,
    endpointUrl: endpoint,
    credentials: { accessKeyId, secretAccessKey: 'bench' },
    adopt: true,
    allowMassDelete: false,
    maxDeleteShare: 0.5,
    env: {},
    ...extra,
  };
}

const sum = (calls: Readonly<Record<string, number>>) => Object.values(calls).reduce((a, b) => a + b, 0);

/** The fewest calls any reader needs: every listing paged at its maximum page size. */
function pagedMinimum(desired: DesiredStack): Record<string, number> {
  const count = (kind: string) => desired.resources.filter((r) => r.spec.kind === kind).length;
  const alarms = count('metricAlarm') + count('compositeAlarm');
  const filters = count('metricFilter');
  const groups = count('logGroup');
  const topics = count('topic');
  const subs = count('subscription');
  return {
    'STS.GetCallerIdentity': 1,
    'CloudWatch.DescribeAlarms': Math.max(1, Math.ceil(alarms / 100)),
    'CloudWatchLogs.DescribeMetricFilters': Math.max(1, Math.ceil(filters / 50)),
    'CloudWatchLogs.DescribeLogGroups': Math.max(1, Math.ceil(groups / 50)),
    'SNS.ListTopics': Math.max(1, Math.ceil(topics / 100)),
    'SNS.ListSubscriptions': Math.max(1, Math.ceil(subs / 100)),
    // No batch form exists for these two: one call per topic and per subscription is the floor.
    'SNS.GetTopicAttributes': topics,
    'SNS.GetSubscriptionAttributes': subs,
    'Tagging.GetResources': Math.max(1, Math.ceil((alarms + groups + topics) / 100)),
  };
}

/** Terraform's refresh pattern: one read (and one tag read) per resource. */
async function perResourceReader(endpoint: string, accessKeyId: string, desired: DesiredStack) {
  const clients = createClients({ region: REGION, endpoint, credentials: { accessKeyId, secretAccessKey: 'bench' } });
  const started = Date.now();
  for (const { spec } of desired.resources) {
    if (spec.kind === 'metricAlarm' || spec.kind === 'compositeAlarm') {
      const a = await clients.cloudwatch.send(
        new DescribeAlarmsCommand({ AlarmNames: [spec.name], AlarmTypes: ['MetricAlarm', 'CompositeAlarm'] }),
      );
      const arn = a.MetricAlarms?.[0]?.AlarmArn ?? a.CompositeAlarms?.[0]?.AlarmArn;
      await clients.cloudwatch.send(new AlarmTags({ ResourceARN: arn }));
    } else if (spec.kind === 'metricFilter') {
      await clients.logs.send(
        new DescribeMetricFiltersCommand({ logGroupName: spec.logGroupName, filterNamePrefix: spec.filterName }),
      );
    } else if (spec.kind === 'logGroup') {
      const g = await clients.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: spec.name }));
      await clients.logs.send(new LogTags({ resourceArn: (g.logGroups?.[0]?.arn ?? '').replace(/:\*$/, '') }));
    } else if (spec.kind === 'topic') {
      const arn = `arn:aws:sns:${REGION}:${accessKeyId}:${spec.name}`;
      await clients.sns.send(new GetTopicAttributesCommand({ TopicArn: arn }));
      await clients.sns.send(new TopicTags({ ResourceArn: arn }));
    } else if (spec.kind === 'subscription') {
      const arn = `arn:aws:sns:${REGION}:${accessKeyId}:${spec.topicName}`;
      const list = await clients.sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: arn }));
      const sub = list.Subscriptions?.find((s) => s.Endpoint === spec.endpoint);
      await clients.sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn: sub?.SubscriptionArn }));
    }
  }
  return { calls: { 'STS.GetCallerIdentity': 1, ...clients.calls.snapshot() }, ms: Date.now() - started };
}

async function planBench(emulator: string, n: number): Promise<string[]> {
  const account = newAccount();
  const dir = writeDir(monitorsStack(n));
  const shim = await startTaggingShim(emulator);
  try {
    // Seeding, not measured: the stack applied through the SDK at the emulator's pace (no AWS quotas,
    // 32 requests in flight), which sets up 20,000 resources in minutes.
    const seeded = Date.now();
    const seed = await planStack(options(emulator, account, dir, { tagSource: 'per-resource' }));
    const applied = await applyStack(seed, options(emulator, account, dir), undefined, {
      quotas: FAST,
      concurrency: 32,
    });
    if (applied.failed + applied.skipped > 0) throw new Error(`seeding failed: ${applied.failed} failed`);
    console.error(
      `N=${n}: seeded ${seed.plan.changes.length} resources in ${((Date.now() - seeded) / 1000).toFixed(0)} s`,
    );
    await shim.prime(account, REGION);

    const timed = async (o: RunOptions) => {
      const t = Date.now();
      const run = await planStack(o);
      if (hasChanges(run.plan)) throw new Error('bench stack did not converge');
      return { calls: run.calls, ms: Date.now() - t };
    };
    const batch = await timed(options(shim.endpoint, account, dir, { tagSource: 'tagging-api' }));
    const quotaProxy = await startFaultProxy({ target: shim.endpoint, quotas: DEFAULT_QUOTAS });
    const paced = await timed(options(quotaProxy.endpoint, account, dir, { tagSource: 'tagging-api' })).finally(() =>
      quotaProxy.stop(),
    );
    const throttled = sum(quotaProxy.stats().throttled);
    const minimum = sum(pagedMinimum(seed.desired));
    console.error(`N=${n} calls by operation (batch):`, JSON.stringify(batch.calls));
    console.error(`N=${n} paged minimum by operation:`, JSON.stringify(pagedMinimum(seed.desired)));
    // The per-resource readers make a call or two per resource: at 10,000 monitors (20,000 resources,
    // ListTagsForResource paced at 10/s) that is most of an hour, so they run up to BENCH_PER_RESOURCE_MAX.
    const perResource = n <= Number(process.env.BENCH_PER_RESOURCE_MAX ?? 1000);
    const perTag = perResource
      ? await timed(options(emulator, account, dir, { tagSource: 'per-resource' }))
      : undefined;
    const terraform = perResource ? await perResourceReader(emulator, account, seed.desired) : undefined;
    if (terraform) console.error(`N=${n} calls by operation (per-resource reader):`, JSON.stringify(terraform.calls));
    const row = (name: string, r: { calls: Record<string, number>; ms: number }) =>
      `| ${n} | ${name} | ${sum(r.calls)} | ${(sum(r.calls) / minimum).toFixed(2)}x | ${r.ms} ms | ${terraform ? `${(r.ms / terraform.ms).toFixed(2)}x` : ''} |`;
    return [
      `| ${n} | paged minimum | ${minimum} | 1.00x | | |`,
      row('monitors, tagging API', batch),
      row(`monitors, tagging API, through AWS's quotas (${throttled} throttled)`, paced),
      ...(perTag ? [row('monitors, per-resource tags', perTag)] : []),
      ...(terraform ? [row("per-resource reader (Terraform's pattern)", terraform)] : []),
    ];
  } finally {
    await shim.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function applyRateBench(emulator: string, n: number): Promise<string[]> {
  const account = newAccount();
  const alarms = Array.from(
    { length: n },
    (_, i) =>
      `  - { name: rate-${i}, metric: { namespace: AWS/EC2, name: CPUUtilization, stat: Average, dimensions: { InstanceId: i-${i} } }, threshold: '> 80' }\n`,
  ).join('');
  const dir = writeDir({ 'stack.yaml': `stack:\n  name: rate\n  region: ${REGION}\nalarms:\n${alarms}` });
  const quota = DEFAULT_QUOTAS['CloudWatch.PutMetricAlarm'] ?? 3;
  const proxy = await startFaultProxy({ target: emulator, quotas: { 'CloudWatch.PutMetricAlarm': quota } });
  try {
    const o = options(proxy.endpoint, account, dir, { tagSource: 'per-resource' });
    const run = await planStack(o);
    const result = await applyStack(run, o);
    const seconds = result.durationMs / 1000;
    const rate = n / seconds;
    const stats = proxy.stats();
    return [
      `| ${n} | ${quota}/s | ${seconds.toFixed(1)} s | ${rate.toFixed(2)}/s | ${(rate / quota).toFixed(3)} | ${result.failed} | ${stats.throttled['CloudWatch.PutMetricAlarm'] ?? 0} |`,
    ];
  } finally {
    await proxy.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The apply's floor: the slowest operation alone at its quota, max over operations of calls / quota. */
function floorSeconds(calls: Readonly<Record<string, number>>): { seconds: number; op: string } {
  let best = { seconds: 0, op: '' };
  for (const [op, count] of Object.entries(calls)) {
    const quota = DEFAULT_QUOTAS[op];
    if (quota && count / quota > best.seconds) best = { seconds: count / quota, op };
  }
  return best;
}

/** A mixed apply of n monitors (log group + filter + alarm each, one topic), then its delete, at AWS's quotas. */
async function mixedBench(emulator: string, n: number): Promise<string[]> {
  const account = newAccount();
  const dir = writeDir(monitorsFiles(n));
  const proxy = await startFaultProxy({ target: emulator, quotas: DEFAULT_QUOTAS });
  const rows: string[] = [];
  try {
    const run = async (label: string, o: RunOptions) => {
      const planned = await planStack(o);
      const result = await applyStack(planned, o);
      const floor = floorSeconds(result.calls ?? {});
      const seconds = result.durationMs / 1000;
      const changes = planned.plan.changes.filter((c) => c.action !== 'noop').length;
      rows.push(
        `| ${label} | ${changes} | ${seconds.toFixed(1)} s | ${floor.seconds.toFixed(1)} s (${floor.op}) | ${(seconds / floor.seconds).toFixed(2)}x | ${result.failed} | ${sum(proxy.stats().throttled)} |`,
      );
    };
    await run(`apply ${n} monitors`, options(proxy.endpoint, account, dir, { tagSource: 'per-resource' }));
    for (const f of Object.keys(monitorsFiles(n))) if (f !== 'stack.yaml') rmSync(path.join(dir, f));
    writeFileSync(path.join(dir, 'stack.yaml'), 'stack:\n  name: bench\n  region: us-east-1\n');
    await run(
      `delete the same`,
      options(proxy.endpoint, account, dir, { tagSource: 'per-resource', allowMassDelete: true, maxDeleteShare: 1 }),
    );
    return rows;
  } finally {
    await proxy.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const ROOT = path.join(__dirname, '..', '..');

/** BENCH_EMULATOR_LOG=file keeps the emulators' output (a crash's traceback) in that file. */
const emulatorLog = () => (process.env.BENCH_EMULATOR_LOG ? { logFile: process.env.BENCH_EMULATOR_LOG } : {});

/**
 * Median wall time and CPU time (ms) and peak RSS (MB) of a command run `runs` times. CPU time (user +
 * system) is shown beside wall time because the machine is shared: wall time includes waiting for a core.
 */
function timeCommand(
  args: string[],
  runs: number,
  env: NodeJS.ProcessEnv = process.env,
): { ms: number; cpuMs: number; rssMb: number } {
  const rss = path.join(tmpdir(), `monitors-bench-rss-${process.pid}.js`);
  writeFileSync(
    rss,
    "process.on('exit', () => { const u = process.resourceUsage(); process.stderr.write(`maxrss=${u.maxRSS} cpu=${u.userCPUTime + u.systemCPUTime}\\n`); });\n",
  );
  const walls: number[] = [];
  const cpus: number[] = [];
  let peak = 0;
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    const r = spawnSync(process.execPath, ['-r', rss, ...args], { cwd: ROOT, encoding: 'utf8', env });
    walls.push(Number(process.hrtime.bigint() - t) / 1e6);
    const kb = Number(/maxrss=(\d+)/.exec(r.stderr)?.[1] ?? 0);
    peak = Math.max(peak, kb / 1024);
    cpus.push(Number(/cpu=(\d+)/.exec(r.stderr)?.[1] ?? 0) / 1000);
  }
  rmSync(rss, { force: true });
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] as number;
  return { ms: median(walls), cpuMs: median(cpus), rssMb: peak };
}

async function validateBench(): Promise<string[]> {
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
  // The bundle bin/monitors.js runs (what an installed package runs); in a checkout bin/ first checks
  // that the build is newer than src/, so both are shown.
  const cli = path.join('lib', 'monitors.js');
  const load = () => loadavg()[0]?.toFixed(1);
  console.error(`validate bench: load average ${load()} at the start`);
  const node = timeCommand(['-e', '0'], 20);
  const start = timeCommand([cli, 'validate', 'monitors'], 20);
  const viaBin = timeCommand([path.join('bin', 'monitors.js'), 'validate', 'monitors'], 20);
  const row = (label: string, runs: number, r: ReturnType<typeof timeCommand>) =>
    `| ${label} | ${runs} | ${r.ms.toFixed(0)} ms | ${r.cpuMs.toFixed(0)} ms | ${r.rssMb.toFixed(0)} MB | ${(r.ms / node.ms).toFixed(2)}x | ${(r.cpuMs / node.cpuMs).toFixed(2)}x |`;
  const rows = [
    row('`node -e 0` (baseline)', 20, node),
    row('`validate monitors` (the example), installed: `lib/monitors.js`', 20, start),
    row('`validate monitors` (the example), checkout: `bin/monitors.js`', 20, viaBin),
  ];
  for (const n of (process.env.BENCH_VALIDATE_SIZES ?? '1000,5000,10000').split(',').map(Number)) {
    const dir = writeDir(monitorsStack(n));
    try {
      await loadStack(dir); // the generated stack must be valid, or the timing measures error reporting
      const v = timeCommand([cli, 'validate', dir], 5);
      rows.push(row(`\`validate\` ${n} monitors`, 5, v));
      // The same with one YAML parser (\`yaml\`, positions for every node): whether js-yaml still earns its place.
      const one = timeCommand([cli, 'validate', dir], 5, { ...process.env, MONITORS_BENCH_YAML_ONLY: '1' });
      rows.push(row(`\`validate\` ${n} monitors, \`yaml\` only`, 5, one));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  console.error(`validate bench: load average ${load()} at the end`);
  return rows;
}

async function terraformBench(): Promise<string[]> {
  const rows: string[] = [];
  const work = mkdtempSync(path.join(tmpdir(), 'monitors-bench-tf-'));
  try {
    for (const n of (process.env.BENCH_TERRAFORM_SIZES ?? '100').split(',').map(Number)) {
      const got = await sideBySide(n, {
        startEmulator: () => startEmulator(emulatorLog()),
        startProxy: (target, quotas) => startFaultProxy({ target, ...(quotas ? { quotas } : {}) }),
        applyMonitors: async (endpoint, account, dir) => {
          const o = options(endpoint, account, dir, { tagSource: 'per-resource' });
          const r = await applyStack(await planStack(o), o, undefined, { quotas: FAST, concurrency: 16 });
          if (r.failed + r.skipped > 0) throw new Error(`monitors apply failed: ${r.failed} failed`);
        },
        planMonitors: async (endpoint, account, dir) => {
          const run = await planStack(options(endpoint, account, dir, { tagSource: 'tagging-api' }));
          if (hasChanges(run.plan)) throw new Error('monitors plan after apply is not empty');
        },
        quotas: DEFAULT_QUOTAS,
        workDir: work,
        timeoutMs: Number(process.env.BENCH_TERRAFORM_TIMEOUT_S ?? 1800) * 1000,
      });
      if ('skipped' in got) {
        console.error(got.skipped);
        return [`| ${n} | ${got.skipped} | | | | | | | | |`];
      }
      rows.push(...got.rows);
    }
    return rows;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const only = new Set((process.env.BENCH_ONLY ?? 'plan,apply,mixed,validate,terraform').split(','));
  const sizes = (process.env.BENCH_SIZES ?? '100,1000').split(',').map(Number);
  const applyN = Number(process.env.BENCH_APPLY_ALARMS ?? 300);
  if (only.has('validate')) {
    const rows = await validateBench();
    console.log('### Validate and start-up, compiled CLI (medians; peak RSS)\n');
    console.log('| command | runs | wall time | CPU time | peak RSS | wall vs `node -e 0` | CPU vs `node -e 0` |');
    console.log('| --- | --- | --- | --- | --- | --- | --- |');
    rows.forEach((r) => console.log(r));
    console.log('');
  }
  const emulator = await startEmulator(
    process.env.BENCH_EMULATOR_LOG ? { logFile: process.env.BENCH_EMULATOR_LOG } : {},
  );
  try {
    if (only.has('plan')) {
      const planRows: string[] = [];
      for (const n of sizes) planRows.push(...(await planBench(emulator.endpoint, n)));
      console.log('### Plan: AWS calls and wall time to read live state\n');
      console.log('| N monitors | reader | AWS calls | vs paged minimum | wall time | vs per-resource reader |');
      console.log('| --- | --- | --- | --- | --- | --- |');
      planRows.forEach((r) => console.log(r));
      console.log('');
    }
    if (only.has('apply') && applyN > 0) {
      console.log('### Apply: PutMetricAlarm rate against the quota\n');
      console.log('| alarms | quota | apply time | achieved rate | ratio | failed | throttled by proxy |');
      console.log('| --- | --- | --- | --- | --- | --- | --- |');
      (await applyRateBench(emulator.endpoint, applyN)).forEach((r) => console.log(r));
      console.log('');
    }
    if (only.has('mixed')) {
      const rows = await mixedBench(emulator.endpoint, Number(process.env.BENCH_MIXED_MONITORS ?? 100));
      console.log("### Mixed apply and delete at AWS's quotas, against the floor\n");
      console.log('| run | changes | wall time | floor (slowest operation) | vs floor | failed | throttled |');
      console.log('| --- | --- | --- | --- | --- | --- | --- |');
      rows.forEach((r) => console.log(r));
      console.log('');
    }
    if (only.has('terraform')) {
      const rows = await terraformBench();
      console.log('### Plan after apply: Terraform and monitors side by side (same stack, same run)\n');
      console.log(
        '| N monitors | proxy | Terraform plan | Terraform calls | throttled | monitors plan | monitors calls | throttled | time ratio | calls ratio |',
      );
      console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
      rows.forEach((r) => console.log(r));
    }
  } finally {
    await emulator.stop();
  }
}

main().catch((err) => {
  // A missing emulator is a setup step, not a bug: its one sentence says what to run.
  console.error(err instanceof EmulatorNotInstalled ? `bench: ${err.message}` : err);
  process.exitCode = 1;
});
