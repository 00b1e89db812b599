import { randomInt } from 'crypto';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { SNSClient } from '@aws-sdk/client-sns';

/**
 * Clean state per test file without resetting under a parallel worker: ministack keeps a separate
 * account for every 12-digit access key id, so each call of freshAccount() starts from nothing.
 */
export interface TestAccount {
  readonly endpoint: string;
  readonly region: string;
  readonly accountId: string;
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
}

/** The endpoint of the emulator started by the jest global setup. */
export function emulatorEndpoint(): string {
  const endpoint = process.env.MONITORS_TEST_ENDPOINT;
  if (!endpoint)
    throw new Error('MONITORS_TEST_ENDPOINT is not set: run tests through jest (global setup starts the emulator)');
  return endpoint;
}

/**
 * A new, empty AWS account on the emulator, reached through the proxy that answers metric-math alarms'
 * Metrics[] back (metric-math-echo.ts); `raw` reaches the emulator itself, to show what it returns.
 */
export function freshAccount(region = 'us-east-1', options: { readonly raw?: boolean } = {}): TestAccount {
  const accountId = String(randomInt(100_000_000_000, 999_999_999_999));
  return {
    endpoint: options.raw ? emulatorEndpoint() : (process.env.MONITORS_TEST_MENDED_ENDPOINT ?? emulatorEndpoint()),
    region,
    accountId,
    credentials: { accessKeyId: accountId, secretAccessKey: 'test' },
  };
}

/** Plain SDK clients for a test account, for arranging and asserting state outside the code under test. */
export function rawClients(account: TestAccount): {
  logs: CloudWatchLogsClient;
  cloudwatch: CloudWatchClient;
  sns: SNSClient;
} {
  const config = { region: account.region, endpoint: account.endpoint, credentials: account.credentials };
  return {
    logs: new CloudWatchLogsClient(config),
    cloudwatch: new CloudWatchClient(config),
    sns: new SNSClient(config),
  };
}
