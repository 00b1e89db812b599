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
import { isThrottlingError } from '@smithy/core/retry';
import { AwsCallError } from './call-error';
import { isRead, READ_RETRY, retryDelay } from './retryable';
import { firstMismatch, tolerateTimestamps, type BodyContext } from './tolerant-reading';
import { RUN_BUDGET, type RunBudget } from './timeouts';
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
  private readonly startedAt = Date.now();

  /** The run's budget: past it, no further call is sent (see RUN_BUDGET). */
  constructor(private readonly budget: RunBudget = RUN_BUDGET) {}

  /** Throws, naming the budget, when one more call would go past the run's calls or time. */
  checkBudget(service: string, operation: string): void {
    const calls = this.total();
    const elapsed = Date.now() - this.startedAt;
    if (calls < this.budget.calls && elapsed < this.budget.ms) return;
    const which =
      calls >= this.budget.calls
        ? `its budget of ${this.budget.calls} AWS calls`
        : `its time budget of ${Math.round(this.budget.ms / 60_000)} minutes for AWS calls`;
    throw new MonitorsError(
      'TIMEOUT',
      `the run stopped before ${service}.${operation}: it used ${which} (${calls} calls in ${Math.round(elapsed / 1000)} s). ` +
        'An endpoint that pages without end, or an account far larger than a run can read, does this.',
    );
  }

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
  /** Calls and time the clients may spend in all (default RUN_BUDGET). */
  readonly budget?: RunBudget;
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
interface CallContext extends BodyContext {
  commandName?: string;
  monitorsEndpoint?: string;
  monitorsAttempts?: number;
}

interface SentRequest {
  readonly request?: { protocol?: string; hostname?: string; port?: number };
}

/** True for the SDK's connect and request timeouts, and our own per-attempt deadline. */
function isTimeout(err: unknown): boolean {
  const e = err as { name?: string; code?: string } | null;
  return e?.name === 'TimeoutError' || e?.code === 'ETIMEDOUT';
}

/** Connection failures: no HTTP answer came, yet the call reached the network. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNABORTED',
]);

/**
 * True when the error came from the wire (an answer, or a broken connection), so that it is an AWS
 * failure to report as one; errors raised before anything was sent (credentials, region, our own
 * bugs) pass through unchanged.
 */
function fromTheWire(err: unknown): boolean {
  const e = err as { $metadata?: { httpStatusCode?: number }; $response?: unknown; code?: string } | null;
  if (!e || typeof e !== 'object') return false;
  return e.$metadata?.httpStatusCode !== undefined || e.$response !== undefined || NETWORK_CODES.has(e.code ?? '');
}

/** The member of a refused answer that does not fit the model, when the answer is JSON and one does not. */
function mismatchOf(text: string, context: CallContext): { mismatch?: string } {
  const found = /^\s*\{/.test(text) ? firstMismatch(text, context) : undefined;
  return found ? { mismatch: found } : {};
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Per attempt, from sending the request to the last byte of the answer read: the SDK's own timeouts
 * measure the wait for headers and the silences between bytes, so an answer trickled one byte a second
 * never ended. This deadline covers the body too; when it passes, the answer's stream is destroyed and
 * the attempt fails as a timeout (which the SDK retries, then clients.ts reports).
 */
async function withinDeadline<T>(run: Promise<T>, context: CallContext, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      context.monitorsBody?.destroy?.();
      reject(Object.assign(new Error(`no complete answer within ${ms / 1000} s`), { name: 'TimeoutError' }));
    }, ms);
  });
  try {
    return await Promise.race([run, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Counts each attempt: placed after the SDK's retry middleware (finalizeRequest, low priority), it
 * runs once per request actually sent, so retries are counted and paced like any other call, and each
 * attempt is held to the per-attempt deadline and the run's budget. It also notes the endpoint, so
 * that a failure can name it. Outermost (initialize), a failure that survived every attempt becomes
 * one MonitorsError naming the operation and the endpoint (AwsCallError, or a timeout); a read (and
 * any throttled call) still failing for a retryable reason is first tried again, in rounds beyond the
 * SDK's attempts, within READ_RETRY's bounds.
 */
function instrument(client: Countable, service: string, counter: CallCounter, timeouts: Timeouts): void {
  const mw = (next: (args: unknown) => Promise<unknown>, context: CallContext) => async (args: unknown) => {
    const operation = (context.commandName ?? 'Unknown').replace(/Command$/, '');
    counter.checkBudget(service, operation);
    const done = await counter.beforeCall(service, operation);
    counter.record(service, operation);
    const { request } = args as SentRequest;
    if (request?.hostname) {
      context.monitorsEndpoint = `${request.protocol ?? 'https:'}//${request.hostname}${request.port ? `:${request.port}` : ''}`;
    }
    context.monitorsAttempts = (context.monitorsAttempts ?? 0) + 1;
    context.monitorsBody = undefined;
    let failure: unknown;
    try {
      return await withinDeadline(next(args), context, timeouts.requestMs);
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
  const callError = (next: (args: unknown) => Promise<unknown>, context: CallContext) => async (args: unknown) => {
    const operation = (context.commandName ?? 'Unknown').replace(/Command$/, '');
    const started = Date.now();
    for (let round = 1; ; round++) {
      try {
        return await next(args);
      } catch (err) {
        if (err instanceof MonitorsError) throw err;
        const attempts = context.monitorsAttempts ?? 1;
        if (isTimeout(err)) {
          throw new MonitorsError(
            'TIMEOUT',
            `${service}.${operation} timed out: ${context.monitorsEndpoint ?? 'the AWS endpoint'} did not answer ` +
              `within ${timeouts.requestMs / 1000} s (connect ${timeouts.connectMs / 1000} s), ${attempts} attempt(s). ` +
              'Check the network and the endpoint, or raise --request-timeout (action input request-timeout).',
            'user',
            { cause: err },
          );
        }
        if (!fromTheWire(err)) throw err;
        const failure = new AwsCallError(err, {
          service,
          operation,
          attempts,
          ...(context.monitorsEndpoint !== undefined ? { endpoint: context.monitorsEndpoint } : {}),
          ...(context.monitorsBodyText !== undefined
            ? {
                bodyText: context.monitorsBodyText.slice(0, 4_000),
                ...mismatchOf(context.monitorsBodyText, context),
              }
            : {}),
        });
        const delay = retryDelay(READ_RETRY, round, Math.random);
        // Only AWS's own answers (throttling, 5xx): an endpoint that refuses connections, or answers HTML
        // (an emulator without the operation, a proxy's error page), fails after the SDK's attempts.
        const again =
          failure.retryable &&
          failure.answer === 'aws' &&
          failure.$metadata?.httpStatusCode !== undefined &&
          (isRead(operation) || isThrottlingError(err as never)) &&
          round < READ_RETRY.rounds &&
          Date.now() - started + delay <= READ_RETRY.budgetMs;
        if (!again) throw failure;
        await sleep(delay);
      }
    }
  };
  client.middlewareStack.add(callError as never, {
    step: 'initialize',
    priority: 'high',
    name: `monitorsCallError${service}`,
  });
  tolerateTimestamps(client as never);
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
  const calls = new CallCounter(options.budget);
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
