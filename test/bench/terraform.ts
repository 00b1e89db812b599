/**
 * The same stack in HCL and in YAML, N monitors (a log group, a metric filter and an alarm each) and
 * one topic, each applied to its own emulator; then each tool's plan timed and its AWS calls counted
 * in the same run, through a counting proxy and through a proxy enforcing AWS's published quotas.
 * Needs `terraform` on the PATH and the hashicorp/aws provider in a filesystem mirror
 * (TF_PLUGIN_MIRROR, else found under /opt, /usr/share and ~/.terraform.d); without them the
 * Terraform rows are skipped with a message saying why.
 */
import { execFileSync, spawn } from 'child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'fs';
import { loadavg } from 'os';
import * as path from 'path';
import { startTaggingShim } from './tagging-shim';

const PROVIDER_PATH = path.join('registry.terraform.io', 'hashicorp', 'aws');

/** Terraform's apply only sets the emulator up (its plan is what is measured, at the default parallelism). */
const APPLY_PARALLELISM = Number(process.env.BENCH_TERRAFORM_APPLY_PARALLELISM ?? 50);

/** Progress on stderr with the time, so a long run's log says how far it got. */
const progress = (message: string) =>
  console.error(`[${new Date().toISOString().slice(11, 19)} load ${loadavg()[0]?.toFixed(1)}] ${message}`);

/** The mirror's root (the folder above registry.terraform.io), or why there is none. */
export function findTerraform(): { mirror: string; version: string } | { missing: string } {
  try {
    execFileSync('terraform', ['version'], { stdio: 'ignore' });
  } catch {
    return { missing: 'terraform is not on the PATH' };
  }
  const home = process.env.HOME ?? '';
  const roots = [
    process.env.TF_PLUGIN_MIRROR,
    '/opt/tf-plugins',
    '/usr/share/terraform/plugins',
    '/usr/local/share/terraform/plugins',
    path.join(home, '.terraform.d', 'plugins'),
    path.join(home, '.local', 'share', 'terraform', 'plugins'),
  ].filter((r): r is string => Boolean(r));
  for (const root of roots) {
    const dir = path.join(root, PROVIDER_PATH);
    if (!existsSync(dir)) continue;
    const version = readdirSync(dir).sort().pop();
    if (version) return { mirror: root, version };
  }
  return {
    missing: `no hashicorp/aws provider in a filesystem mirror (looked in ${roots.join(', ')}; set TF_PLUGIN_MIRROR)`,
  };
}

/** The HCL of the stack: the same resources monitorsFiles() declares. */
export function terraformStack(n: number, endpoint: string, accessKeyId: string, version: string): string {
  return `terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = "${version}" }
  }
}
provider "aws" {
  region                      = "us-east-1"
  access_key                  = "${accessKeyId}"
  secret_key                  = "bench"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  endpoints {
    cloudwatch     = "${endpoint}"
    cloudwatchlogs = "${endpoint}"
    sns            = "${endpoint}"
    sts            = "${endpoint}"
  }
}
resource "aws_sns_topic" "alerts" {
  name = "bench-alerts"
}
resource "aws_cloudwatch_log_group" "app" {
  count             = ${n}
  name              = "/bench/app-\${count.index}"
  retention_in_days = 7
}
resource "aws_cloudwatch_log_metric_filter" "errors" {
  count          = ${n}
  name           = "bench-\${count.index}"
  log_group_name = aws_cloudwatch_log_group.app[count.index].name
  pattern        = "\\"ERR\${count.index} failed\\""
  metric_transformation {
    name      = "E\${count.index}"
    namespace = "Bench"
    value     = "1"
  }
}
resource "aws_cloudwatch_metric_alarm" "errors" {
  count               = ${n}
  alarm_name          = "bench-\${count.index}"
  namespace           = "Bench"
  metric_name         = "E\${count.index}"
  statistic           = "Sum"
  period              = 60
  evaluation_periods  = 1
  threshold           = 2
  comparison_operator = "GreaterThanOrEqualToThreshold"
  alarm_actions       = [aws_sns_topic.alerts.arn]
}
`;
}

