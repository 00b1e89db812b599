/**
 * Destinations as people write them (`lambda: name`) and as AWS holds them (an ARN), and the mark
 * by which a filter adopted under its own name is recorded (metric-filter/ownership-record.ts).
 */
import { createHash } from 'crypto';
import { PLACEHOLDER_ACCOUNT } from '../shared/alarm-actions-build';

/** The forms a destination is written in; `arn` is any other destination (a Logs destination, cross-account). */
export type DestinationForm = 'lambda' | 'kinesis' | 'firehose' | 'arn';
export const DESTINATION_FORMS: readonly DestinationForm[] = ['lambda', 'kinesis', 'firehose', 'arn'];

/** Where each service's ARN puts the name. */
const ARN_PREFIX: Readonly<Record<Exclude<DestinationForm, 'arn'>, (region: string, account: string) => string>> = {
  lambda: (r, a) => `arn:aws:lambda:${r}:${a}:function:`,
  kinesis: (r, a) => `arn:aws:kinesis:${r}:${a}:stream/`,
  firehose: (r, a) => `arn:aws:firehose:${r}:${a}:deliverystream/`,
};

/** A destination's ARN: an ARN as written, a bare name in the stack's region and (placeholder) account. */
export function destinationArn(form: DestinationForm, value: string, region: string): string {
  if (form === 'arn' || value.startsWith('arn:')) return value;
  return `${ARN_PREFIX[form](region, PLACEHOLDER_ACCOUNT)}${value}`;
}

/** The form an ARN is written back in (import): by its service. */
export function destinationForm(arn: string): DestinationForm {
  const service = arn.split(':')[2];
  return service === 'lambda' || service === 'kinesis' || service === 'firehose' ? service : 'arn';
}

/** Whether the destination is a Lambda function, which needs an invoke permission for CloudWatch Logs. */
export function isLambda(arn: string): boolean {
  return destinationForm(arn) === 'lambda';
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

/**
 * The id of the invoke permission a filter's Lambda gets: one per log group and filter, so two
 * filters sharing a function each hold and remove their own. Lambda allows 100 characters.
 */
export function permissionStatementId(logGroupName: string, filterName: string): string {
  return `monitors-logs-${hash(`${logGroupName}\u0000${filterName}`)}`;
}

/**
 * The mark a subscription filter adopted under its own name has in the stack's adopted-filter record.
 * Kept apart from a metric filter's mark of the same log group and name (filters of the two kinds
 * may share a name): the kind is hashed in.
 */
export function subscriptionFilterMark(logGroupName: string, filterName: string): string {
  return hash(`subscriptionFilter\u0000${logGroupName}\u0000${filterName}`);
}
