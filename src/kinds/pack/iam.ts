import { servicePack } from './catalog';
import type { PackDeclaration } from './declaration';

/**
 * The list and tag reads discovery makes for these packs' services (each service's `iam`), sorted:
 * what the plan and apply roles need beyond the kinds' own reads. These list every resource of the
 * service, not only the stack's, so IAM can only allow them on "*".
 */
export function packDiscoveryActions(packs: readonly Pick<PackDeclaration, 'service'>[]): string[] {
  return [...new Set(packs.flatMap((p) => servicePack(p.service)?.iam ?? []))].sort();
}
