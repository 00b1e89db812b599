import { kindInfo } from '../kinds/registry';
import type { ResourceKey } from '../model';

/**
 * The ARN AWS gives a resource of this name, for the kinds whose ARN is their name in a fixed form
 * (kinds/<kind>/kind.ts). Others have none (metric filters) or a random one only AWS's answer carries.
 */
export function resourceArn(key: ResourceKey, accountId: string): string | undefined {
  return kindInfo(key.kind).arn?.(key, accountId);
}