/** The same stack for monitors: one file per 100 monitors. */
export function monitorsFiles(n: number): Record<string, string> {
  const files: Record<string, string> = {
    'stack.yaml': 'stack:\n  name: bench\n  region: us-east-1\ntopics:\n  - name: bench-alerts\n',
  };
  for (let f = 0; f * 100 < n; f++) {
    const ids = Array.from({ length: Math.min(100, n - f * 100) }, (_, i) => f * 100 + i);
    files[`app-${f}.yaml`] =
      `logGroups:\n${ids.map((i) => `  - { name: /bench/app-${i}, retention: 7d }\n`).join('')}` +
      `monitors:\n${ids
        .map(
          (i) =>
            `  - { name: bench-${i}, logGroup: /bench/app-${i}, pattern: '"ERR${i} failed"', metric: Bench/E${i}, alarm: '>= 2 in 1m', notify: bench-alerts }\n`,
        )
        .join('')}`;
  }
  return files;
}

/** Runs terraform in dir with the offline mirror; rejects with its output's tail on failure. */
export function terraform(dir: string, mirror: string, args: string[], timeoutMs: number): Promise<number> {
  const rc = path.join(dir, 'cli.tfrc');
  writeFileSync(rc, `provider_installation {\n  filesystem_mirror {\n    path = "${mirror}"\n  }\n}\n`);
  mkdirSync(dir, { recursive: true });
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn('terraform', args, {
      cwd: dir,
      env: { ...process.env, TF_CLI_CONFIG_FILE: rc, TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let tail = '';
    let errors = '';
    const keep = (b: Buffer) => (tail = (tail + b.toString()).slice(-4000));
    child.stdout.on('data', keep);
    child.stderr.on('data', (b: Buffer) => {
      keep(b);
      errors += b.toString();
    });
    const timer = setTimeout(() => child.kill('SIGTERM'), timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      // plan -detailed-exitcode: 0 no changes, 2 changes; anything else failed.
      if (code === 0 || (code === 2 && args.includes('-detailed-exitcode'))) resolve(Date.now() - started);
      else reject(Object.assign(new Error(`terraform ${args[0]} exited ${code}:\n${tail}`), { stderr: errors }));
    });
  });
}

/**
 * terraform apply, tolerating its known failure on a slow emulator: a create whose answer came late
 * is retried by the provider's SDK and meets its own result (ResourceAlreadyExistsException). Such
 * resources are imported into the state and the apply run again (at most three rounds).
 */
async function terraformApply(dir: string, mirror: string, timeoutMs: number): Promise<number> {
  let spent = 0;
  for (let round = 1; ; round++) {
    try {
      // Setting up, not measured: the emulator takes more parallel creates than Terraform's default 10.
      const args = ['apply', '-auto-approve', '-input=false', '-no-color', `-parallelism=${APPLY_PARALLELISM}`];
      return spent + (await terraform(dir, mirror, args, timeoutMs));
    } catch (err) {
      const stderr = (err as { stderr?: string }).stderr ?? '';
      const clashes = [...stderr.matchAll(/already exists: (\S+)[\s\S]*?with (aws_[a-z_]+\.[a-z_]+\[\d+\])/g)];
      if (round >= 3 || clashes.length === 0) throw err;
      console.error(
        `terraform apply: ${clashes.length} create(s) met their own retry; importing them, then applying again`,
      );
      for (const [, id, address] of clashes)
        spent += await terraform(
          dir,
          mirror,
          ['import', '-input=false', '-no-color', address as string, id as string],
          timeoutMs,
        );
    }
  }
}

/** One tool's plan: wall time, AWS calls, and calls the quota proxy throttled. */
export interface PlanFigures {
  readonly ms: number;
  readonly calls: number;
  readonly throttled: number;
}

/** What the side-by-side run needs from the monitors side (run.ts owns the emulator plumbing). */
export interface SideBySideDeps {
  startEmulator(): Promise<{ endpoint: string; stop(): Promise<void> }>;
  startProxy(
    target: string,
    quotas?: Readonly<Record<string, number>>,
  ): Promise<{
    endpoint: string;
    stats(): { forwarded: Record<string, number>; throttled: Record<string, number> };
    stop(): Promise<void>;
  }>;
  /** Applies the YAML at the endpoint (account = access key id). */
  applyMonitors(endpoint: string, account: string, dir: string): Promise<void>;
  /** One plan through the endpoint; must say "No changes". */
  planMonitors(endpoint: string, account: string, dir: string): Promise<void>;
  readonly quotas: Readonly<Record<string, number>>;
  readonly workDir: string;
  readonly timeoutMs: number;
}

const total = (m: Record<string, number>) => Object.values(m).reduce((a, b) => a + b, 0);

/**
 * Rows of the side-by-side table for N monitors, or the reason Terraform's rows are skipped. Each
 * tool applies to its own emulator; then each plan runs through a counting proxy, then through a
 * proxy enforcing the quotas, the tools alternating so that both see the same machine load.
 */
