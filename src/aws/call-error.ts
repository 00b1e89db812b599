/**
 * Every AWS failure that survives the retries becomes one AwsCallError: a MonitorsError naming the
 * call (Service.Operation), the endpoint, the HTTP status, the content type and the attempts, with
 * AWS's own code and message, and a hint. It keeps the SDK error's name, `$metadata` and `$fault`,
 * so code that tells "not found" from "throttled" (err.name === 'ResourceNotFoundException', the
 * SDK's own classifiers) reads it exactly as it read the SDK's error.
 */
import { isServerError, isThrottlingError, isTransientError } from '@smithy/core/retry';
import { MonitorsError } from '../model';

/** What the middlewares know of one call when it failed. */
export interface CallFacts {
  readonly service: string;
  readonly operation: string;
  readonly endpoint?: string;
  readonly attempts: number;
  /** The answer's body, when one came (for non-AWS bodies and parse failures). */
  readonly bodyText?: string;
  /** For an answer the parser refused: the member that does not fit the model, and its value. */
  readonly mismatch?: string;
}

interface SdkErrorLike {
  name?: string;
  message?: string;
  Code?: string;
  $fault?: 'client' | 'server';
  $metadata?: { httpStatusCode?: number; attempts?: number; requestId?: string };
  $response?: { statusCode?: number; headers?: Record<string, string> };
  $retryable?: { throttling?: boolean };
}

/** A failed AWS call, as the user sees it. */
export class AwsCallError extends MonitorsError {
  /** AWS's error code (e.g. ThrottlingException), or the parser's error name for an unreadable answer. */
  readonly awsCode: string;
  /** AWS's own message, without the call's facts (the apply summary prints it beside the change). */
  readonly awsMessage: string;
  readonly Code?: string;
  readonly $metadata?: SdkErrorLike['$metadata'];
  readonly $fault?: SdkErrorLike['$fault'];
  readonly $retryable?: SdkErrorLike['$retryable'];
  /** Throttling, a server fault or a broken connection, as the SDK classifies them. */
  readonly retryable: boolean;
  readonly facts: CallFacts;
  /** An AWS error answer, an HTML page, or an answer the SDK could not parse. */
  readonly answer: 'aws' | 'html' | 'unreadable';

  constructor(err: unknown, facts: CallFacts) {
    const e = (typeof err === 'object' && err !== null ? err : { message: String(err) }) as SdkErrorLike;
    super('AWS_SERVICE', describe(e, facts), 'user', { cause: err });
    this.awsCode = e.Code ?? e.name ?? 'Error';
    this.awsMessage = firstLine(e.message ?? String(err));
    this.name = e.name ?? 'Error';
    if (e.Code !== undefined) this.Code = e.Code;
    if (e.$metadata !== undefined) this.$metadata = e.$metadata;
    if (e.$fault !== undefined) this.$fault = e.$fault;
    if (e.$retryable !== undefined) this.$retryable = e.$retryable;
    this.retryable = classify(e);
    this.facts = facts;
    this.answer = isHtml(e, facts) ? 'html' : isUnreadable(e) ? 'unreadable' : 'aws';
  }
}

/** True for the SDK's errors worth another try: throttling, server faults, broken connections. */
export function classify(e: object): boolean {
  const x = e as Parameters<typeof isThrottlingError>[0];
  return isThrottlingError(x) || isTransientError(x) || isServerError(x);
}

/** True when the SDK error says the answer came but could not be read (the SDK's parser failed). */
function isUnreadable(e: SdkErrorLike): boolean {
  return /Deserialization error/.test(e.message ?? '') || e.name === 'SyntaxError' || e.name === 'TypeError';
}

function firstLine(text: string): string {
  // The SDK appends a hint about its hidden $response field: not the user's business.
  return text.split('\n')[0]?.trim() ?? '';
}

function header(e: SdkErrorLike, name: string): string | undefined {
  return Object.entries(e.$response?.headers ?? {}).find(([k]) => k.toLowerCase() === name)?.[1];
}

function isHtml(e: SdkErrorLike, facts: CallFacts): boolean {
  return /html/i.test(header(e, 'content-type') ?? '') || /^<(!doctype|html)/i.test(facts.bodyText?.trimStart() ?? '');
}

/** The message: what failed, the facts of the call, and what to do. */
export function describe(e: SdkErrorLike, facts: CallFacts): string {
  const call = `${facts.service}.${facts.operation}`;
  const status = e.$metadata?.httpStatusCode ?? e.$response?.statusCode;
  const type = header(e, 'content-type');
  const attempts = Math.max(facts.attempts, e.$metadata?.attempts ?? 0) || 1;
  const where = [
    status !== undefined ? `HTTP ${status}` : 'no HTTP answer',
    type ? type.split(';')[0] : undefined,
    `from ${facts.endpoint ?? 'the AWS endpoint'}`,
    `${attempts} attempt${attempts === 1 ? '' : 's'}`,
  ]
    .filter(Boolean)
    .join(', ');
  const body = facts.bodyText?.trimStart() ?? '';
  const html = isHtml(e, facts);
  const code = e.Code ?? e.name ?? 'Error';
  if (html) {
    return `${call} failed: the endpoint answered HTML, not an AWS API answer (${where}). Hint: is ${facts.endpoint ?? 'the endpoint'} an AWS API? An emulator answers this way for an operation it does not implement.`;
  }
  if (isUnreadable(e)) {
    const field = facts.mismatch ?? offendingField(firstLine(e.message ?? ''), body);
    return `${call} failed: its answer could not be read (${firstLine(e.message ?? code)}${field ? `; ${field}` : ''}; ${where}). Hint: the endpoint is not answering the way AWS does for this operation.`;
  }
  const message = firstLine(e.message ?? '');
  return `${call} failed: ${code}${message && message !== code ? `: ${message}` : ''} (${where}).${hint(e, code)}`;
}

function hint(e: SdkErrorLike, code: string): string {
  if (isThrottlingError(e as never)) {
    return ' Hint: AWS kept throttling this call past the retry budget; run again later, or ask AWS to raise the quota of this operation.';
  }
  if (/AccessDenied|UnauthorizedOperation|NotAuthorized/i.test(code)) {
    return ' Hint: the role this run uses lacks this permission: see `monitors iam-policy`.';
  }
  if (isServerError(e as never) || isTransientError(e as never)) {
    return ' Hint: AWS kept failing this call past the retry budget; run again later.';
  }
  if (/Credential|ExpiredToken|InvalidClientTokenId|SignatureDoesNotMatch/i.test(code)) {
    return ' Hint: check the credentials this run uses.';
  }
  return '';
}

/**
 * For a parse failure, the field and value that broke it: the first scalar of the answer whose text the
 * parser's message points at (a number it expected, a date it could not read).
 */
function offendingField(message: string, body: string): string | undefined {
  if (!body) return undefined;
  if (/number|NaN|timestamp|date/i.test(message)) {
    // A quoted value where the parser expected a number or a date: the first non-numeric string value
    // of a field whose name says it is a time or a size.
    const m = /"([A-Za-z]*(?:Time|Timestamp|Modified|Date|Size|Count|At)[A-Za-z]*)"\s*:\s*"([^"]{0,60})"/.exec(body);
    if (m) return `field ${m[1]} = "${m[2]}"`;
  }
  return `the answer begins ${JSON.stringify(body.slice(0, 60))}`;
}
