/**
 * `npm run demo`: the seed's scenario end to end on the bundled emulator. Runs the rule tests offline
 * (`monitors test`), plans and applies monitors/,
 * plans again (No changes), then plays the seed's test: two ERROR lines in a minute make the Errors
 * alarm go to ALARM, and its SNS topic delivers the notification to a local HTTP subscriber.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { CloudWatchClient, SetAlarmStateCommand } from '@aws-sdk/client-cloudwatch';
import { runCli } from '../src/cli/run';
import { startEmulator } from '../test/harness/emulator-process';
import { startMetricMathEcho } from '../test/harness/metric-math-echo';
import { playSeedScenario } from './lib/seed-scenario';
import { startWebhook } from '../test/forwarder/loopback';

// Same as bin/monitors.js: the SDK's Node 22 notice is not for people watching the demo.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const ACCOUNT = '123456789012';
const REGION = 'us-east-1';
const bold = process.stdout.isTTY && !process.env.NO_COLOR;
const say = (s: string) => process.stdout.write(bold ? `\n\x1b[1m▶ ${s}\x1b[0m\n` : `\n▶ ${s}\n`);

async function cli(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  process.stdout.write(`$ monitors ${args.join(' ')}\n`);
  return runCli(args, { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env });
}

async function main(): Promise<void> {
  say('Starting the local AWS emulator (ministack)');
  const emulator = await startEmulator();
  // ministack stores no metric-math alarm's Metrics[] (the SLO's burn-rate alarms are metric math), so
  // its answers would make every plan show them as changed: a loopback proxy keeps what was sent and
  // answers it back, as AWS does (docs/emulators.md).
  const echo = await startMetricMathEcho(emulator.endpoint);
  const endpoint = echo.url;
  console.log(`emulator at ${emulator.endpoint}, through ${endpoint} (keeps metric-math alarms' Metrics[])`);
  const env = { ...process.env, AWS_ACCESS_KEY_ID: ACCOUNT, AWS_SECRET_ACCESS_KEY: 'demo', AWS_REGION: REGION };
  const common = ['monitors', '--endpoint-url', endpoint];
  try {
    say("Rule tests, offline: the seed's cases through the stack's own filter and alarm");
    if ((await cli(['test', 'monitors'], env)) !== 0) throw new Error('the rule tests failed');

    say('Plan and apply monitors/');
    if ((await cli(['reconcile', ...common, '--yes'], env)) !== 0) throw new Error('apply failed');

    say('Plan again: nothing left to do');
    if ((await cli(['plan', ...common, '--detailed-exitcode'], env)) !== 0)
      throw new Error('the second plan was not empty');

    say("The seed's test: ERROR lines in the log stream → alarm → SNS → subscriber");
    const seen = await playSeedScenario({
      endpoint,
      accountId: ACCOUNT,
      region: REGION,
      directory: 'monitors',
      log: (line: string) => console.log(line),
    });
    say('Slack too: one line under the topic, `- slack: ${env:SLACK_WEBHOOK_URL}` (a local stand-in for Slack)');
    await slackToo(endpoint, env, seen.alarm.AlarmName ?? 'teachme-errors');
    say('Done: the alarm fired, the e-mail notification arrived, and Slack got its message.');
  } finally {
    await echo.close();
    await emulator.stop();
    console.log('emulator stopped');
  }
}

/**
 * A copy of monitors/ with a `slack:` line on the topic, pointed at a loopback webhook: the apply adds
 * the chat forwarder, the alarm fires again, and the message Slack would get is printed.
 */
async function slackToo(endpoint: string, env: NodeJS.ProcessEnv, alarmName: string): Promise<void> {
  const slack = await startWebhook(() => ({ status: 200, body: 'ok' }), '/services/T000/B000/demo-token');
  const dir = mkdtempSync(join(tmpdir(), 'monitors-demo-'));
  try {
    cpSync('monitors', dir, { recursive: true });
    const file = join(dir, 'stack.yaml');
    const text = readFileSync(file, 'utf8');
    const email = '      - email: oncall@example.com\n';
    if (!text.includes(email)) throw new Error('monitors/stack.yaml has no e-mail subscription to put Slack beside');
    writeFileSync(
      file,
      text.replace(email, `${email}      - slack: \${env:SLACK_WEBHOOK_URL}\n        mentions: [here]\n`),
    );
    const withSlack = { ...env, SLACK_WEBHOOK_URL: slack.url };
    if ((await cli(['reconcile', dir, '--endpoint-url', endpoint, '--yes'], withSlack)) !== 0)
      throw new Error('apply with the slack: line failed');
    const cloudwatch = new CloudWatchClient({
      region: REGION,
      endpoint,
      credentials: { accessKeyId: ACCOUNT, secretAccessKey: 'demo' },
    });
    for (const StateValue of ['OK', 'ALARM'] as const)
      await cloudwatch.send(new SetAlarmStateCommand({ AlarmName: alarmName, StateValue, StateReason: 'demo' }));
    const end = Date.now() + 30_000;
    const alarmMessage = () => slack.received.find((r) => r.body.includes('🔴 ALARM'));
    while (!alarmMessage() && Date.now() < end) await new Promise((r) => setTimeout(r, 250));
    const got = alarmMessage();
    if (!got) throw new Error('Slack did not get the alarm within 30 s');
    console.log(JSON.stringify(JSON.parse(got.body), null, 2));
  } finally {
    await slack.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(`demo failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
