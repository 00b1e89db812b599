import type { FieldTable } from '../../shared/sensitive-fields';

/**
 * The forwarder's resources are derived from chat destinations, not read from a block of their own:
 * no YAML key feeds them, and the destinations say their sensitive paths themselves (build.ts).
 */
export const FORWARDER_FIELDS: FieldTable = {};
