/**
 * The overview dashboard's row for Contributor Insights (kinds/dashboard/overview.ts): one graph per
 * enabled rule of the stack, its unique contributors and its top contributor's value, through
 * INSIGHT_RULE_METRIC (CloudFormation refuses the console's own "insightRule" widget, so a metric
 * widget of expressions is the form every tool can write).
 */
import type { DesiredResource } from '../../model';

/** A widget before it is placed on the grid. */
export interface RuleWidget {
  readonly type: 'metric';
  readonly width: number;
  readonly height: number;
  readonly properties: Readonly<Record<string, unknown>>;
}

/** A rule name inside a single-quoted metric-math argument. */
const quoted = (name: string) => `'${name.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** One graph per enabled rule, in name order. */
export function insightRuleWidgets(resources: readonly DesiredResource[], region: string): RuleWidget[] {
  return resources
    .flatMap((r) => (r.spec.kind === 'insightRule' && r.spec.enabled ? [r.spec.name] : []))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((name) => ({
      type: 'metric',
      width: 12,
      height: 6,
      properties: {
        title: `Contributor Insights ${name}`,
        region,
        period: 300,
        metrics: [
          [
            {
              expression: `INSIGHT_RULE_METRIC(${quoted(name)}, 'UniqueContributors')`,
              label: 'unique contributors',
              id: 'u',
            },
          ],
          [
            {
              expression: `INSIGHT_RULE_METRIC(${quoted(name)}, 'MaxContributorValue')`,
              label: 'top contributor',
              id: 't',
            },
          ],
        ],
      },
    }));
}
