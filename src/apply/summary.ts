import { keyLabel, type SecretValue } from '../model';
import { maskSecrets } from '../render/mask';
import type { ApplyResult } from './executor';

/** What an apply did, for people: counts, then every failure with AWS's error code, then what was skipped. */
export function renderApplySummary(result: ApplyResult, secrets: readonly SecretValue[]): string {
  const lines = [
    `Apply ${result.failed + result.skipped === 0 ? 'complete' : 'incomplete'}: ${result.done} done, ${result.failed} failed, ${result.skipped} skipped (${(result.durationMs / 1000).toFixed(1)}s).`,
  ];
  for (const note of result.notes ?? []) lines.push(`  note     ${note}`);
  for (const o of result.outcomes) {
    if (o.status === 'failed')
      lines.push(`  failed   ${o.change.action} ${keyLabel(o.change.key)}: ${o.error.awsCode}: ${o.error.message}`);
  }
  for (const o of result.outcomes) {
    if (o.status === 'skipped') lines.push(`  skipped  ${o.change.action} ${keyLabel(o.change.key)}: ${o.reason}`);
  }
  const stale = result.outcomes.filter((o) => o.status === 'skipped' && o.stale).length;
  if (stale > 0)
    lines.push(
      `${stale} change(s) were not applied because AWS changed since the plan was made: nothing was overwritten or deleted. Review a fresh plan before applying again.`,
    );
  if (result.failed + result.skipped > 0)
    lines.push('Run the same command again: it re-plans from live state and finishes what is left.');
  return maskSecrets(lines.join('\n'), secrets);
}
