import type { CrossFileCheck } from './module';
import { MODULES } from './registry';

/** Checks a kind makes across every file before anything is sent (config/checks.ts runs them all). */
export const CROSS_FILE_CHECKS: readonly CrossFileCheck[] = MODULES.flatMap((m) => m.checks ?? []);
