/**
 * The seed's scenario, the path `npm run demo` shows: monitors/ applied, ERROR lines written to the
 * log group, the Errors alarm in ALARM, and the SNS notification delivered to an HTTP subscriber.
 */
import { playSeedScenario } from '../../scripts/lib/seed-scenario';
import { freshAccount } from '../harness/emulator';
import { exampleCopy, optionsFor, reconcile, removeStackDirs } from './stack-dir';

afterAll(removeStackDirs);

test('two ERROR lines in a minute fire the teachme-errors alarm and notify its topic', async () => {
  const account = freshAccount();
  const dir = exampleCopy();
  await reconcile(optionsFor(account, dir));
  const log: string[] = [];
  const result = await playSeedScenario({
    endpoint: account.endpoint,
    accountId: account.accountId,
    region: account.region,
    directory: dir,
    log: (line) => log.push(line),
  });
  expect(result.matchedLines).toBe(2);
  expect(result.alarm).toMatchObject({ AlarmName: 'teachme-errors', StateValue: 'ALARM' });
  expect(result.notification.TopicArn).toBe(`arn:aws:sns:us-east-1:${account.accountId}:teachme-alerts`);
  expect(result.notification.Subject).toBe('ALARM: "teachme-errors" in us-east-1');
  expect(JSON.parse(result.notification.Message)).toMatchObject({
    AlarmName: 'teachme-errors',
    NewStateValue: 'ALARM',
  });
}, 60_000);
