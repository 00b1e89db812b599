import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { SNSClient } from '@aws-sdk/client-sns';
import { SSMClient } from '@aws-sdk/client-ssm';
import { STSClient } from '@aws-sdk/client-sts';

/** Runs before every AWS call; the applier uses it to stay within per-operation quotas. */
export type BeforeCallHook = (service: string, operation: string) => Promise<void>;

/** Counts AWS calls by "Service.Operation" (e.g. "CloudWatch.DescribeAlarms"), retries included. */
export class CallCounter {
  private readonly counts = new Map<string, number>();
  private hook: BeforeCallHook | undefined;

  /** Records one call. */
  record(service: string, operation: string): void {
    const key = `${service}.${operation}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  /** Installs (or with undefined removes) the hook that runs before each call. */
  setBeforeCall(hook: BeforeCallHook | undefined): void {
    this.hook = hook;
  }

  /** Runs the hook, if any. */
  async beforeCall(service: string, operation: string): Promise<void> {
    await this.hook?.(service, operation);
  }

  /** Counts so far, by operation. */
  snapshot(): Record<string, number> {
    return Object.fromEntries([...this.counts].sort(([a], [b]) => a.localeCompare(b)));
  }

  /** All calls so far. */
  total(): number {
    return [...this.counts.values()].reduce((a, b) => a + b, 0);
  }
}

/** The SDK clients the reader and the applier use, sharing one call counter. */
export interface AwsClients {
  readonly logs: CloudWatchLogsClient;
  readonly cloudwatch: CloudWatchClient;
  readonly sns: SNSClient;
  readonly tagging: ResourceGroupsTaggingAPIClient;
  /** Only for the account id (GetCallerIdentity). */
  readonly sts: STSClient;
  /** Only for the apply lock (an SSM parameter); built on first use, so plans never construct it. */
  readonly ssm: SSMClient;
  readonly calls: CallCounter;
}

/** How to reach AWS: the same code runs against AWS and the local emulator (endpoint). */
export interface ClientOptions {
  readonly region: string;
  readonly endpoint?: string;
  /** A shared-config profile (otherwise the SDK's chain reads AWS_PROFILE). */
  readonly profile?: string;
  readonly credentials?: {
    readonly accessKeyId: string;
    readonly secretAccessKey: string;
    readonly sessionToken?: string;
  };
  readonly maxAttempts?: number;
}

interface Countable {
  middlewareStack: { add: (mw: never, options: { step: 'finalizeRequest'; priority: 'low'; name: string }) => void };
}

/**
 * Counts each attempt: placed after the SDK's retry middleware (finalizeRequest, low priority), it
 * runs once per request actually sent, so retries are counted and paced like any other call.
 */
function instrument(client: Countable, service: string, counter: CallCounter): void {
  const mw =
    (next: (args: unknown) => Promise<unknown>, context: { commandName?: string }) => async (args: unknown) => {
      const operation = (context.commandName ?? 'Unknown').replace(/Command$/, '');
      await counter.beforeCall(service, operation);
      counter.record(service, operation);
      return next(args);
    };
  client.middlewareStack.add(mw as never, {
    step: 'finalizeRequest',
    priority: 'low',
    name: `monitorsCallCounter${service}`,
  });
}

/** Builds the clients for one region, honouring an endpoint override, explicit credentials, and a profile. */
export function createClients(options: ClientOptions): AwsClients {
  const config = {
    region: options.region,
    profile: options.profile,
    endpoint: options.endpoint,
    credentials: options.credentials ? { ...options.credentials } : undefined,
    maxAttempts: options.maxAttempts ?? 5,
    // Not 'adaptive': its client-wide send-rate cut after any throttle slowed a 200-resource apply
    // under 10% throttling from 5 s to 38 s. Pacing is the per-operation RateLimiter's job.
    retryMode: 'standard',
  };
  const calls = new CallCounter();
  let ssm: SSMClient | undefined;
  const clients = {
    logs: new CloudWatchLogsClient(config),
    cloudwatch: new CloudWatchClient(config),
    sns: new SNSClient(config),
    tagging: new ResourceGroupsTaggingAPIClient(config),
    sts: new STSClient(config),
    get ssm(): SSMClient {
      if (!ssm) {
        ssm = new SSMClient(config);
        instrument(ssm as unknown as Countable, 'SSM', calls);
      }
      return ssm;
    },
    calls,
  };
  instrument(clients.logs as unknown as Countable, 'CloudWatchLogs', calls);
  instrument(clients.cloudwatch as unknown as Countable, 'CloudWatch', calls);
  instrument(clients.sns as unknown as Countable, 'SNS', calls);
  instrument(clients.tagging as unknown as Countable, 'Tagging', calls);
  instrument(clients.sts as unknown as Countable, 'STS', calls);
  return clients;
}
