import type { SourceLocation, Tags } from '../../model';
import type { AlarmActions, TreatMissingData } from '../specs';

/** Which resources a pack covers; every part given must match. */
export interface PackSelection {
  readonly tags?: Tags;
  readonly names?: readonly string[];
  readonly prefix?: string;
}

/** Fields of one recommendation the user sets instead of AWS's. */
export interface PackOverride {
  readonly threshold?: number;
  /** Seconds. */
  readonly period?: number;
  readonly evaluationPeriods?: number;
  readonly datapointsToAlarm?: number;
  readonly treatMissingData?: TreatMissingData;
}

/**
 * One `packs:` entry as loaded: checked offline, not yet expanded. Its alarms exist only once the
 * plan's discovery read has found the resources it selects (expand.ts).
 */
export interface PackDeclaration {
  readonly service: string;
  readonly select: PackSelection;
  /** Alarm actions as ARNs (topic names resolved; PLACEHOLDER_ACCOUNT until the account is known). */
  readonly actions: AlarmActions;
  readonly overrides: Readonly<Record<string, PackOverride>>;
  readonly except: readonly string[];
  /** Every pack alarm's tags: the stack's defaults, the pack's own, the ownership tag and PACK_TAG. */
  readonly tags: Tags;
  readonly source: SourceLocation;
}

/** The tag naming the pack (its service) on each alarm it made: import and people tell them apart by it. */
export const PACK_TAG = 'monitors:pack';

/** "team=shop", "names: a, b", "prefix shop-": the selection in a plan line. */
export function selectionLabel(select: PackSelection): string {
  const parts: string[] = [];
  if (select.tags)
    parts.push(
      Object.entries(select.tags)
        .map(([k, v]) => `${k}=${v}`)
        .join(', '),
    );
  if (select.names) parts.push(`names: ${select.names.join(', ')}`);
  if (select.prefix !== undefined) parts.push(`prefix ${select.prefix}`);
  return parts.join('; ');
}

declare module '../../model/stack' {
  interface DesiredStackExtensions {
    /** Alarm packs (`packs:`), checked but not expanded: core.ts expands them after its discovery read. */
    readonly packs?: readonly PackDeclaration[];
  }
}
