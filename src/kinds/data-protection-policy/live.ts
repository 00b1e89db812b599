import type { KindLive } from '../live-types';
import type { DataProtectionPolicySpec } from './spec';

/**
 * A policy reads no metric and emits none the live checks use, and its price (per GB scanned) is the
 * log group's ingestion, which monitors does not estimate: it adds nothing to either.
 */
export const dataProtectionPolicyLive: KindLive<DataProtectionPolicySpec> = {
  bills: () => [],
};
