/**
 * `npm run bench:live-checks`: the calls and wall time the live checks add to a plan of 1,000 new
 * alarms over 10 namespaces (100 metrics each, all with data), on a private emulator, and the same
 * with 10% of the alarms misspelled (one dimension name in the wrong case). Prints a JSON record;
 * docs/live-checks.md quotes it. Unpaced (the pacers are what a real run adds: 100 ms per CloudWatch call).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { CloudWatchClient, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { planStack, type RunOptions } from '../../src/core';
import { liveCheckPlan } from '../../src/live-checks/hook';
import { startEmulator } from '../harness/emulator-process';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const ALARMS = 1000;
const NAMESPACES = 10;
const credentials = { accessKeyId: '111122223333', secretAccessKey: 'bench' };
const noPause = async () => {};

function files(dir: string, misspelled: number): void {
  writeFileSync(path.join(dir, 'stack.yaml'), 'stack:\n  name: lcbench\n  region: us-east-1\n');
  const lines = ['alarms:'];
  for (let i = 0; i < ALARMS; i++) {
    const dim = i < misspelled ? 'HOST' : 'Host';
    lines.push(
      `  - name: a${i}`,
      `    metric: { namespace: Bench/NS${i % NAMESPACES}, name: M${Math.floor(i / NAMESPACES)}, stat: Average, period: 5m, dimensions: { ${dim}: h1 } }`,
      "    threshold: '> 100'",
    );
  }
  writeFileSync(path.join(dir, 'alarms.yaml'), `${lines.join('\n')}\n`);
}

async function main(): Promise<void> {
  const emulator = await startEmulator();
  const dir = mkdtempSync(path.join(tmpdir(), 'monitors-lcbench-'));
  try {
    const cw = new CloudWatchClient({ region: 'us-east-1', endpoint: emulator.endpoint, credentials });
    for (let ns = 0; ns < NAMESPACES; ns++) {
      await cw.send(
        new PutMetricDataCommand({
          Namespace: `Bench/NS${ns}`,
          MetricData: Array.from({ length: ALARMS / NAMESPACES }, (_, m) => ({
            MetricName: `M${m}`,
            Dimensions: [{ Name: 'Host', Value: 'h1' }],
            Timestamp: new Date(Date.now() - 600_000),
            Value: 1,
          })),
        }),
      );
    }
    const results = [];
    for (const misspelled of [0, ALARMS / 10]) {
      files(dir, misspelled);
      const options: RunOptions = {
        directory: dir,
        region: 'us-east-1',
        endpointUrl: emulator.endpoint,
        credentials,
        adopt: true,
        allowMassDelete: false,
        maxDeleteShare: 0.5,
        env: {},
      };
      const run = await planStack(options);
      const started = Date.now();
      const live = await liveCheckPlan(run, options, { skip: false, metricPacer: noPause, logPacer: noPause });
      const ms = Date.now() - started;
      const report = live.report;
      if (!report) throw new Error('the checks did not run');
      results.push({
        alarms: ALARMS,
        namespaces: NAMESPACES,
        misspelled,
        planCalls: Object.values(run.calls).reduce((a, b) => a + b, 0),
        checkCalls: report.calls,
        checkCallsTotal: Object.values(report.calls).reduce((a, b) => a + b, 0),
        findings: report.findings.length,
        skipped: report.skipped,
        ms,
        cost: { stackUsd: live.cost.stackUsd, deltaUsd: live.cost.deltaUsd },
      });
    }
    process.stdout.write(`${JSON.stringify({ when: new Date().toISOString(), results }, null, 2)}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await emulator.stop();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${String(err)}\n`);
  process.exit(1);
});