export async function sideBySide(n: number, deps: SideBySideDeps): Promise<{ rows: string[] } | { skipped: string }> {
  const tf = findTerraform();
  if ('missing' in tf) return { skipped: `Terraform rows skipped: ${tf.missing}` };
  const account = String(400000000000 + (Date.now() % 100000000));
  const tfDir = path.join(deps.workDir, `tf-${n}`);
  const ymlDir = path.join(deps.workDir, `yaml-${n}`);
  mkdirSync(tfDir, { recursive: true });
  mkdirSync(ymlDir, { recursive: true });
  for (const [name, text] of Object.entries(monitorsFiles(n))) writeFileSync(path.join(ymlDir, name), text);
  const [tfEmu, ymlEmu] = [await deps.startEmulator(), await deps.startEmulator()];
  // monitors reads ownership through the tagging API, which the emulator serves only through the shim.
  const shim = await startTaggingShim(ymlEmu.endpoint);
  const hcl = (endpoint: string) =>
    writeFileSync(path.join(tfDir, 'main.tf'), terraformStack(n, endpoint, account, tf.version));
  try {
    hcl(tfEmu.endpoint);
    await terraform(tfDir, tf.mirror, ['init', '-input=false', '-no-color'], deps.timeoutMs);
    progress(`N=${n}: terraform apply of ${3 * n + 1} resources (-parallelism=${APPLY_PARALLELISM})`);
    const tfApplyMs = await terraformApply(tfDir, tf.mirror, deps.timeoutMs);
    progress(`N=${n}: terraform apply done in ${(tfApplyMs / 1000).toFixed(1)} s; monitors apply`);
    const t0 = Date.now();
    await deps.applyMonitors(ymlEmu.endpoint, account, ymlDir);
    const ymlApplyMs = Date.now() - t0;
    // The shim reads every tag once before the measured plans (its own work, which AWS does server-side).
    await shim.prime(account);
    progress(`N=${n}: monitors apply done in ${(ymlApplyMs / 1000).toFixed(1)} s`);

    const measure = async (
      target: string,
      quotas: Readonly<Record<string, number>> | undefined,
      plan: (endpoint: string) => Promise<number>,
    ): Promise<PlanFigures> => {
      const proxy = await deps.startProxy(target, quotas);
      try {
        const ms = await plan(proxy.endpoint);
        const stats = proxy.stats();
        return { ms, calls: total(stats.forwarded) + total(stats.throttled), throttled: total(stats.throttled) };
      } finally {
        await proxy.stop();
      }
    };
    const tfPlan = (endpoint: string) => {
      hcl(endpoint);
      return terraform(
        tfDir,
        tf.mirror,
        ['plan', '-input=false', '-no-color', '-lock=false', '-detailed-exitcode'],
        deps.timeoutMs,
      );
    };
    const ymlPlan = async (endpoint: string) => {
      const t = Date.now();
      await deps.planMonitors(endpoint, account, ymlDir);
      return Date.now() - t;
    };
    const rows: string[] = [];
    for (const [label, quotas] of [
      ['counting proxy', undefined],
      ["AWS's quotas", deps.quotas],
    ] as const) {
      progress(`N=${n}, ${label}: terraform plan`);
      const t = await measure(tfEmu.endpoint, quotas, tfPlan);
      progress(`N=${n}, ${label}: terraform plan ${(t.ms / 1000).toFixed(1)} s, ${t.calls} calls; monitors plan`);
      const m = await measure(shim.endpoint, quotas, ymlPlan);
      progress(`N=${n}, ${label}: monitors plan ${(m.ms / 1000).toFixed(1)} s, ${m.calls} calls`);
      rows.push(
        `| ${n} | ${label} | ${(t.ms / 1000).toFixed(1)} s | ${t.calls} | ${t.throttled} | ${(m.ms / 1000).toFixed(1)} s | ${m.calls} | ${m.throttled} | ${(t.ms / m.ms).toFixed(1)}x | ${(t.calls / m.calls).toFixed(1)}x |`,
      );
      progress(`row: ${rows[rows.length - 1]}`);
    }
    console.error(
      `N=${n}: apply to the emulators: terraform ${(tfApplyMs / 1000).toFixed(1)} s, monitors ${(ymlApplyMs / 1000).toFixed(1)} s (fast quotas)`,
    );
    return { rows };
  } finally {
    await shim.stop();
    await tfEmu.stop();
    await ymlEmu.stop();
  }
}
