import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { IAMClient } from '@aws-sdk/client-iam';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import { SSMClient } from '@aws-sdk/client-ssm';
import { STSClient } from '@aws-sdk/client-sts';
import { RETRY_BUDGET } from '../apply/retry';
import { MonitorsError } from '../model';
import type { TemporaryCredentials } from './assume-role';
import { tolerateNonFiniteNumbers } from './non-finite';
import { DEFAULT_TIMEOUTS, type Timeouts } from './timeouts';

// Re-exported: the timeouts live in their own module so that parsing --request-timeout loads no SDK.
export { DEFAULT_TIMEOUTS, parseRequestTimeout, timeoutsFromSeconds, type Timeouts } from './timeouts';

/**
 * Runs before every AWS request is sent (retries included): it paces the request (a rate token for
 * its operation, then a slot among the requests in flight) and may return what to run once the
 * answer is in (giving the slot back; told the error when the request failed, so a throttle answer
 * can slow that operation down).
 */
export type BeforeCallHook = (service: string, operation: string) => Promise<void | ((error?: unknown) => void)>;

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

  /** Runs the hook, if any; returns what to run when the request is over (with its error, if it failed). */
  async beforeCall(service: string, operation: string): Promise<(error?: unknown) => void> {
    return (await this.hook?.(service, operation)) ?? (() => undefined);
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
  /** The chat forwarder's function, queue and role: built on first use, so stacks without one never construct them. */
  readonly lambda: LambdaClient;
  readonly sqs: SQSClient;
  readonly iam: IAMClient;
  readonly calls: CallCounter;
}

/** How to reach AWS: the same code runs against AWS and the local emulator (endpoint). */
export interface ClientOptions {
  readonly region: string;
  readonly endpoint?: string;
  /** A shared-config profile (otherwise the SDK's chain reads AWS_PROFILE). */
  readonly profile?: string;
  /** Static keys, or a provider (a target's assumed role: aws/assume-role.ts); otherwise the SDK's chain. */
  readonly credentials?:
    | {
        readonly accessKeyId: string;
        readonly secretAccessKey: string;
        readonly sessionToken?: string;
      }
    | (() => Promise<TemporaryCredentials>);
  /** Sends per call, first one included (default: the run's retry budget). */
  readonly maxAttempts?: number;
  /** Per attempt: how long to wait to connect, and for an answer; see DEFAULT_TIMEOUTS. */
  readonly timeouts?: Timeouts;
}

interface Countable {
  middlewareStack: {
    add: (
      mw: never,
      options: { step: 'initialize' | 'finalizeRequest'; priority: 'high' | 'low'; name: string },
    ) => void;
  };
}

/** What one call's middlewares share: the operation, and where and how often it was sent. */
interface CallContext {
  commandName?: string;
  monitorsEndpoint?: string;
  monitorsAttempts?: number;
}

interface SentRequest {
  readonly request?: { protocol?: string; hostname?: string; port?: number };
}

/** True for the SDK's connect and request timeouts. */
function isTimeout(err: unknown): boolean {
  const e = err as { name?: string; code?: string } | null;
  return e?.name === 'TimeoutError' || e?.code === 'ETIMEDOUT';
}

/**
 * Counts each attempt: placed after the SDK's retry middleware (finalizeRequest, low priority), it
 * runs once per request actually sent, so retries are counted and paced like any other call. It also
 * notes the endpoint, so that a timeout can name it. Outermost (initialize), a timeout that survived
 * every attempt becomes one MonitorsError naming the operation and the endpoint.
 */
