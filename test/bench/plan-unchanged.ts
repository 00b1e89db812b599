/**
 * `npx ts-node --transpile-only test/bench/plan-unchanged.ts`: the local dev loop. A plan of N
 * unchanged monitors (a log group, a metric filter and an alarm each, one topic; default N = 100,
 * BENCH_PLAN_MONITORS=N) on a private ministack, which has no tagging API, so tags are read one
 * resource at a time. Prints the median wall time of RUNS plans (default 3, BENCH_PLAN_RUNS), its
 * calls, and the same plan through a proxy that throttles at AWS's published quotas, as AWS would:
 * the plan still converges, and the throttled operations are paced at their quotas from then on.
 *
 * BENCH_CLI=1 also times the installed CLI (`npm run build`, then `node lib/monitors.js plan`), the
 * wall time a person waits for, start-up included.
 */
import { execFileSync, spawnSync } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { cpus, loadavg, tmpdir } from 'os';
import * as path from 'path';
import { DEFAULT_QUOTAS } from '../../src/apply/rate-limiter';
import { applyStack, planStack, type RunOptions } from '../../src/core';
import { hasChanges } from '../../src/model';
import { startFaultProxy } from '../fault/fault-proxy';
import { startEmulator } from '../harness/emulator-process';
import { monitorsFiles } from './terraform';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const ROOT = path.resolve(__dirname, '../..');
const N = Number(process.env.BENCH_PLAN_MONITORS ?? 100);
const RUNS = Number(process.env.BENCH_PLAN_RUNS ?? 3);
const ACCOUNT = '424242424242';

const sum = (calls: Readonly<Record<string, number>>) => Object.values(calls).reduce((a, b) => a + b, 0);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] as number;

function options(endpointUrl: string, directory: string): RunOptions {
  return {
    directory,
    endpointUrl,
    credentials: { accessKeyId: ACCOUNT, secretAccessKey: 'bench' },
    adopt: true,
    allowMassDelete: false,
    maxDeleteShare: 0.5,
    env: {},
    // A plan of created or changed alarms backtests them; an unchanged plan has none, so this changes nothing.
    noBacktest: true,
  } as RunOptions;
}

async function timedPlan(o: RunOptions): Promise<{ ms: number; calls: Record<string, number> }> {
  const started = Date.now();
  const run = await planStack(o);
  if (hasChanges(run.plan)) throw new Error('the bench stack did not converge: its plan has changes');
  return { ms: Date.now() - started, calls: { ...run.calls } };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'monitors-bench-plan-'));
  for (const [name, text] of Object.entries(monitorsFiles(N))) writeFileSync(path.join(dir, name), text);
  const emulator = await startEmulator();
  try {
    const setup = options(emulator.endpoint, dir);
    const applied = await applyStack(await planStack(setup), setup);
    if (applied.failed > 0) throw new Error(`setting up the bench stack failed: ${applied.failed} change(s)`);

    const direct: { ms: number; calls: Record<string, number> }[] = [];
    for (let i = 0; i < RUNS; i++) direct.push(await timedPlan(options(emulator.endpoint, dir)));
    const calls = direct[0]?.calls ?? {};
    console.log(`### Plan of ${N} unchanged monitors on ministack (per-resource tag reads)\n`);
    console.log(
      `load average at the start: ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')} (${cpus().length} cores)\n`,
    );
    console.log('| run | wall time (median) | runs | calls | throttled |');
    console.log('| --- | --- | --- | --- | --- |');
    console.log(`| in process (planStack) | ${median(direct.map((r) => r.ms))} ms | ${RUNS} | ${sum(calls)} | 0 |`);

    if (process.env.BENCH_CLI === '1') {
      execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
      const walls: number[] = [];
      const cpus: number[] = [];
      // The CLI's own CPU time (user + system), printed by a preloaded exit hook: on a shared machine the
      // wall time includes waiting for a core, the emulator's work included.
      const cpuHook = path.join(dir, 'cpu-hook.js');
      writeFileSync(
        cpuHook,
        "process.on('exit', () => { const u = process.resourceUsage(); process.stderr.write(`cpu=${u.userCPUTime + u.systemCPUTime}\\n`); });\n",
      );
      for (let i = 0; i < RUNS; i++) {
        const t = process.hrtime.bigint();
        const r = spawnSync(
          process.execPath,
          [
            '-r',
            cpuHook,
            path.join(ROOT, 'lib', 'monitors.js'),
            'plan',
            '--no-backtest',
            '--endpoint-url',
            emulator.endpoint,
            dir,
          ],
          {
            encoding: 'utf8',
            env: {
              ...process.env,
              AWS_ACCESS_KEY_ID: ACCOUNT,
              AWS_SECRET_ACCESS_KEY: 'bench',
              AWS_REGION: 'us-east-1',
            },
          },
        );
        walls.push(Number(process.hrtime.bigint() - t) / 1e6);
        cpus.push(Number(/cpu=(\d+)/.exec(r.stderr)?.[1] ?? 0) / 1000);
        if (r.status !== 0 || !/No changes/.test(r.stdout)) throw new Error(`monitors plan failed: ${r.stderr}`);
      }
      console.log(
        `| CLI (node lib/monitors.js plan) | ${median(walls).toFixed(0)} ms (CLI's own CPU ${median(cpus).toFixed(0)} ms) | ${RUNS} | ${sum(calls)} | 0 |`,
      );
    }

    // The same plan as AWS would answer it at its published quotas: operations over their quota are
    // throttled, then paced; the plan converges to "no changes" all the same.
    const proxy = await startFaultProxy({ target: emulator.endpoint, quotas: DEFAULT_QUOTAS });
    try {
      const throttledRun = await timedPlan(options(proxy.endpoint, dir));
      const throttled = proxy.stats().throttled;
      console.log(
        `| through AWS's quotas (fault proxy) | ${throttledRun.ms} ms | 1 | ${sum(throttledRun.calls)} | ${sum(throttled)} |`,
      );
      console.log(`\nthrottled by operation: ${JSON.stringify(throttled)}`);
    } finally {
      await proxy.stop();
    }
    console.log(`calls by operation (direct): ${JSON.stringify(calls)}`);
  } finally {
    await emulator.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
