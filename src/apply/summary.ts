import { keyLabel, visible, type Change } from '../model';
import { sensitivePathsOf } from '../render/redact';
import type { ApplyResult } from './executor';

/**
 * AWS's own message may quote a request parameter (an endpoint, a description): for a change with a
 * sensitive field it is withheld and only AWS's error code is shown.
 */
function awsMessage(change: Change, message: string): string {
  if (sensitivePathsOf(change).length > 0)
    return "(AWS's message is withheld: it may quote this resource's sensitive values)";
  return visible(message);
}

/** What an apply did, for people: counts, then every failure with AWS's error code, then what was skipped. */
export function renderApplySummary(result: ApplyResult): string {
  const lines = [
    `Apply ${result.failed + result.skipped === 0 ? 'complete' : 'incomplete'}: ${result.done} done, ${result.failed} failed, ${result.skipped} skipped (${(result.durationMs / 1000).toFixed(1)}s).`,
  ];
  for (const note of result.notes ?? []) lines.push(`  note     ${note}`);
  for (const o of result.outcomes) {
    if (o.status === 'failed')
      lines.push(
        `  failed   ${o.change.action} ${visible(keyLabel(o.change.key))}: ${visible(o.error.awsCode)}: ${awsMessage(o.change, o.error.message)}`,
      );
  }
  for (const o of result.outcomes) {
    if (o.status === 'skipped')
      lines.push(`  skipped  ${o.change.action} ${visible(keyLabel(o.change.key))}: ${visible(o.reason)}`);
  }
  const stale = result.outcomes.filter((o) => o.status === 'skipped' && o.stale).length;
  if (stale > 0)
    lines.push(
      `${stale} change(s) were not applied because AWS changed since the plan was made: nothing was overwritten or deleted. Review a fresh plan before applying again.`,
    );
  if (result.failed + result.skipped > 0)
    lines.push('Run the same command again: it re-plans from live state and finishes what is left.');
  return lines.join('\n');
}