function instrument(client: Countable, service: string, counter: CallCounter, timeouts: Timeouts): void {
  const mw = (next: (args: unknown) => Promise<unknown>, context: CallContext) => async (args: unknown) => {
    const operation = (context.commandName ?? 'Unknown').replace(/Command$/, '');
    const done = await counter.beforeCall(service, operation);
    counter.record(service, operation);
    const { request } = args as SentRequest;
    if (request?.hostname) {
      context.monitorsEndpoint = `${request.protocol ?? 'https:'}//${request.hostname}${request.port ? `:${request.port}` : ''}`;
    }
    context.monitorsAttempts = (context.monitorsAttempts ?? 0) + 1;
    let failure: unknown;
    try {
      return await next(args);
    } catch (err) {
      failure = err;
      throw err;
    } finally {
      done(failure);
    }
  };
  client.middlewareStack.add(mw as never, {
    step: 'finalizeRequest',
    priority: 'low',
    name: `monitorsCallCounter${service}`,
  });
  const timeoutError = (next: (args: unknown) => Promise<unknown>, context: CallContext) => async (args: unknown) => {
    try {
      return await next(args);
    } catch (err) {
      if (!isTimeout(err)) throw err;
      const operation = (context.commandName ?? 'Unknown').replace(/Command$/, '');
      const attempts = context.monitorsAttempts ?? 1;
      throw new MonitorsError(
        'TIMEOUT',
        `${service}.${operation} timed out: ${context.monitorsEndpoint ?? 'the AWS endpoint'} did not answer ` +
          `within ${timeouts.requestMs / 1000} s (connect ${timeouts.connectMs / 1000} s), ${attempts} attempt(s). ` +
          'Check the network and the endpoint, or raise --request-timeout (action input request-timeout).',
        'user',
        { cause: err },
      );
    }
  };
  client.middlewareStack.add(timeoutError as never, {
    step: 'initialize',
    priority: 'high',
    name: `monitorsTimeoutError${service}`,
  });
}

/** Builds the clients for one region, honouring an endpoint override, explicit credentials, and a profile. */
export function createClients(options: ClientOptions): AwsClients {
  const timeouts = options.timeouts ?? DEFAULT_TIMEOUTS;
  const config = {
    region: options.region,
    profile: options.profile,
    endpoint: options.endpoint,
    credentials:
      typeof options.credentials === 'function'
        ? options.credentials
        : options.credentials
          ? { ...options.credentials }
          : undefined,
    maxAttempts: options.maxAttempts ?? RETRY_BUDGET.attemptsPerCall,
    // requestTimeout bounds the whole attempt (it only warns unless told to throw); socketTimeout
    // bounds a silence mid-answer, e.g. a server that sends headers and then stalls.
    requestHandler: {
      connectionTimeout: timeouts.connectMs,
      requestTimeout: timeouts.requestMs,
      throwOnRequestTimeout: true,
      socketTimeout: timeouts.requestMs,
    },
    // Not 'adaptive': its client-wide send-rate cut after any throttle slowed a 200-resource apply
    // under 10% throttling from 5 s to 38 s. Pacing is the per-operation RateLimiter's job.
    retryMode: 'standard',
  };
  const calls = new CallCounter();
  let ssm: SSMClient | undefined;
  let lambda: LambdaClient | undefined;
  let sqs: SQSClient | undefined;
  let iam: IAMClient | undefined;
  const built = <C>(client: C, service: string): C => {
    instrument(client as unknown as Countable, service, calls, timeouts);
    return client;
  };
  const clients = {
    logs: new CloudWatchLogsClient(config),
    cloudwatch: new CloudWatchClient(config),
    sns: new SNSClient(config),
    tagging: new ResourceGroupsTaggingAPIClient(config),
    sts: new STSClient(config),
    get ssm(): SSMClient {
      if (!ssm) {
        ssm = new SSMClient(config);
        instrument(ssm as unknown as Countable, 'SSM', calls, timeouts);
      }
      return ssm;
    },
    get lambda(): LambdaClient {
      return (lambda ??= built(new LambdaClient(config), 'Lambda'));
    },
    get sqs(): SQSClient {
      return (sqs ??= built(new SQSClient(config), 'SQS'));
    },
    // IAM is global: its one endpoint answers for every region (the emulator's endpoint when set).
    get iam(): IAMClient {
      return (iam ??= built(new IAMClient(config), 'IAM'));
    },
    calls,
  };
  instrument(clients.logs as unknown as Countable, 'CloudWatchLogs', calls, timeouts);
  instrument(clients.cloudwatch as unknown as Countable, 'CloudWatch', calls, timeouts);
  instrument(clients.sns as unknown as Countable, 'SNS', calls, timeouts);
  instrument(clients.tagging as unknown as Countable, 'Tagging', calls, timeouts);
  instrument(clients.sts as unknown as Countable, 'STS', calls, timeouts);
  tolerateNonFiniteNumbers(clients.cloudwatch as never);
  return clients;
}
