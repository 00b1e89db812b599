import { OWNER_TAG } from '../../model';
import { entry, ownTags, type KindUnbuild } from '../unbuild';
import { definitionObject, RULE_SCHEMA } from './definition';
import { checkRule, type RawRule } from './syntax';

/** The members of a rule `rule:` takes (LogGroupARNs, for cross-account rules, is not written yet). */
const RULE_KEYS = new Set(['Schema', 'LogGroupNames', 'LogFormat', 'Fields', 'Contribution', 'AggregateOn']);

/**
 * A rule as `contributorInsights:` writes it: the rule in AWS's syntax without its fixed Schema,
 * `enabled: false` only for a disabled one, tags without the ownership tag.
 */
export const insightRuleUnbuild: KindUnbuild<'insightRule'> = {
  section: 'contributorInsights',
  unbuild(spec) {
    const rule = definitionObject(spec.definition);
    if (!rule) return { unsupported: 'its definition is not a JSON object' };
    const other = Object.keys(rule).filter((k) => !RULE_KEYS.has(k));
    if (other.length > 0)
      return { unsupported: `its rule uses ${other.join(', ')}, which contributorInsights: does not take` };
    const { Schema, ...rest } = rule;
    if (Schema !== undefined && JSON.stringify(Schema) !== JSON.stringify(RULE_SCHEMA))
      return { unsupported: `its Schema is ${JSON.stringify(Schema)}, not a rule on log groups` };
    const problems = checkRule(rest as unknown as RawRule);
    if (problems.length > 0)
      return { unsupported: `its rule is not one this tool can check (${problems[0]?.message})` };
    return {
      entry: entry({
        name: spec.name,
        enabled: spec.enabled ? undefined : false,
        onTransformedLogs: spec.onTransformedLogs ? true : undefined,
        rule: rest,
        tags: ownTags(spec.tags, [OWNER_TAG]),
      }),
    };
  },
};
