/**
 * `npm run demo`: the seed's scenario end to end on the bundled emulator. Runs the rule tests offline
 * (`monitors test`), plans and applies monitors/,
 * plans again (No changes), then plays the seed's test: two ERROR lines in a minute make the Errors
 * alarm go to ALARM, and its SNS topic delivers the notification to a local HTTP subscriber.
 */
import { runCli } from '../src/cli/run';
import { startEmulator } from '../test/harness/emulator-process';
import { playSeedScenario } from './lib/seed-scenario';
import { formatFor } from '../src/forwarder/chats';
import { parseDestinations } from '../src/forwarder/config';
import { parseAlarmMessage } from '../src/forwarder/notification';

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
  console.log(`emulator at ${emulator.endpoint}`);
  const env = { ...process.env, AWS_ACCESS_KEY_ID: ACCOUNT, AWS_SECRET_ACCESS_KEY: 'demo', AWS_REGION: REGION };
  const common = ['monitors', '--endpoint-url', emulator.endpoint];
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
      endpoint: emulator.endpoint,
      accountId: ACCOUNT,
      region: REGION,
      directory: 'monitors',
      log: (line: string) => console.log(line),
    });
    say('The same notification as the chat forwarder posts it to Slack (src/forwarder; its kind comes later)');
    const alarm = parseAlarmMessage(seen.notification.Message, REGION);
    const [slack] = parseDestinations(
      '[{"chat":"slack","url":"https://hooks.slack.com/services/demo","mentions":["here"]}]',
    );
    if (slack) console.log(JSON.stringify(formatFor(alarm, slack).body, null, 2));
    say('Done: the alarm fired and the notification arrived.');
  } finally {
    await emulator.stop();
    console.log('emulator stopped');
  }
}

main().catch((err) => {
  console.error(`demo failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
