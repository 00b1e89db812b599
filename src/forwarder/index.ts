/**
 * The chat forwarder: a Lambda function subscribed to an SNS topic that CloudWatch alarms notify. For
 * each alarm notification it posts one message to each configured chat, in the chat's own rich format.
 *
 * Failure is loud: if any destination still fails after its retries, the invocation throws. SNS invokes
 * Lambda asynchronously, so Lambda retries the event (twice by default) and then hands it to the
 * function's on-failure destination (the kind configures an SQS queue), where it waits for a person.
 * A retry posts to every destination again: duplicates are preferred to a lost page.
 * Log lines are JSON, one per attempt and per outcome; they name the chat, index, host and status,
 * never a webhook URL.
 */
import { formatFor } from './chats';
import { DESTINATIONS_VAR, parseDestinations, servesTopic, type Destination } from './config';
import { defaultOptions, deliver, type DeliveryOptions, type DeliveryResult } from './deliver';
import { NotAnAlarmError, parseAlarmMessage } from './notification';

/** The parts of the SNS event the forwarder reads. */
export interface SnsEvent {
  readonly Records?: readonly {
    readonly Sns?: { readonly Message?: string; readonly MessageId?: string; readonly TopicArn?: string };
  }[];
}

/** The parts of the Lambda context the forwarder reads. */
export interface LambdaContext {
  getRemainingTimeInMillis?: () => number;
}

/** Keeps this much of the Lambda's time for logging and throwing after the last attempt. */
const MARGIN_MS = 2000;

type Log = (fields: Record<string, unknown>) => void;
const jsonLog: Log = (fields) => console.log(JSON.stringify(fields));

/** The host of a webhook, the most a log line may say about it. */
function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'invalid';
  }
}

function withQuery(url: string, query: Readonly<Record<string, string>>): string {
  const u = new URL(url);
  for (const [k, v] of Object.entries(query)) u.searchParams.set(k, v);
  return u.toString();
}

/** Dependencies, injectable for tests; the Lambda uses the environment and the real clock. */
export interface ForwarderDeps {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly log: Log;
  readonly options: (deadline: number) => DeliveryOptions;
}

/** Handles one SNS event; throws when a notification could not be delivered everywhere. */
export async function forward(event: SnsEvent, context: LambdaContext, deps: ForwarderDeps): Promise<void> {
  const destinations = parseDestinations(deps.env[DESTINATIONS_VAR]);
  const remaining = context.getRemainingTimeInMillis?.() ?? 30_000;
  const deadline = Date.now() + Math.max(1000, remaining - MARGIN_MS);
  const region = deps.env.AWS_REGION ?? deps.env.AWS_DEFAULT_REGION ?? '';
  const failures: string[] = [];
  for (const record of event.Records ?? []) {
    const message = record.Sns?.Message ?? '';
    let alarm;
    try {
      alarm = parseAlarmMessage(message, region);
    } catch (e) {
      if (!(e instanceof NotAnAlarmError)) throw e;
      // Not an alarm: nothing to format. Logged (without its content) and dropped, so a stray publish
      // is not retried forever into the failure queue.
      deps.log({ level: 'warn', msg: e.message, messageId: record.Sns?.MessageId });
      continue;
    }
    const topicArn = record.Sns?.TopicArn;
    const results = await Promise.all(
      destinations.map(async (d: Destination, index): Promise<[Destination, number, DeliveryResult] | undefined> => {
        if (!servesTopic(d, topicArn)) return undefined;
        const request = formatFor(alarm, d);
        const host = hostOf(d.url);
        const options = deps.options(deadline);
        const result = await deliver(withQuery(d.url, request.query), request.body, {
          ...options,
          onAttempt: (a) =>
            deps.log({ level: a.why ? 'warn' : 'info', msg: 'attempt', chat: d.chat, index, host, ...a }),
        });
        return [d, index, result];
      }),
    );
    for (const [d, index, r] of results.flatMap((x) => (x ? [x] : []))) {
      const host = hostOf(d.url);
      const outcome = {
        alarm: alarm.name,
        state: alarm.state,
        chat: d.chat,
        index,
        host,
        status: r.status,
        attempts: r.attempts,
      };
      if (r.ok) deps.log({ level: 'info', msg: 'delivered', ...outcome });
      else {
        deps.log({ level: 'error', msg: 'delivery failed', ...outcome, why: r.why });
        failures.push(`${d.chat} #${index} (${host}): ${r.why} after ${r.attempts} attempt(s)`);
      }
    }
  }
  if (failures.length > 0) throw new DeliveryError(failures);
}

/** At least one chat did not get the message: the invocation fails so Lambda retries and then keeps it. */
export class DeliveryError extends Error {
  constructor(readonly failures: readonly string[]) {
    super(`delivery failed: ${failures.join('; ')}`);
    this.name = 'DeliveryError';
  }
}

/** The Lambda entry point (`index.handler`). */
export async function handler(event: SnsEvent, context: LambdaContext): Promise<void> {
  await forward(event, context, { env: process.env, log: jsonLog, options: defaultOptions });
}
