import { assertNever, type ResourceKey } from '../model';

/**
 * The ARN AWS gives a resource of this name, for the kinds whose ARN is their name in a fixed form.
 * Metric filters have none; a subscription's is random and only known from AWS's answer.
 */
export function resourceArn(key: ResourceKey, accountId: string): string | undefined {
  switch (key.kind) {
    case 'logGroup':
      return `arn:aws:logs:${key.region}:${accountId}:log-group:${key.name}`;
    case 'metricAlarm':
    case 'compositeAlarm':
      return `arn:aws:cloudwatch:${key.region}:${accountId}:alarm:${key.name}`;
    case 'topic':
      return `arn:aws:sns:${key.region}:${accountId}:${key.name}`;
    case 'metricFilter':
    case 'subscription':
      return undefined;
    default:
      return assertNever(key.kind);
  }
}
