import { createHash } from 'crypto';

/** AWS's limit on an alarm's name. */
export const MAX_ALARM_NAME = 255;

/**
 * A pack alarm's name: `<service>-<resource>-<recommendation>`, e.g. `lambda-checkout-Errors`.
 * Stable as long as the resource keeps its name. When that would pass AWS's 255 characters, the
 * resource's part is cut and `~` and 8 hex digits of a hash of the full name are put in its place,
 * so two long names that share a beginning still differ.
 */
export function packAlarmName(service: string, resource: string, key: string): string {
  const full = `${service}-${resource}-${key}`;
  if (full.length <= MAX_ALARM_NAME) return full;
  const hash = createHash('sha256').update(full).digest('hex').slice(0, 8);
  const room = MAX_ALARM_NAME - service.length - key.length - 2 - 9;
  return `${service}-${resource.slice(0, room)}~${hash}-${key}`;
}
