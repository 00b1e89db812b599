import { KIND_PARTS } from './registry';
import type { UnbuildTable } from './unbuild';

/**
 * Each kind's reverse of its YAML form (kinds/<kind>/unbuild.ts), for `monitors import`. A kind
 * without one fails to compile in its module and fails test/architecture/kind-unbuild.test.ts by name.
 */
export const UNBUILDS: UnbuildTable = Object.fromEntries(
  KIND_PARTS.map((p) => [p.info.kind, p.unbuild]),
) as unknown as UnbuildTable;
